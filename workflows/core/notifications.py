"""One place that sends email, SMS and in-app messages (DESIGN.md step 7).

`queue_message` stores the message inside the caller's transaction and
delivers it only after that transaction commits: a rolled-back transition
sends nothing. The unique `dedupe_key` makes a second attempt to queue the
same business event a no-op, and delivery locks the row and skips anything
already sent, so nobody receives the same notice twice.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .choices import MessageChannel, MessageStatus
from .models import OutboundMessage
from .relay import is_acknowledgement, may_acknowledge
from .sms import get_backend

logger = logging.getLogger("rsd.notifications")


def render_message(template, context, language=None):
    """Render `notifications/<template>.subject.txt` and `.txt` in `language`."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"notifications/{template}.subject.txt", context)
        body = render_to_string(f"notifications/{template}.txt", context)
    return " ".join(subject.split()), body.strip()


def queue_message(
    *,
    channel,
    template,
    context,
    dedupe_key,
    record=None,
    user=None,
    address="",
    name="",
    language=None,
    link="",
):
    """Store one message and schedule its delivery after commit; return it.

    Returns the existing message, untouched, when `dedupe_key` was queued before, and
    None for an acknowledgement to a visitor's address that relay.py holds back.
    """
    existing = OutboundMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    if (
        user is None
        and address
        and is_acknowledgement(template)
        and not may_acknowledge(channel, address)
    ):
        return None
    if user is not None and not language:
        language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "")
    subject, body = render_message(template, {**context, "record": record}, language or None)
    message = OutboundMessage(
        channel=channel,
        recipient_user=user,
        recipient_address=address or _default_address(user, channel),
        recipient_name=name or (user.get_full_name() or user.get_username() if user else ""),
        template=template,
        subject=subject,
        body=body,
        link=link,
        dedupe_key=dedupe_key,
    )
    if record is not None:
        message.content_type = ContentType.objects.get_for_model(record)
        message.object_id = str(record.pk)
    if channel in (MessageChannel.IN_APP, MessageChannel.RECORDED):
        # Shown in the admin or given in person: stored is delivered.
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return OutboundMessage.objects.get(dedupe_key=dedupe_key)
    if message.status == MessageStatus.QUEUED:
        from .tasks import deliver_message

        transaction.on_commit(lambda: deliver_message.enqueue(message.pk))
    return message


def _default_address(user, channel):
    if user is None:
        return ""
    if channel == MessageChannel.EMAIL:
        return user.email
    return ""


def deliver(message_id):
    """Send one queued message exactly once; failures are kept for a retry."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status == MessageStatus.SENT:
            return False
        message.attempts += 1
        message.last_attempt_at = timezone.now()
        try:
            _send(message)
        except Exception as exc:  # any provider error: record it, retry later
            logger.warning("Message %s failed: %s", message.pk, exc)
            message.status = MessageStatus.FAILED
            message.error = str(exc)[:2000]
        else:
            message.status = MessageStatus.SENT
            message.sent_at = timezone.now()
            message.error = ""
        message.save(update_fields=["status", "sent_at", "error", "attempts", "last_attempt_at"])
    return message.status == MessageStatus.SENT


def _send(message):
    if message.channel == MessageChannel.EMAIL:
        if not message.recipient_address:
            raise ValueError("no email address")
        EmailMessage(message.subject, message.body, to=[message.recipient_address]).send()
    elif message.channel == MessageChannel.SMS:
        if not message.recipient_address:
            raise ValueError("no phone number")
        get_backend().send(message.recipient_address, message.body)
