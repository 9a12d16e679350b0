"""Recording and skipping follow-ups (P4.4).

Overdue follow-ups are escalated by the shared periodic job, as the model's
`escalation` declares (`workflows.core.escalation`).
"""

from django.utils import timezone

from workflows.core.commands import transition_command
from workflows.core.services import perform_transition

from ..models import FollowUp


@transition_command(FollowUp, "record")
def record_follow_up(
    follow_up,
    *,
    user,
    method,
    contacted_person,
    feedback,
    needs="",
    expected_state=None,
    note="",
):
    """Customer Service records the call, email or visit: whom, what they said, what they need."""

    def prepare(f):
        f.method = method
        f.contacted_person = (contacted_person or "").strip()
        f.feedback = (feedback or "").strip()
        f.needs = (needs or "").strip()
        f.done_at = timezone.now()
        f.done_by = user

    return perform_transition(
        follow_up,
        "record",
        user=user,
        note=note or feedback,
        expected_state=expected_state,
        prepare=prepare,
        log_data={"method": method},
    )


@transition_command(FollowUp, "skip")
def skip_follow_up(follow_up, *, user, skip_reason, expected_state=None, note=""):
    """The follow-up is not made, for a reason: the next one comes on schedule."""
    reason = (skip_reason or "").strip()
    return perform_transition(
        follow_up,
        "skip",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=lambda f: setattr(f, "skip_reason", reason),
    )
