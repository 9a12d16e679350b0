"""Overdue complaints are escalated to the Supervision group (P7.1, P9.2-P9.5)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.roles import SUPERVISION
from workflows.core.services import log_events

from ..models import Complaint
from .messages import members, tell_staff

BATCH = 500


def escalate_overdue(now=None):
    """Escalate each open complaint past its deadline once per deadline; return how many.

    Set-based: one query finds them (at most BATCH a run), one update marks
    them, one insert writes their History entries; each Supervision member gets
    one message per complaint.
    A new deadline (the next state) clears the mark, so it can be escalated again.
    """
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(
            Complaint.objects.select_for_update()
            .open()
            .filter(due_at__lt=now, escalated_at__isnull=True)
            .order_by("due_at")[:BATCH]
        )
        if not overdue:
            return 0
        Complaint.objects.filter(pk__in=[c.pk for c in overdue]).update(escalated_at=now)
        supervisors = members(SUPERVISION)
        log_events(overdue, "core.escalate", note=_("deadline passed; Supervision told"))
        for complaint in overdue:
            tell_staff(
                supervisors,
                complaint,
                "escalation",
                f"escalation:{complaint.state}:{complaint.due_at:%Y%m%d%H%M%S}",
                email=False,
            )
    return len(overdue)
