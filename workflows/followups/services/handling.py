"""Recording, skipping and escalating follow-ups (P4.4)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.models import ServiceLevelSettings
from workflows.core.notifications import queue_message
from workflows.core.registry import inspect_url
from workflows.core.roles import CUSTOMER_SERVICE
from workflows.core.services import log_event, perform_transition

from ..models import FollowUp


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


def escalate_overdue(now=None, batch=500):
    """Tell the Customer Service lead (or every member) of follow-ups past their deadline,
    once per deadline: one query finds them, one update marks them."""
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(
            FollowUp.objects.open()
            .select_for_update(of=("self",))
            .filter(due_at__lt=now, escalated_at__isnull=True)
            .order_by("due_at")[:batch]
        )
        if not overdue:
            return 0
        lead = ServiceLevelSettings.load().customer_service_lead
        recipients = (
            [lead]
            if lead is not None and lead.is_active
            else list(
                get_user_model().objects.filter(groups__name=CUSTOMER_SERVICE, is_active=True)
            )
        )
        FollowUp.objects.filter(pk__in=[f.pk for f in overdue]).update(escalated_at=now)
        for follow_up in overdue:
            log_event(follow_up, "core.escalate", note=_("follow-up deadline passed"))
            for recipient in recipients:
                queue_message(
                    channel=MessageChannel.IN_APP,
                    template="followups/escalation",
                    context={"follow_up": follow_up},
                    record=follow_up,
                    user=recipient,
                    link=inspect_url(follow_up),
                    dedupe_key=f"followup:{follow_up.pk}:escalation:"
                    f"{follow_up.due_at:%Y%m%d%H%M%S}:{recipient.pk}",
                )
    return len(overdue)
