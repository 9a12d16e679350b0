"""Helpers the suggestion command tests share: History, messages, a received suggestion."""

import uuid

from wagtail.models import ModelLogEntry

from workflows.core.models import OutboundMessage
from workflows.suggestions import services


def history(suggestion):
    return list(
        ModelLogEntry.objects.filter(
            content_type__app_label="suggestions", object_id=str(suggestion.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def messages(template):
    return OutboundMessage.objects.filter(template=f"suggestions/{template}")


def receive(**overrides):
    data = {
        "proposer_name": "王小明",
        "subject": "交付前多一次試車",
        "description": "希望交付前能在工地多試車一次。",
        "email": "ming@example.com",
        "phone": "",
        "submission_token": uuid.uuid4(),
        "language": "zh-hant",
    }
    data.update(overrides)
    return services.receive_customer_suggestion(**data)


def delivered(callbacks):
    for callback in callbacks:
        callback()
