"""Periodic jobs of the shared machinery."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .choices import MessageStatus
from .models import OutboundMessage, ServiceLevelSettings
from .periodic import periodic_job

MAX_ATTEMPTS = 5


@periodic_job("retry_failed_messages")
def retry_failed_messages(now=None):
    """Try again, up to 5 attempts, messages whose last attempt (or queuing) is a delay ago.

    The delay doubles with each attempt (15 min, 30, 60, 120 by default), so a
    provider that is down for an hour is not hammered every cron run.
    """
    from .tasks import deliver_message

    now = now or timezone.now()
    delay = timedelta(minutes=ServiceLevelSettings.load().message_retry_minutes)
    due = Q(attempts=0, created_at__lt=now - delay)
    for attempts in range(1, MAX_ATTEMPTS):
        due |= Q(attempts=attempts, last_attempt_at__lt=now - delay * 2 ** (attempts - 1))
    ids = list(
        OutboundMessage.objects.filter(
            due, status__in=[MessageStatus.FAILED, MessageStatus.QUEUED]
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        deliver_message.enqueue(pk)
    return {"requeued": len(ids)}


@periodic_job("forget_pending_imports")
def forget_pending_imports(now=None):
    """Uploaded files that were previewed but never confirmed are deleted after a day."""
    from .models import PendingImport

    now = now or timezone.now()
    deleted, _detail = PendingImport.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    return {"deleted": deleted}


@periodic_job("escalate_overdue")
def escalate_overdue(now=None):
    """Every process that declares an `escalation` on its model, set-based (DESIGN.md step 5)."""
    from .escalation import escalate_all

    return escalate_all(now=now)
