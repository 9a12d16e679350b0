"""Closing, explaining, reopening and raising a complaint's urgency (P9.2, P9.4-P9.6)."""

from django.db import transaction
from django.utils import timezone

from workflows.core.commands import transition_command
from workflows.core.services import perform_transition

from ..customer_messages import CLOSED, REOPENED
from ..models import Complaint, ComplaintSettings
from .common import (
    check_investigator,
    check_staff_member,
    leaving_state,
    naming,
    publish,
    publish_standard,
)
from .messages import start_emergency_procedure, tell_complainant, tell_staff

#: `reopen_complaint(staff_member=UNCHANGED)`: the staff member named before stays named.
UNCHANGED = object()


def _survey_on_commit(complaint):
    """The complainant is asked the satisfaction survey once the close is committed (P7.2);
    an error there never undoes the close, and the periodic job asks whoever was missed."""
    from workflows.quality.services import survey_after_complaint

    transaction.on_commit(lambda: survey_after_complaint(complaint.pk), robust=True)


def _record_cause(root_cause, root_cause_detail, corrective_action):
    def setter(c):
        c.root_cause = root_cause
        c.root_cause_detail = (root_cause_detail or "").strip()
        c.corrective_action = (corrective_action or "").strip()
        c.closed_at = timezone.now()

    return setter


@transition_command(Complaint, "close")
def close_complaint(
    complaint,
    *,
    user,
    root_cause,
    corrective_action,
    root_cause_detail="",
    expected_state=None,
    note="",
):
    """Close with the root cause and corrective action; the complainant gets the rating link.

    P9.5 (satisfaction is followed up) and P9.6 (causes are analysed and
    corrected).
    """
    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "close",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=leaving_state(_record_cause(root_cause, root_cause_detail, corrective_action)),
            log_data={"root_cause": root_cause},
        )
        tell_complainant(complaint, "closed", f"closed:{complaint.reopened_count}")
        publish_standard(complaint, CLOSED, user=user)
        _survey_on_commit(complaint)
    return complaint


@transition_command(Complaint, "explain_and_close")
def explain_and_close(
    complaint,
    *,
    user,
    explanation,
    root_cause,
    corrective_action,
    root_cause_detail="",
    expected_state=None,
    note="",
):
    """An unreasonable demand: the reason is explained to the complainant and kept (P9.4)."""
    record_cause = _record_cause(root_cause, root_cause_detail, corrective_action)

    def prepare(c):
        c.explanation = explanation.strip()
        record_cause(c)

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "explain_and_close",
            user=user,
            note=note or explanation,
            expected_state=expected_state,
            prepare=leaving_state(prepare),
            log_data={"root_cause": root_cause},
        )
        tell_complainant(complaint, "explanation", f"explanation:{complaint.reopened_count}")
        publish(complaint, complaint.explanation, user=user)
        _survey_on_commit(complaint)
    return complaint


@transition_command(Complaint, "reopen")
def reopen_complaint(
    complaint,
    *,
    user,
    department,
    investigator,
    note,
    staff_member=UNCHANGED,
    expected_state=None,
):
    """The complainant comes back within the reopen window: investigated again (P9.5).

    The staff member complained about stays as named unless `staff_member` is given
    (None: nobody); a new name is written into the History like the assignment's.
    """
    check_investigator(department, investigator)
    named = {}
    if staff_member is not UNCHANGED:
        check_staff_member(department, staff_member)
        note, named = naming(note, staff_member)

    def prepare(c):
        c.department = department
        c.investigator = investigator
        if staff_member is not UNCHANGED:
            c.staff_member = staff_member
        c.assigned_at = timezone.now()
        c.reopened_count += 1

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "reopen",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=prepare,
            log_data={
                "department": department,
                "investigator": investigator.get_username(),
                **named,
            },
        )
        # The reopen window was checked against the closing time; it is cleared now,
        # so that the next closing time measures the whole handling again.
        Complaint.objects.filter(pk=complaint.pk).update(closed_at=None)
        complaint.closed_at = None
        tell_staff(
            [investigator],
            complaint,
            "assigned",
            f"assigned:{complaint.assigned_at:%Y%m%d%H%M%S%f}",
        )
        tell_complainant(complaint, "reopened", f"reopened:{complaint.reopened_count}")
        publish_standard(complaint, REOPENED, user=user)
    return complaint


@transition_command(Complaint, "mark_urgent")
def mark_urgent(complaint, *, user, note, expected_state=None):
    """Raise a complaint to urgent later (P9.2): the emergency procedure starts at once.

    The short deadline of the current state applies from now on, unless the
    current one is sooner: becoming urgent never gives more time.
    """
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        now = timezone.now()
        urgent_limit = ComplaintSettings.load().limit(current.state, urgent=True)
        due_at = current.due_at
        if urgent_limit is not None:
            candidate = now + urgent_limit
            due_at = candidate if due_at is None else min(due_at, candidate)

        complaint = perform_transition(
            complaint,
            "mark_urgent",
            user=user,
            note=note,
            expected_state=expected_state,
            due_at=due_at,
        )
        # Set after the transition, whose condition is "not urgent yet"; the state did
        # not change, so the time it was entered stays.
        Complaint.objects.filter(pk=complaint.pk).update(
            urgent=True, urgent_since=now, state_changed_at=current.state_changed_at
        )
        complaint.urgent, complaint.urgent_since = True, now
        complaint.state_changed_at = current.state_changed_at
        start_emergency_procedure(complaint)
    return complaint
