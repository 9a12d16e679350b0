"""Each suggestion command as a case: who runs it, from which states, what it needs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from workflows.core import roles
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import (
    has_decline_reason,
    has_meeting_ahead,
    has_plan,
    has_progress,
    is_classified,
    is_scored,
)

from .conftest import DEPARTMENT, later

ALL_STATES = list(S)


class Case:
    def __init__(self, name, source, target, service, kwargs, failing=None):
        self.name = name
        self.source = source
        self.target = target
        self.service = service
        self.kwargs = kwargs
        self.failing = failing or []

    def __repr__(self):
        return self.name

    def run(self, suggestion, user, **overrides):
        kwargs = {**self.kwargs(), **overrides}
        return getattr(services, self.service)(suggestion, user=user, **kwargs)


CASES = [
    Case(
        "classify",
        S.RECEIVED,
        S.CLASSIFIED,
        "classify_suggestion",
        lambda: {"category": "equipment", "department": DEPARTMENT},
        failing=[({"department": ""}, is_classified), ({"category": ""}, is_classified)],
    ),
    Case("start_evaluation", S.CLASSIFIED, S.UNDER_EVALUATION, "start_evaluation", dict),
    Case(
        "evaluate",
        S.UNDER_EVALUATION,
        S.EVALUATED,
        "evaluate_suggestion",
        lambda: {"feasibility": 5, "novelty": 1, "value": 3, "evaluation_remark": "值得做"},
        failing=[
            ({"feasibility": 0}, is_scored),
            ({"value": 6}, is_scored),
            ({"novelty": None}, is_scored),
            ({"evaluation_remark": "  "}, is_scored),
        ],
    ),
    Case(
        "schedule_discussion",
        S.EVALUATED,
        S.FOR_DISCUSSION,
        "schedule_discussion",
        lambda: {"meeting_at": timezone.now() + timedelta(days=2)},
        failing=[({"meeting_at": timezone.now() - timedelta(minutes=1)}, has_meeting_ahead)],
    ),
    Case(
        "adopt",
        S.EVALUATED,
        S.ADOPTED,
        "adopt_suggestion",
        lambda: {"implementation_plan": "更新交付流程", "target_date": later()},
        failing=[
            ({"implementation_plan": " "}, has_plan),
            ({"target_date": timezone.localdate() - timedelta(days=1)}, has_plan),
        ],
    ),
    Case(
        "decline",
        S.EVALUATED,
        S.DECLINED,
        "decline_suggestion",
        lambda: {"decline_reason": "與現行安全規範衝突"},
        failing=[({"decline_reason": "   "}, has_decline_reason)],
    ),
    Case(
        "start_implementation",
        S.ADOPTED,
        S.IMPLEMENTING,
        "start_implementation",
        lambda: {"progress": "已與售後部討論"},
        failing=[({"progress": ""}, has_progress)],
    ),
    Case(
        "record_progress",
        S.IMPLEMENTING,
        S.IMPLEMENTING,
        "record_progress",
        lambda: {"progress": "新檢查表試行中"},
        failing=[({"progress": " "}, has_progress)],
    ),
    Case(
        "complete_implementation",
        S.IMPLEMENTING,
        S.IMPLEMENTED,
        "complete_implementation",
        lambda: {"progress": "新檢查表已全面使用"},
        failing=[({"progress": ""}, has_progress)],
    ),
]
SOURCES = {
    "classify": [S.RECEIVED],
    "start_evaluation": [S.CLASSIFIED],
    "evaluate": [S.UNDER_EVALUATION],
    "schedule_discussion": [S.EVALUATED],
    "adopt": [S.EVALUATED, S.FOR_DISCUSSION],
    "decline": [S.EVALUATED, S.FOR_DISCUSSION],
    "start_implementation": [S.ADOPTED],
    "record_progress": [S.IMPLEMENTING],
    "complete_implementation": [S.IMPLEMENTING],
}
ALLOWED = [(case, source) for case in CASES for source in SOURCES[case.name]]
FORBIDDEN = [
    (case, source) for case in CASES for source in ALL_STATES if source not in SOURCES[case.name]
]
# Ids by name: a rule function's repr holds its memory address and a date in the overrides
# changes from run to run, and every xdist worker must collect the same ids.
FAILING = [
    pytest.param(case, overrides, rule, id=f"{case.name}-{'-'.join(overrides)}-{rule.__name__}")
    for case in CASES
    for overrides, rule in case.failing
]


def actor(case, staff, owner):
    """Who takes this step in the ordinary course."""
    if case.name == "classify":
        return staff[roles.CUSTOMER_SERVICE]
    if case.name in ("start_implementation", "record_progress", "complete_implementation"):
        return owner
    return staff[DEPARTMENT]


def with_owner(case, owner, **overrides):
    return {"owner": owner, **overrides} if case.name == "adopt" else overrides
