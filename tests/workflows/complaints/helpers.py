"""Small readers shared by the complaint tests."""

from wagtail.models import ModelLogEntry

from workflows.complaints.models import Complaint
from workflows.core.models import OutboundMessage


def history(record):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label=record._meta.app_label,
            content_type__model=record._meta.model_name,
            object_id=str(record.pk),
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def messages_about(record):
    return list(OutboundMessage.objects.filter(object_id=str(record.pk)).order_by("pk"))


def sent(record, template):
    """(channel, recipient) of every message of `template` about `record`."""
    return [
        (m.channel, m.recipient_user.username if m.recipient_user else m.recipient_address)
        for m in messages_about(record)
        if m.template == f"complaints/{template}"
    ]


def fresh(complaint):
    return Complaint.objects.get(pk=complaint.pk)
