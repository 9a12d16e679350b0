"""Who hears what about a suggestion, and by which channel (P9.7).

The proposer hears of every step that concerns them: a customer by email (or
SMS when they left only a phone number) with their private tracking link, an
employee in the admin. The same words are published on the tracking page.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from workflows.core.choices import MessageChannel
from workflows.core.notifications import queue_message
from workflows.core.people import members
from workflows.core.registry import inspect_url
from workflows.core.roles import MANAGEMENT
from workflows.core.tracking import publish_update

from ..access import proposer_label


def tracking_link(suggestion):
    """The proposer's private link, absolute, in the language they wrote in."""
    with translation.override(suggestion.language):
        path = reverse("track", args=[suggestion.tracking_token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def in_language(suggestion, text_function):
    """A sentence of ours (not staff's) in the proposer's language, for a message to them."""
    with translation.override(suggestion.language):
        return str(text_function())


def publish(suggestion, text="", *, user, message=None):
    """An update on the tracking page: staff's words as typed, and a standard sentence
    (customer_messages.py) stored as its code, read in each reader's language."""
    return publish_update(suggestion, text, code=message.code if message else "", user=user)


def tell_proposer(suggestion, *, template, key, text=""):
    """One message to the proposer about `template`'s event; `key` makes it happen once."""
    context = {
        "suggestion": suggestion,
        "text": text,
        "stage": in_language(suggestion, suggestion.public_stage),
        "tracking_link": tracking_link(suggestion),
    }
    dedupe_key = f"suggestion:{suggestion.pk}:{key}"
    if suggestion.is_from_employee:
        return queue_message(
            channel=MessageChannel.IN_APP,
            template=f"suggestions/{template}",
            context=context,
            record=suggestion,
            user=suggestion.proposer,
            link=inspect_url(suggestion),
            dedupe_key=dedupe_key,
        )
    if suggestion.proposer_email:
        return queue_message(
            channel=MessageChannel.EMAIL,
            template=f"suggestions/{template}",
            context=context,
            record=suggestion,
            address=suggestion.proposer_email,
            name=suggestion.proposer_name,
            language=suggestion.language,
            dedupe_key=dedupe_key,
        )
    if suggestion.proposer_phone:
        return queue_message(
            channel=MessageChannel.SMS,
            template="suggestions/update_sms",
            context=context,
            record=suggestion,
            address=suggestion.proposer_phone,
            name=suggestion.proposer_name,
            language=suggestion.language,
            dedupe_key=dedupe_key,
        )
    return None


def tell_department(suggestion):
    """The evaluating department hears of a suggestion to evaluate, never who made it
    when the proposer stays anonymous."""
    recipients = members(suggestion.department) or members(MANAGEMENT)
    context = {"suggestion": suggestion, "proposer": proposer_label(suggestion)}
    for recipient in recipients:
        queue_message(
            channel=MessageChannel.IN_APP,
            template="suggestions/for_evaluation",
            context=context,
            record=suggestion,
            user=recipient,
            link=inspect_url(suggestion),
            dedupe_key=f"suggestion:{suggestion.pk}:for_evaluation:{recipient.pk}",
        )


def tell_owner(suggestion):
    queue_message(
        channel=MessageChannel.IN_APP,
        template="suggestions/owner",
        context={"suggestion": suggestion, "proposer": proposer_label(suggestion)},
        record=suggestion,
        user=suggestion.owner,
        link=inspect_url(suggestion),
        dedupe_key=f"suggestion:{suggestion.pk}:owner:{suggestion.owner_id}",
    )
