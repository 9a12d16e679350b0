"""Classifying, evaluating and deciding on suggestions (P9.7)."""

from django.db import transaction
from django.utils import timezone

from workflows.core.commands import transition_command
from workflows.core.services import perform_transition

from ..customer_messages import ADOPTED, THANKS
from ..models import Suggestion
from .messages import in_language, publish, tell_department, tell_owner, tell_proposer


@transition_command(Suggestion, "classify")
def classify_suggestion(suggestion, *, user, category, department, expected_state=None, note=""):
    """Customer Service sorts a suggestion and sends it to the department that evaluates it."""

    def prepare(s):
        s.category = category
        s.department = department

    with transaction.atomic():
        suggestion = perform_transition(
            suggestion,
            "classify",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=prepare,
            log_data={"category": category, "department": department},
        )
        tell_department(suggestion)
    return suggestion


@transition_command(Suggestion, "start_evaluation")
def start_evaluation(suggestion, *, user, expected_state=None, note=""):
    """The department takes the suggestion up for evaluation."""
    return perform_transition(
        suggestion, "start_evaluation", user=user, note=note, expected_state=expected_state
    )


@transition_command(Suggestion, "evaluate")
def evaluate_suggestion(
    suggestion,
    *,
    user,
    feasibility,
    novelty,
    value,
    evaluation_remark,
    expected_state=None,
    note="",
):
    """The evaluator scores feasibility, novelty and value (1-5) and gives a remark."""

    def prepare(s):
        s.feasibility = feasibility
        s.novelty = novelty
        s.value = value
        s.evaluation_remark = (evaluation_remark or "").strip()
        s.evaluated_by = user
        s.evaluated_at = timezone.now()

    return perform_transition(
        suggestion,
        "evaluate",
        user=user,
        note=note or evaluation_remark,
        expected_state=expected_state,
        prepare=prepare,
        log_data={"feasibility": feasibility, "novelty": novelty, "value": value},
    )


@transition_command(Suggestion, "schedule_discussion")
def schedule_discussion(suggestion, *, user, meeting_at, expected_state=None, note=""):
    """A valuable suggestion goes on a meeting's agenda before it is decided."""
    return perform_transition(
        suggestion,
        "schedule_discussion",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=lambda s: setattr(s, "meeting_at", meeting_at),
        log_data={"meeting_at": meeting_at.isoformat()},
    )


@transition_command(Suggestion, "adopt")
def adopt_suggestion(
    suggestion,
    *,
    user,
    implementation_plan,
    owner,
    target_date,
    expected_state=None,
    note="",
):
    """Adopted: an implementation plan, a named owner and a target date.

    The owner is told; the proposer hears that their suggestion was adopted,
    and so does the tracking page.
    """

    def prepare(s):
        s.implementation_plan = (implementation_plan or "").strip()
        s.owner = owner
        s.target_date = target_date
        s.decided_at = timezone.now()

    with transaction.atomic():
        suggestion = perform_transition(
            suggestion,
            "adopt",
            user=user,
            note=note or implementation_plan,
            expected_state=expected_state,
            prepare=prepare,
            log_data={"owner": owner.get_username(), "target_date": target_date.isoformat()},
        )
        publish(suggestion, user=user, message=ADOPTED)
        text = in_language(suggestion, ADOPTED.render)
        tell_proposer(suggestion, template="adopted", key="adopted", text=text)
        tell_owner(suggestion)
    return suggestion


@transition_command(Suggestion, "decline")
def decline_suggestion(suggestion, *, user, decline_reason, expected_state=None, note=""):
    """Declined: the proposer is told why, with thanks (P9.7)."""
    reason = (decline_reason or "").strip()

    def prepare(s):
        s.decline_reason = reason
        s.decided_at = timezone.now()

    with transaction.atomic():
        suggestion = perform_transition(
            suggestion,
            "decline",
            user=user,
            note=note or reason,
            expected_state=expected_state,
            prepare=prepare,
        )
        publish(suggestion, reason, user=user, message=THANKS)
        tell_proposer(suggestion, template="declined", key="declined", text=reason)
    return suggestion
