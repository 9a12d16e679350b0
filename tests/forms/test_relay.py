"""The public forms are no mail or SMS relay (workflows/core/relay.py)."""

from pathlib import Path

import pytest
from django.conf import settings

from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage
from workflows.core.notifications import queue_message
from workflows.core.relay import is_mobile_number

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "notifications"
FREE_TEXT = (
    "customer_name",
    "complainant_name",
    "proposer_name",
    "description",
    "question",
    "subject",
    "message",
    "company",
    "name",
)


@pytest.mark.parametrize(
    "template",
    sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.glob("*/acknowledgement*.txt")),
)
def test_no_acknowledgement_echoes_what_the_visitor_typed(template):
    text = (TEMPLATES / template).read_text()
    for field in FREE_TEXT:
        assert f".{field} " not in text and f".{field}}}" not in text, (template, field)
        assert f"with {field}=" not in text and f" {field}=" not in text, (template, field)


def ack(channel, address, key):
    return queue_message(
        channel=channel,
        template="consultations/acknowledgement_sms"
        if channel == MessageChannel.SMS
        else "consultations/acknowledgement",
        context={"consultation": {"reference": "C1", "channel": {"reply_within_hours": 1}}},
        address=address,
        dedupe_key=key,
    )


def test_one_acknowledgement_per_address_per_window_across_forms():
    assert ack(MessageChannel.EMAIL, "victim@example.com", "a") is not None
    assert ack(MessageChannel.EMAIL, " Victim@Example.com", "b") is None
    assert (
        queue_message(
            channel=MessageChannel.EMAIL,
            template="suggestions/acknowledgement",
            context={"suggestion": {"reference": "S1"}},
            address="victim@example.com",
            dedupe_key="c",
        )
        is None
    )
    assert (
        OutboundMessage.objects.filter(recipient_address__iexact="victim@example.com").count() == 1
    )


@pytest.mark.parametrize(
    "number, mobile",
    [
        ("0912-345-678", True),
        ("+886912345678", True),
        ("02-2345-6789", False),
        ("12345", False),
        ("+1 900 555 0100", False),
        ("not a number", False),
    ],
)
def test_sms_goes_only_to_real_mobile_numbers(number, mobile):
    assert is_mobile_number(number) is mobile
    assert (ack(MessageChannel.SMS, number, f"sms-{number}") is not None) is mobile


def test_invalid_submissions_count_toward_the_rate_limit(client, form_page, settings):
    settings.INTAKE_RATE_LIMIT = 2
    statuses = [client.post(form_page.url, {}).status_code for _ in range(4)]
    assert statuses[:2] == [400, 400]
    assert statuses[2:] == [429, 429]
