"""Business commands on consultations (P1, P2.1). Views, forms, jobs and tests call these."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from contact.models import ChannelKind
from workflows.core.choices import MessageChannel
from workflows.core.notifications import queue_message
from workflows.core.registry import index_url, inspect_url
from workflows.core.roles import CUSTOMER_SERVICE
from workflows.core.services import perform_transition

from .choices import ConsultationState as S
from .exceptions import ConsultationInvalid
from .models import Consultation

#: At most this many consultations are escalated per run; the next run takes the rest.
ESCALATION_BATCH = 1000


def _assign_reference(consultation):
    stamp = timezone.localtime(consultation.received_at)
    consultation.reference = f"C{stamp:%y%m}-{consultation.pk:06d}"
    Consultation.objects.filter(pk=consultation.pk).update(reference=consultation.reference)


def _provisional_reference():
    # Replaced by the pk-based reference inside the same transaction.
    return f"new-{uuid.uuid4().hex[:16]}"


def _check_contact(phone, email):
    if not (phone or "").strip() and not (email or "").strip():
        raise ConsultationInvalid(
            _("Give a phone number or an email address, so that we can reply."), code="no_contact"
        )


@transaction.atomic
def receive_consultation(
    *,
    channel,
    customer_name,
    subject,
    question,
    phone="",
    email="",
    company="",
    language=None,
    submission_token=None,
):
    """A consultation left on the website: stored as received, acknowledged with its reference.

    Sending the same form twice (a double click, a reload) returns the
    consultation the first submission created, and acknowledges it only once.
    """
    _check_contact(phone, email)
    if submission_token is not None:
        existing = Consultation.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    consultation = Consultation(
        channel=channel,
        customer_name=customer_name,
        company=company,
        phone=phone,
        email=email,
        subject=subject,
        question=question,
        language=language or Consultation._meta.get_field("language").default,
        submission_token=submission_token,
        reference=_provisional_reference(),
    )
    consultation.due_at = consultation.received_at + consultation.deadline_for(S.RECEIVED)
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        # The same submission arrived twice at once; the first one won.
        return Consultation.objects.get(submission_token=submission_token)
    _assign_reference(consultation)
    log(consultation, "wagtail.create", user=None)
    _acknowledge(consultation)
    return consultation


@transaction.atomic
def record_consultation(consultation, *, user):
    """Customer Service records a phone, email or chat consultation in the admin (P1.2)."""
    _check_contact(consultation.phone, consultation.email)
    if consultation.handler_id is None:
        consultation.handler = user
    consultation.reference = _provisional_reference()
    consultation.due_at = consultation.received_at + consultation.deadline_for(S.RECEIVED)
    consultation.save()
    _assign_reference(consultation)
    log(consultation, "wagtail.create", user=user)
    return consultation


def _acknowledge(consultation):
    context = {"consultation": consultation}
    if consultation.email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="consultations/acknowledgement",
            context=context,
            record=consultation,
            address=consultation.email,
            name=consultation.customer_name,
            language=consultation.language,
            dedupe_key=f"consultation:{consultation.pk}:acknowledgement",
        )
    elif consultation.phone:
        queue_message(
            channel=MessageChannel.SMS,
            template="consultations/acknowledgement_sms",
            context=context,
            record=consultation,
            address=consultation.phone,
            name=consultation.customer_name,
            language=consultation.language,
            dedupe_key=f"consultation:{consultation.pk}:acknowledgement",
        )


def answer_consultation(consultation, *, user, reply, expected_state=None, note=""):
    """Answer a consultation, on the spot or as promised (P1.3).

    The reply goes by email when the customer wrote by email or on the
    website and left an address; otherwise it was given by phone or chat and
    is recorded as given.
    """

    def prepare(c):
        c.reply = reply.strip()
        c.answered_at = timezone.now()
        if c.handler_id is None:
            c.handler = user

    with transaction.atomic():
        consultation = perform_transition(
            consultation,
            "answer",
            user=user,
            note=note or reply,
            expected_state=expected_state,
            prepare=prepare,
        )
        by_email = consultation.email and consultation.channel.kind in (
            ChannelKind.EMAIL,
            ChannelKind.WEBSITE,
        )
        queue_message(
            channel=MessageChannel.EMAIL if by_email else MessageChannel.RECORDED,
            template="consultations/reply",
            context={"consultation": consultation},
            record=consultation,
            address=consultation.email if by_email else consultation.phone,
            name=consultation.customer_name,
            language=consultation.language,
            dedupe_key=f"consultation:{consultation.pk}:reply",
        )
    return consultation


def promise_reply(consultation, *, user, reply_due_at, expected_state=None, note=""):
    """The answer needs finding out: promise the customer a reply by a deadline (P1.3)."""

    def prepare(c):
        c.reply_due_at = reply_due_at
        if c.handler_id is None:
            c.handler = user

    return perform_transition(
        consultation,
        "promise_reply",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        due_at=reply_due_at,
        log_data={"reply_due_at": reply_due_at.isoformat()},
    )


def hand_to_sales(consultation, *, user, salesperson, sales_need, expected_state=None, note=""):
    """Customer Service hands a consultation to a named salesperson (P2.1)."""

    def prepare(c):
        c.salesperson = salesperson
        c.sales_need = sales_need.strip()
        c.handed_at = timezone.now()

    with transaction.atomic():
        consultation = perform_transition(
            consultation,
            "hand_to_sales",
            user=user,
            note=note or sales_need,
            expected_state=expected_state,
            prepare=prepare,
            log_data={"salesperson": salesperson.get_username()},
        )
        for channel in (MessageChannel.IN_APP, MessageChannel.EMAIL):
            if channel == MessageChannel.EMAIL and not salesperson.email:
                continue
            queue_message(
                channel=channel,
                template="consultations/handed_to_sales",
                context={"consultation": consultation},
                record=consultation,
                user=salesperson,
                link=inspect_url(consultation),
                dedupe_key=f"consultation:{consultation.pk}:handed:{salesperson.pk}:{channel}:"
                f"{consultation.handed_at:%Y%m%d%H%M%S%f}",
            )
    return consultation


def close_consultation(consultation, *, user, expected_state=None, note=""):
    """Customer Service closes an answered consultation."""
    return perform_transition(
        consultation,
        "close",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=lambda c: setattr(c, "closed_at", timezone.now()),
    )


def take_over_consultation(consultation, *, user, expected_state=None, note=""):
    """Sales confirms it contacted the customer and takes the matter on; the consultation closes."""
    return perform_transition(
        consultation,
        "take_over",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=lambda c: setattr(c, "closed_at", timezone.now()),
    )


def escalate_overdue(now=None):
    """Escalate consultations past their reply deadline to the Customer Service lead, once each.

    Set-based: one query finds them, one update marks them, one bulk insert
    writes their History, and each recipient gets one message listing them all.
    """
    from django.contrib.auth import get_user_model

    from workflows.core.models import ServiceLevelSettings
    from workflows.core.services import log_events

    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(
            Consultation.objects.select_for_update()
            .filter(
                state__in=[S.RECEIVED, S.REPLY_PROMISED],
                due_at__lt=now,
                escalated_at__isnull=True,
            )
            .order_by("due_at")[:ESCALATION_BATCH]
        )
        if not overdue:
            return 0
        lead = ServiceLevelSettings.load().customer_service_lead
        recipients = (
            [lead]
            if lead is not None
            else list(
                get_user_model().objects.filter(groups__name=CUSTOMER_SERVICE, is_active=True)
            )
        )
        Consultation.objects.filter(pk__in=[c.pk for c in overdue]).update(escalated_at=now)
        log_events(overdue, "core.escalate", note=_("reply deadline passed"))
        for recipient in recipients:
            queue_message(
                channel=MessageChannel.IN_APP,
                template="consultations/escalation",
                context={"consultations": overdue},
                record=overdue[0] if len(overdue) == 1 else None,
                user=recipient,
                link=inspect_url(overdue[0])
                if len(overdue) == 1
                else index_url(Consultation) + "?overdue=true",
                dedupe_key=f"consultations:escalation:{now:%Y%m%d%H%M%S%f}:{recipient.pk}",
            )
    return len(overdue)


def submitted_consultation(submission_token):
    """The consultation a public form submission created, if it was sent before."""
    return Consultation.objects.filter(submission_token=submission_token).first()
