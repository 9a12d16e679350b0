"""Business commands on consultations (P1, P2.1). Views, forms, jobs and tests call these.

Each function is a declared command (`workflows.core.commands`): the permission
is checked before it runs, inside its transaction. A consultation is created
through `workflows.core.records.create_record`, which dates its reply deadline,
numbers it in the "C" series by the month it was received, and writes its
History entry in the same single save. Overdue replies are escalated by the
shared job, as declared by `Consultation.escalation`.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from contact.models import ChannelKind
from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.records import create_record
from workflows.core.registry import inspect_url
from workflows.core.services import perform_transition

from .exceptions import ConsultationInvalid
from .models import Consultation


def _check_contact(phone, email):
    if not (phone or "").strip() and not (email or "").strip():
        raise ConsultationInvalid(
            _("Give a phone number or an email address, so that we can reply."), code="no_contact"
        )


@command(model=Consultation, public=True, creates=True)
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

    A visitor's command: it runs without a user, and the History names nobody.
    Sending the same form twice (a double click, a reload) returns the
    consultation the first submission created, and acknowledges it only once.
    """
    _check_contact(phone, email)
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
    )
    return create_record(
        consultation,
        user=None,
        acknowledge=_acknowledge,
        unique_by="submission_token" if submission_token is not None else None,
    )


@command(model=Consultation, permission="consultations.add_consultation", creates=True)
def record_consultation(consultation, *, user):
    """Customer Service records a phone, email or chat consultation in the admin (P1.2)."""
    _check_contact(consultation.phone, consultation.email)
    if consultation.handler_id is None:
        consultation.handler = user
    return create_record(consultation, user=user)


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


@transition_command(Consultation, "answer")
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


@transition_command(Consultation, "promise_reply")
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


@transition_command(Consultation, "hand_to_sales")
def hand_to_sales(consultation, *, user, salesperson, sales_need, expected_state=None, note=""):
    """Customer Service hands a consultation to a named salesperson (P2.1)."""

    def prepare(c):
        c.salesperson = salesperson
        c.sales_need = sales_need.strip()
        c.handed_at = timezone.now()

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


@transition_command(Consultation, "close")
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


@transition_command(Consultation, "take_over")
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


def submitted_consultation(submission_token):
    """The consultation a public form submission created, if it was sent before."""
    return Consultation.objects.filter(submission_token=submission_token).first()
