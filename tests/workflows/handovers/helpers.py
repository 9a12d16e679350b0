from wagtail.models import ModelLogEntry

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


def messages_about(record, template):
    return list(
        OutboundMessage.objects.filter(object_id=str(record.pk), template=template).order_by("pk")
    )


def fresh(record):
    return type(record)._default_manager.get(pk=record.pk)
