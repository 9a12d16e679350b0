"""Suggestion commands (P9.7, P7.1): each path, each forbidden state, each rule, who may act."""

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.exceptions import (
    RecordChanged,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion

from .cases import ALLOWED, FAILING, FORBIDDEN, actor, with_owner
from .conftest import DEPARTMENT
from .helpers import history

pytestmark = pytest.mark.django_db

ALL_STATES = list(S)


@pytest.mark.parametrize(("case", "source"), ALLOWED, ids=str)
class TestEachTransition:
    def test_moves_it_sets_the_next_deadline_and_writes_one_history_entry(
        self, make, staff, owner, case, source
    ):
        suggestion = make(source)
        before = history(suggestion)
        user = actor(case, staff, owner)

        moved = case.run(suggestion, user, **with_owner(case, owner))

        assert moved.state == case.target
        added = history(suggestion)[len(before) :]
        # The transition, then what was published to the proposer, if anything.
        assert added[0] == f"suggestions.{case.name}"
        assert set(added[1:]) <= {"core.publish_update"}
        entry = ModelLogEntry.objects.filter(action=f"suggestions.{case.name}").latest("pk")
        assert entry.user == user
        assert (entry.data["from"], entry.data["to"]) == (source, case.target)
        if case.target in Suggestion.FINAL_STATES:
            assert moved.due_at is None
        else:
            assert moved.due_at is not None and moved.due_at > timezone.now()

    def test_refuses_a_user_who_saw_an_older_state(self, make, staff, owner, case, source):
        suggestion = make(source)
        other = next(s for s in ALL_STATES if s != source)

        with pytest.raises(RecordChanged):
            case.run(
                suggestion,
                actor(case, staff, owner),
                expected_state=other,
                **with_owner(case, owner),
            )
        assert Suggestion.objects.get(pk=suggestion.pk).state == source


@pytest.mark.parametrize(("case", "source"), FORBIDDEN, ids=str)
def test_a_transition_is_refused_from_a_state_it_does_not_start_from(
    make, staff, owner, case, source
):
    suggestion = make(source)
    before = history(suggestion)
    # An administrator may do everything, so only the state stands in the way.
    with pytest.raises(TransitionNotAvailable):
        case.run(suggestion, staff["admin"], **with_owner(case, owner))

    assert Suggestion.objects.get(pk=suggestion.pk).state == source
    assert history(suggestion) == before


@pytest.mark.parametrize(("case", "overrides", "rule"), FAILING)
def test_a_transition_whose_rule_fails_says_why_and_changes_nothing(
    make, staff, owner, case, overrides, rule
):
    suggestion = make(case.source)
    before = history(suggestion)

    with pytest.raises(TransitionNotAvailable) as excinfo:
        case.run(suggestion, actor(case, staff, owner), **with_owner(case, owner, **overrides))

    assert excinfo.value.reason == str(rule.message)
    assert Suggestion.objects.get(pk=suggestion.pk).state == case.source
    assert history(suggestion) == before


class TestWhoMayDoWhat:
    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != "Customer Service"])
    def test_only_customer_service_classifies(self, make, staff, role):
        with pytest.raises(TransitionPermissionDenied):
            services.classify_suggestion(
                make(), user=staff[role], category="service", department=DEPARTMENT
            )

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (role, role in (DEPARTMENT, "Management", "Supervision"))
            for role in roles.ROLE_PERMISSIONS
        ],
    )
    def test_the_department_it_was_sent_to_evaluates_or_management_and_supervision(
        self, make, staff, role, allowed
    ):
        suggestion = make(S.CLASSIFIED)
        if allowed:
            assert services.start_evaluation(suggestion, user=staff[role]).state == (
                S.UNDER_EVALUATION
            )
        else:
            with pytest.raises(TransitionPermissionDenied):
                services.start_evaluation(suggestion, user=staff[role])

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (role, role in ("Finance", "Management", "Supervision"))
            for role in roles.ROLE_PERMISSIONS
        ],
    )
    def test_the_owner_records_progress_or_management_and_supervision(
        self, make, staff, role, allowed
    ):
        suggestion = make(S.IMPLEMENTING)  # owned by the Finance user
        if allowed:
            services.record_progress(suggestion, user=staff[role], progress="進行中")
        else:
            with pytest.raises(TransitionPermissionDenied):
                services.record_progress(suggestion, user=staff[role], progress="進行中")
