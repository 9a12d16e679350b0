"""Supervision's commands (P7.1): inspections and findings, rectification orders, and the
staff's problem reports with their reward."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, simple_transition, transition_command
from workflows.core.notifications import queue_message
from workflows.core.people import people_to_tell
from workflows.core.records import create_record
from workflows.core.registry import inspect_url
from workflows.core.roles import HR, SUPERVISION
from workflows.core.services import log_event, perform_transition

from ..choices import InspectionState
from ..models import Finding, Inspection, ProblemReport, RectificationOrder
from ..models.supervision import INSPECT, VERIFY


@command(model=Inspection, permission="quality.add_inspection", creates=True)
def plan_inspection(inspection, *, user):
    """Supervision plans an inspection, or records an unannounced one it is about to make."""
    inspection.full_clean(exclude=["reference"])
    return create_record(inspection, user=user)


start_inspection = simple_transition(Inspection, "start")


@transition_command(Inspection, "complete")
def complete_inspection(inspection, *, user, summary, expected_state=None, note=""):
    """An inspection is completed with its summary; its findings stay as they were recorded."""
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Summarise what the inspection found.")})

    def prepare(i):
        i.summary = summary
        i.completed_at = timezone.now()

    return perform_transition(
        inspection,
        "complete",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@command(model=Inspection, permission=INSPECT)
def record_finding(
    inspection, *, user, description, conforms=False, checklist_item=None, employee=None
):
    """A finding is recorded while the inspection is in progress, never after."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.state != InspectionState.IN_PROGRESS:
        raise ValidationError(_("Findings are recorded while the inspection is in progress."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe the finding.")})
    finding = Finding.objects.create(
        inspection=inspection,
        description=description,
        conforms=conforms,
        checklist_item=checklist_item,
        employee=employee,
    )
    log_event(inspection, "quality.record_finding", user=user, note=description)
    return finding


@command(model=RectificationOrder, permission=VERIFY, creates=True)
def order_rectification(order, *, user):
    """A nonconforming finding becomes a rectification order with an owner and a deadline;
    the owner is told once (P7.1)."""
    finding = order.finding
    if finding.conforms:
        raise ValidationError({"finding": _("Only a nonconformity is rectified.")})
    if order.deadline is None or order.deadline <= timezone.now():
        raise ValidationError({"deadline": _("Set a deadline in the future.")})
    order.department = order.department or finding.inspection.department
    order.full_clean(exclude=["reference", "finding"])
    order = create_record(order, user=user)
    queue_message(
        channel=MessageChannel.IN_APP,
        template="quality/rectification_ordered",
        context={"order": order},
        record=order,
        user=order.owner,
        link=inspect_url(order),
        dedupe_key=f"quality.rectification:{order.pk}:ordered",
    )
    return order


start_rectification = simple_transition(RectificationOrder, "start_work")


@transition_command(RectificationOrder, "mark_done")
def mark_rectification_done(order, *, user, evidence, expected_state=None, note=""):
    """The owner says what was done and how it shows; Supervision is told to verify."""
    text = (evidence or "").strip()

    def prepare(o):
        o.evidence = text
        o.done_at = timezone.now()

    with transaction.atomic():
        order = perform_transition(
            order,
            "mark_done",
            user=user,
            note=note or text,
            expected_state=expected_state,
            prepare=prepare,
        )
        for person in people_to_tell(roles=(SUPERVISION,)):
            queue_message(
                channel=MessageChannel.IN_APP,
                template="quality/rectification_done",
                context={"order": order},
                record=order,
                user=person,
                link=inspect_url(order),
                dedupe_key=f"quality.rectification:{order.pk}:done:{order.done_at:%s}:{person.pk}",
            )
    return order


@transition_command(RectificationOrder, "verify")
def verify_rectification(order, *, user, expected_state=None, note=""):
    def prepare(o):
        o.verified_at = timezone.now()
        o.verified_by = user

    return perform_transition(
        order, "verify", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


@transition_command(RectificationOrder, "send_back")
def send_back_rectification(order, *, user, note, expected_state=None):
    """Not put right yet: back to the owner, with Supervision's reason."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what is still missing.")})
    with transaction.atomic():
        order = perform_transition(
            order, "send_back", user=user, note=note, expected_state=expected_state
        )
        queue_message(
            channel=MessageChannel.IN_APP,
            template="quality/rectification_sent_back",
            context={"order": order, "reason": note},
            record=order,
            user=order.owner,
            link=inspect_url(order),
            dedupe_key=f"quality.rectification:{order.pk}:back:{order.state_changed_at:%s}",
        )
    return order


@command(model=ProblemReport, permission="quality.add_problemreport", creates=True)
def report_problem(report, *, user):
    """Any employee reports a problem; the History names nobody, so that only Supervision
    (who reads `reporter`) knows who wrote it (P7.1)."""
    report.reporter = user
    report.full_clean(exclude=["reference", "reporter"])
    report = create_record(report, user=user, history_user=None)
    for person in people_to_tell(roles=(SUPERVISION,)):
        queue_message(
            channel=MessageChannel.IN_APP,
            template="quality/problem_reported",
            context={"report": report},
            record=report,
            user=person,
            link=inspect_url(report),
            dedupe_key=f"quality.problem:{report.pk}:reported:{person.pk}",
        )
    return report


@transition_command(ProblemReport, "mark_useful")
def mark_report_useful(report, *, user, assessment, expected_state=None, note=""):
    """Useful: the reward falls due in the same transaction and HR is told once."""
    text = (assessment or "").strip()
    if not text:
        raise ValidationError({"assessment": _("Say why the report is useful.")})
    with transaction.atomic():
        report = perform_transition(
            report,
            "mark_useful",
            user=user,
            note=note or text,
            expected_state=expected_state,
            prepare=lambda r: setattr(r, "assessment", text),
        )
        report = perform_transition(report, "mark_reward_due", user=user)
        for person in people_to_tell(roles=(HR,)):
            queue_message(
                channel=MessageChannel.IN_APP,
                template="quality/problem_reward_due",
                context={"report": report},
                record=report,
                user=person,
                link=inspect_url(report),
                dedupe_key=f"quality.problem:{report.pk}:reward_due:{person.pk}",
            )
    return report


@transition_command(ProblemReport, "dismiss")
def dismiss_report(report, *, user, assessment, expected_state=None, note=""):
    text = (assessment or "").strip()
    if not text:
        raise ValidationError({"assessment": _("Say why the report is not pursued.")})
    return perform_transition(
        report,
        "dismiss",
        user=user,
        note=note or text,
        expected_state=expected_state,
        prepare=lambda r: setattr(r, "assessment", text),
    )


@transition_command(ProblemReport, "mark_reward_due")
def mark_problem_reward_due(report, *, user, expected_state=None, note=""):
    """Part of `mark_report_useful`; no button (`automatic`)."""
    return perform_transition(
        report, "mark_reward_due", user=user, note=note, expected_state=expected_state
    )


@transition_command(ProblemReport, "give_reward")
def give_problem_reward(report, *, user, reward_note, expected_state=None, note=""):
    """HR gives the reward; the reporter is told in the admin, once."""
    text = (reward_note or "").strip()

    def prepare(r):
        r.reward_note = text
        r.reward_given_at = timezone.now()

    with transaction.atomic():
        report = perform_transition(
            report,
            "give_reward",
            user=user,
            note=note or text,
            expected_state=expected_state,
            prepare=prepare,
        )
        queue_message(
            channel=MessageChannel.IN_APP,
            template="quality/problem_reward_given",
            context={"report": report},
            record=report,
            user=report.reporter,
            link=inspect_url(report),
            dedupe_key=f"quality.problem:{report.pk}:reward_given",
        )
    return report
