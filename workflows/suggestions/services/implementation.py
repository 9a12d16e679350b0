"""Implementing adopted suggestions, and the reward for employees (P9.7, P7.1)."""

from django.db import transaction
from django.utils import timezone

from workflows.core.choices import MessageChannel
from workflows.core.commands import transition_command
from workflows.core.notifications import queue_message
from workflows.core.registry import inspect_url
from workflows.core.services import perform_transition

from ..choices import RewardState
from ..choices import SuggestionState as S
from ..models import Suggestion
from .messages import publish, tell_proposer


def _progress(suggestion, name, *, user, progress, expected_state, note, prepare=None):
    """A step of the implementation: its text goes to the proposer and the tracking page."""
    text = (progress or "").strip()

    def set_progress(s):
        s.latest_progress = text
        if prepare is not None:
            prepare(s)

    with transaction.atomic():
        suggestion = perform_transition(
            suggestion,
            name,
            user=user,
            note=note or text,
            expected_state=expected_state,
            prepare=set_progress,
        )
        update = publish(suggestion, text, user=user)
        template = "implemented" if suggestion.state == S.IMPLEMENTED else "progress"
        tell_proposer(suggestion, template=template, key=f"progress:{update.pk}", text=text)
    return suggestion


@transition_command(Suggestion, "start_implementation")
def start_implementation(suggestion, *, user, progress, expected_state=None, note=""):
    """The owner starts on the plan and tells the proposer what is being done first."""
    return _progress(
        suggestion,
        "start_implementation",
        user=user,
        progress=progress,
        expected_state=expected_state,
        note=note,
    )


@transition_command(Suggestion, "record_progress")
def record_progress(suggestion, *, user, progress, expected_state=None, note=""):
    """Each progress update reaches the proposer, once, and the tracking page (P9.7).

    The step stays in its state, so the expected state cannot tell a form sent twice (a
    double click, a reload) from a new report: the same text as the latest report, read on
    the locked row, is the same report, and nothing is published, logged or sent again.
    """
    text = (progress or "").strip()
    with transaction.atomic():
        current = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if text and current.state == S.IMPLEMENTING and current.latest_progress == text:
            return current
        return _progress(
            suggestion,
            "record_progress",
            user=user,
            progress=progress,
            expected_state=expected_state,
            note=note,
        )


@transition_command(Suggestion, "complete_implementation")
def complete_implementation(suggestion, *, user, progress, expected_state=None, note=""):
    """Implemented. An employee's suggestion is now due a reward (P7.1): the reward's
    machine moves from none to due in the same transaction, by the same person."""
    with transaction.atomic():
        suggestion = _progress(
            suggestion,
            "complete_implementation",
            user=user,
            progress=progress,
            expected_state=expected_state,
            note=note,
            prepare=lambda s: setattr(s, "implemented_at", timezone.now()),
        )
        if suggestion.is_from_employee:
            suggestion = mark_reward_due(suggestion, user=user, expected_state=RewardState.NONE)
    return suggestion


@transition_command(Suggestion, "mark_reward_due")
def mark_reward_due(suggestion, *, user, expected_state=None, note=""):
    """An implemented employee's suggestion is due its reward (P7.1). Automatic: run by
    `complete_implementation` in its transaction, never offered as a step of its own."""
    return perform_transition(
        suggestion, "mark_reward_due", user=user, note=note, expected_state=expected_state
    )


@transition_command(Suggestion, "give_reward")
def give_reward(suggestion, *, user, reward_note, expected_state=None, note=""):
    """HR records that the employee received the reward for an implemented suggestion (P7.1).

    The reward's machine moves from due to given; the suggestion's own state
    stays implemented and its deadline untouched. The employee is told in the
    admin, once.
    """
    text = (reward_note or "").strip()

    def prepare(s):
        s.reward_note = text
        s.reward_given_at = timezone.now()
        s.reward_given_by = user

    with transaction.atomic():
        suggestion = perform_transition(
            suggestion,
            "give_reward",
            user=user,
            note=note or text,
            expected_state=expected_state,
            prepare=prepare,
        )
        queue_message(
            channel=MessageChannel.IN_APP,
            template="suggestions/reward_given",
            context={"suggestion": suggestion},
            record=suggestion,
            user=suggestion.proposer,
            link=inspect_url(suggestion),
            dedupe_key=f"suggestion:{suggestion.pk}:reward_given",
        )
    return suggestion
