"""One place that sends email, SMS and in-app messages (DESIGN.md step 7).

`queue_message` stores the message inside the caller's transaction and
delivers it only after that transaction commits: a rolled-back transition
sends nothing. The unique `dedupe_key` makes a second attempt to queue the
same business event a no-op, and delivery locks the row and skips anything
already sent, so nobody receives the same notice twice.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .choices import MessageChannel, MessageStatus
from .models import OutboundMessage
from .people import person_name
from .relay import is_acknowledgement, may_acknowledge
from .sms import get_backend

logger = logging.getLogger("rsd.notifications")


def render_message(template, context, language=None):
    """Render `notifications/<template>.subject.txt` and `.txt` in `language`."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"notifications/{template}.subject.txt", context)
        body = render_to_string(f"notifications/{template}.txt", context)
    return " ".join(subject.split()), body.strip()


def recipient_language(user, language=None):
    """The language a message is written in: the one given (a customer's, stored on their
    record), else a staff member's profile language; a customer known only by an address
    gets the site's language, never that of the staff member whose action sent it."""
    if language:
        return language
    if user is not None:
        return getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "")
    return settings.LANGUAGE_CODE


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
    language = recipient_language(user, language)
    subject, body = render_message(template, {**context, "record": record}, language or None)
    message = OutboundMessage(
        channel=channel,
        recipient_user=user,
        recipient_address=address or _default_address(user, channel),
        recipient_name=name or person_name(user),
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


def queue_messages(specs):
    """Store many messages at once (periodic jobs): `specs` are `queue_message` keyword dicts.

    One query finds the dedupe keys already queued (those are skipped, as
    `queue_message` skips them), one insert stores the rest, and each message
    that must still be sent is delivered after commit. A user's language comes
    from `preferred_language` given in the spec, or else the user's profile
    (select it with the users to keep this at a constant number of queries).
    Returns the messages stored now.
    """
    specs = [spec for spec in specs if spec]
    if not specs:
        return []
    keys = [spec["dedupe_key"] for spec in specs]
    done = set(
        OutboundMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    now = timezone.now()
    rendered = {}
    messages = []
    for spec in specs:
        key = spec["dedupe_key"]
        if key in done:
            continue
        done.add(key)
        channel, user, record = spec["channel"], spec.get("user"), spec.get("record")
        address = spec.get("address", "")
        if (
            user is None
            and address
            and is_acknowledgement(spec["template"])
            and not may_acknowledge(channel, address)
        ):
            continue
        language = recipient_language(user, spec.get("language"))
        cache_key = (spec["template"], id(spec.get("context")), id(record), language)
        if cache_key not in rendered:
            rendered[cache_key] = render_message(
                spec["template"], {**spec["context"], "record": record}, language or None
            )
        subject, body = rendered[cache_key]
        message = OutboundMessage(
            channel=channel,
            recipient_user=user,
            recipient_address=address or _default_address(user, channel),
            recipient_name=spec.get("name") or person_name(user),
            template=spec["template"],
            subject=subject,
            body=body,
            link=spec.get("link", ""),
            dedupe_key=key,
        )
        if record is not None:
            message.content_type = ContentType.objects.get_for_model(record)
            message.object_id = str(record.pk)
        if channel in (MessageChannel.IN_APP, MessageChannel.RECORDED):
            message.status = MessageStatus.SENT
            message.sent_at = now
        messages.append(message)
    if not messages:
        return []
    OutboundMessage.objects.bulk_create(messages, batch_size=500)
    queued = [m for m in messages if m.status == MessageStatus.QUEUED]
    if queued:
        from .tasks import deliver_message

        if any(m.pk is None for m in queued):  # a database that returns no ids on insert
            ids = dict(
                OutboundMessage.objects.filter(
                    dedupe_key__in=[m.dedupe_key for m in queued]
                ).values_list("dedupe_key", "pk")
            )
            for message in queued:
                message.pk = ids[message.dedupe_key]

        def deliver_all(ids=tuple(m.pk for m in queued)):
            for message_id in ids:
                deliver_message.enqueue(message_id)

        transaction.on_commit(deliver_all)
    return messages


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
