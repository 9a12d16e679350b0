"""Implementing adopted suggestions, and the reward for employees (P9.7, P7.1)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.exceptions import TransitionPermissionDenied
from workflows.core.notifications import queue_message
from workflows.core.registry import inspect_url
from workflows.core.services import lock, log_event, perform_transition

from ..access import GIVE_REWARD
from ..choices import RewardStatus
from ..choices import SuggestionState as S
from ..exceptions import RewardNotDue
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


def record_progress(suggestion, *, user, progress, expected_state=None, note=""):
    """Each progress update reaches the proposer, once, and the tracking page (P9.7)."""
    return _progress(
        suggestion,
        "record_progress",
        user=user,
        progress=progress,
        expected_state=expected_state,
        note=note,
    )


def complete_implementation(suggestion, *, user, progress, expected_state=None, note=""):
    """Implemented. An employee's suggestion is now due a reward (P7.1)."""

    def prepare(s):
        s.implemented_at = timezone.now()
        if s.is_from_employee:
            s.reward_status = RewardStatus.DUE

    return _progress(
        suggestion,
        "complete_implementation",
        user=user,
        progress=progress,
        expected_state=expected_state,
        note=note,
        prepare=prepare,
    )


def give_reward(suggestion, *, user, reward_note):
    """HR records that the employee received the reward for an implemented suggestion (P7.1).

    Not a change of the suggestion's state, which stays implemented: a History
    entry and a message to the employee.
    """
    if not (user.is_superuser or user.has_perm(GIVE_REWARD)):
        raise TransitionPermissionDenied(f"{user} may not give rewards")
    with transaction.atomic():
        fresh = lock(Suggestion, suggestion.pk)
        if fresh.reward_status != RewardStatus.DUE:
            raise RewardNotDue(
                _("No reward is due for this suggestion, or it was already given."),
                code="not_due",
            )
        fresh.reward_status = RewardStatus.GIVEN
        fresh.reward_given_at = timezone.now()
        fresh.reward_given_by = user
        fresh.reward_note = (reward_note or "").strip()
        fresh.save(
            update_fields=["reward_status", "reward_given_at", "reward_given_by", "reward_note"]
        )
        log_event(fresh, "suggestions.give_reward", user=user, note=fresh.reward_note)
        queue_message(
            channel=MessageChannel.IN_APP,
            template="suggestions/reward_given",
            context={"suggestion": fresh},
            record=fresh,
            user=fresh.proposer,
            link=inspect_url(fresh),
            dedupe_key=f"suggestion:{fresh.pk}:reward_given",
        )
    return fresh
