"""Telling the complainant and staff what happens to a complaint (P9.2, P9.3, P9.5).

The complainant hears by their channel: an email when they wrote by email or
on the website, a text message when they phoned, and what staff told them in
person or by letter is recorded as given. Every message is stored once
(`dedupe_key`) and sent after the transaction commits (workflows.core.notifications).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from workflows.core.choices import MessageChannel
from workflows.core.notifications import queue_message
from workflows.core.people import members
from workflows.core.roles import MANAGEMENT, SUPERVISION

from ..choices import ComplaintChannel, ContactMethod

SPOKEN_CHANNELS = {ComplaintChannel.HOTLINE, ComplaintChannel.PHONE}


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_links(complaint):
    """The tracking and rating links, in the complainant's language."""
    with translation.override(complaint.language):
        return {
            "tracking_url": absolute(complaint.get_tracking_url()),
            "rating_url": absolute(complaint.get_rating_url()),
        }


def inspect_link(complaint):
    return reverse("wagtailsnippets_complaints_complaint:inspect", args=[complaint.pk])


def preferred_method(complaint):
    """How the complainant expects to hear from us, given what they left."""
    if complaint.phone and (complaint.channel in SPOKEN_CHANNELS or not complaint.email):
        return ContactMethod.SMS
    if complaint.email:
        return ContactMethod.EMAIL
    return ContactMethod.PHONE


def tell_complainant(complaint, template, event, *, method=None, context=None):
    """One message to the complainant about `event` (unique per complaint), by `method`."""
    method = method or preferred_method(complaint)
    message_context = {"complaint": complaint, **public_links(complaint), **(context or {})}
    common = {
        "record": complaint,
        "name": complaint.complainant_name,
        "language": complaint.language,
        "context": message_context,
        "dedupe_key": f"complaint:{complaint.pk}:{event}",
    }
    if method == ContactMethod.EMAIL:
        return queue_message(
            channel=MessageChannel.EMAIL,
            template=f"complaints/{template}",
            address=complaint.email,
            **common,
        )
    if method == ContactMethod.SMS:
        return queue_message(
            channel=MessageChannel.SMS,
            template=f"complaints/{template}_sms",
            address=complaint.phone,
            **common,
        )
    # Told by phone, in person or by letter: the text is kept as what was said.
    return queue_message(
        channel=MessageChannel.RECORDED,
        template=f"complaints/{template}",
        address=complaint.phone or complaint.email,
        **common,
    )


def tell_staff(users, complaint, template, event, *, email=True, context=None):
    """In the admin (Messages for you) and, when `email`, by email too."""
    link = inspect_link(complaint)
    for user in users:
        channels = [MessageChannel.IN_APP]
        if email and user.email:
            channels.append(MessageChannel.EMAIL)
        for channel in channels:
            queue_message(
                channel=channel,
                template=f"complaints/{template}",
                context={"complaint": complaint, **(context or {})},
                record=complaint,
                user=user,
                link=link if channel == MessageChannel.IN_APP else absolute(link),
                dedupe_key=f"complaint:{complaint.pk}:{event}:{user.pk}:{channel}",
            )


def start_emergency_procedure(complaint):
    """An urgent complaint: Supervision and Management hear of it at once (P9.2)."""
    tell_staff(members(SUPERVISION, MANAGEMENT), complaint, "urgent", "urgent")
