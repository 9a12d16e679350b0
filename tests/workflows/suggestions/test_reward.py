"""Suggestion commands (P9.7, P7.1): the reward of a useful suggestion."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core import roles
from workflows.core.exceptions import (
    RecordChanged,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.services import perform_transition
from workflows.suggestions import services
from workflows.suggestions.choices import RewardState
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import (
    Suggestion,
)

from .helpers import history, messages

pytestmark = pytest.mark.django_db


class TestTheReward:
    """The reward is the suggestion's second state machine: none → due → given (P7.1)."""

    def test_an_implemented_employee_suggestion_is_due_a_reward(self, make, staff, owner):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        assert suggestion.reward_state == RewardState.DUE
        actions = history(suggestion)
        assert actions[-1] == "suggestions.mark_reward_due"
        assert "suggestions.complete_implementation" in actions
        entry = ModelLogEntry.objects.filter(action="suggestions.mark_reward_due").get()
        assert entry.user == owner
        assert entry.data["field"] == "reward_state"
        assert (entry.data["from"], entry.data["to"]) == (RewardState.NONE, RewardState.DUE)

    def test_a_customer_suggestion_is_not(self, make):
        suggestion = make(S.IMPLEMENTED)

        assert suggestion.reward_state == RewardState.NONE
        assert "suggestions.mark_reward_due" not in history(suggestion)

    @pytest.mark.parametrize("state", [S.ADOPTED, S.IMPLEMENTING, S.DECLINED])
    def test_nor_one_not_implemented(self, make, staff, state):
        suggestion = make(state, employee=True, proposer=staff[roles.SALES])

        assert suggestion.reward_state == RewardState.NONE

    @pytest.mark.parametrize("state", [S.IMPLEMENTING, S.DECLINED])
    def test_marking_it_due_by_hand_is_refused_before_implementation(self, make, staff, state):
        suggestion = make(state, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionNotAvailable) as refused:
            perform_transition(suggestion, "mark_reward_due", user=staff["admin"])
        assert "implemented" in refused.value.reason
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.NONE

    def test_hr_gives_it_once_it_is_logged_and_the_employee_told(self, make, staff):
        employee = staff[roles.SALES]
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=employee)

        given = services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金 3,000 元")

        assert given.reward_state == RewardState.GIVEN
        assert given.reward_given_by == staff[roles.HR]
        assert given.reward_given_at is not None
        assert given.reward_note == "獎金 3,000 元"
        assert given.state == S.IMPLEMENTED
        assert history(suggestion)[-1] == "suggestions.give_reward"
        entry = ModelLogEntry.objects.filter(action="suggestions.give_reward").get()
        assert entry.data["note"] == "獎金 3,000 元"
        message = messages("reward_given").get()
        assert message.recipient_user == employee
        assert "獎金 3,000 元" in message.body

    def test_it_leaves_the_suggestions_state_and_deadline_alone(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        Suggestion.objects.filter(pk=suggestion.pk).update(
            due_at=timezone.now() + timedelta(days=3), escalated_at=timezone.now()
        )
        before = Suggestion.objects.get(pk=suggestion.pk)

        given = services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        assert given.state == S.IMPLEMENTED
        assert given.due_at == before.due_at
        assert given.escalated_at == before.escalated_at
        assert given.state_changed_at == before.state_changed_at

    def test_an_empty_note_is_refused(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionNotAvailable) as refused:
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="  ")
        assert refused.value.reason == "Say what the employee received."
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.DUE

    def test_it_cannot_be_given_twice(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        with pytest.raises(TransitionNotAvailable):
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="再一次")
        assert messages("reward_given").count() == 1

    def test_a_stale_reward_state_is_refused_as_changed(self, make, staff):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])
        services.give_reward(suggestion, user=staff[roles.HR], reward_note="獎金")

        with pytest.raises(RecordChanged) as changed:
            services.give_reward(
                suggestion,
                user=staff[roles.HR],
                reward_note="再一次",
                expected_state=RewardState.DUE,
            )
        assert changed.value.current_state == RewardState.GIVEN
        assert Suggestion.objects.get(pk=suggestion.pk).reward_note == "獎金"

    def test_a_customer_suggestion_has_none_to_give(self, make, staff):
        suggestion = make(S.IMPLEMENTED)

        with pytest.raises(TransitionNotAvailable):
            services.give_reward(suggestion, user=staff[roles.HR], reward_note="x")
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.NONE

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR])
    def test_only_hr_gives_it(self, make, staff, role):
        suggestion = make(S.IMPLEMENTED, employee=True, proposer=staff[roles.SALES])

        with pytest.raises(TransitionPermissionDenied):
            services.give_reward(suggestion, user=staff[role], reward_note="x")
        assert Suggestion.objects.get(pk=suggestion.pk).reward_state == RewardState.DUE
