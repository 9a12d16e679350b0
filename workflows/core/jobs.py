"""Periodic jobs of the shared machinery."""

from datetime import timedelta

from django.utils import timezone

from .choices import MessageStatus
from .models import OutboundMessage, ServiceLevelSettings
from .periodic import periodic_job


@periodic_job("retry_failed_messages")
def retry_failed_messages(now=None):
    """Queue again the messages whose delivery failed, after the retry delay, up to 5 tries."""
    from .tasks import deliver_message

    now = now or timezone.now()
    delay = timedelta(minutes=ServiceLevelSettings.load().message_retry_minutes)
    pending = OutboundMessage.objects.filter(
        status__in=[MessageStatus.FAILED, MessageStatus.QUEUED],
        attempts__lt=5,
        created_at__lt=now - delay,
    ).values_list("pk", flat=True)[:500]
    ids = list(pending)
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
