from datetime import timedelta

import pytest
from django.utils import timezone

from workflows.core import roles
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

from .factories import SuggestionFactory

#: The department the suggestions of these tests are sent to.
DEPARTMENT = roles.AFTER_SALES
#: Every state, in the order a suggestion reaches it.
PATH = [
    S.RECEIVED,
    S.CLASSIFIED,
    S.UNDER_EVALUATION,
    S.EVALUATED,
    S.FOR_DISCUSSION,
    S.ADOPTED,
    S.IMPLEMENTING,
    S.IMPLEMENTED,
]


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its labels and messages."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def evaluator(staff):
    return staff[DEPARTMENT]


@pytest.fixture
def owner(staff):
    return staff[roles.FINANCE]


def later(days=30):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def make(staff, cs, evaluator, owner):
    """A suggestion brought to `state` through the services, as staff would."""

    def build(state=S.RECEIVED, *, discussed=False, **fields):
        suggestion = SuggestionFactory(**fields)
        if state == S.RECEIVED:
            return suggestion
        suggestion = services.classify_suggestion(
            suggestion, user=cs, category="service", department=DEPARTMENT
        )
        if state == S.CLASSIFIED:
            return suggestion
        suggestion = services.start_evaluation(suggestion, user=evaluator)
        if state == S.UNDER_EVALUATION:
            return suggestion
        suggestion = services.evaluate_suggestion(
            suggestion,
            user=evaluator,
            feasibility=4,
            novelty=3,
            value=5,
            evaluation_remark="可行，成本低",
        )
        if state == S.EVALUATED:
            return suggestion
        if state == S.FOR_DISCUSSION or discussed:
            suggestion = services.schedule_discussion(
                suggestion, user=evaluator, meeting_at=timezone.now() + timedelta(days=3)
            )
            if state == S.FOR_DISCUSSION:
                return suggestion
        if state == S.DECLINED:
            return services.decline_suggestion(
                suggestion, user=evaluator, decline_reason="目前成本過高"
            )
        suggestion = services.adopt_suggestion(
            suggestion,
            user=evaluator,
            implementation_plan="修改交付檢查表",
            owner=owner,
            target_date=later(),
        )
        if state == S.ADOPTED:
            return suggestion
        suggestion = services.start_implementation(suggestion, user=owner, progress="已開始")
        if state == S.IMPLEMENTING:
            return suggestion
        if state == S.IMPLEMENTED:
            return services.complete_implementation(suggestion, user=owner, progress="已完成")
        raise ValueError(state)

    return build
