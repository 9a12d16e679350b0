"""Business commands on consultations (P1, P2.1). Views, forms, jobs and tests call these.

Each function is a declared command (`workflows.core.commands`): the permission
is checked before it runs, inside its transaction. A consultation is created
through `workflows.core.records.create_record`, which dates its reply deadline,
numbers it in the "C" series by the month it was received, and writes its
History entry in the same single save. Overdue replies are escalated by the
shared job, as declared by `Consultation.escalation`.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from contact.models import ChannelKind, ContactSettings
from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.outcomes import tell
from workflows.core.records import create_record
from workflows.core.registry import inspect_url
from workflows.core.relay import is_mobile_number
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


#: Channels on which the customer wrote to us and waits for a written reply.
WRITTEN_CHANNELS = (ChannelKind.EMAIL, ChannelKind.WEBSITE)


@dataclass(frozen=True)
class ReplyRoute:
    """How the reply to a consultation reaches the customer, and what staff are told of it.

    `way` is "email", "sms", "given" (answered in the call or chat, recorded as
    given), "no_mobile" (a written message whose only contact is a number that
    cannot take an SMS) or "no_contact".
    """

    way: str
    channel: str
    address: str
    channel_kind: str
    channel_name: str

    @property
    def sends(self):
        return self.channel in (MessageChannel.EMAIL, MessageChannel.SMS)

    def announcement(self):
        """Said on the answer form, before the reply is written."""
        if self.way == "email":
            return _("This reply will be sent by email to %(address)s.") % {"address": self.address}
        if self.way == "sms":
            return _(
                "The customer left no email address: this reply will be sent by SMS to "
                "%(phone)s. Keep it short."
            ) % {"phone": self.address}
        if self.way == "no_mobile":
            return _(
                "The customer left no email address and %(phone)s is not a mobile number, so "
                "nothing can be sent: call the customer, then record here the answer you gave."
            ) % {"phone": self.address}
        if self.way == "no_contact":
            return _(
                "The customer left no email address or phone number, so nothing can be sent: "
                "this reply is only recorded."
            )
        if self.channel_kind == ChannelKind.PHONE:
            return _("Write the answer you gave on the phone: it is recorded, nothing is sent.")
        if self.channel_kind == ChannelKind.CHAT:
            return _("Write the answer you gave in the chat: it is recorded, nothing is sent.")
        return _(
            "Write the answer you gave the customer (%(channel)s): it is recorded, nothing is sent."
        ) % {"channel": self.channel_name}

    def outcome(self):
        """Told to the employee once the consultation is answered."""
        if self.way == "email":
            return _("Reply sent by email to %(address)s.") % {"address": self.address}
        if self.way == "sms":
            return _("Reply sent by SMS to %(phone)s.") % {"phone": self.address}
        if self.way == "no_mobile":
            return _(
                "Reply recorded; nothing was sent: %(phone)s is not a mobile number. Call the "
                "customer to give the reply."
            ) % {"phone": self.address}
        if self.way == "no_contact":
            return _(
                "Reply recorded; nothing was sent: the consultation has no email address or "
                "phone number."
            )
        if self.channel_kind == ChannelKind.PHONE:
            return _("Reply recorded as given by phone; nothing was sent.")
        if self.channel_kind == ChannelKind.CHAT:
            return _("Reply recorded as given in the chat; nothing was sent.")
        return _("Reply recorded as given through “%(channel)s”; nothing was sent.") % {
            "channel": self.channel_name
        }


def reply_route(consultation):
    """Which way the reply goes (P1.3): the customer who wrote (by email or on the
    website) is answered in writing, by email if they left an address, otherwise by SMS
    to a mobile number; a phone or chat consultation was answered in the call or chat,
    and the reply is recorded as given."""
    email = (consultation.email or "").strip()
    phone = (consultation.phone or "").strip()
    kind = consultation.channel.kind
    facts = {"channel_kind": kind, "channel_name": consultation.channel.name}
    if kind not in WRITTEN_CHANNELS:
        return ReplyRoute("given", MessageChannel.RECORDED, phone or email, **facts)
    if email:
        return ReplyRoute("email", MessageChannel.EMAIL, email, **facts)
    if phone and is_mobile_number(phone):
        return ReplyRoute("sms", MessageChannel.SMS, phone, **facts)
    return ReplyRoute(
        "no_mobile" if phone else "no_contact", MessageChannel.RECORDED, phone, **facts
    )


@transition_command(Consultation, "answer")
def answer_consultation(consultation, *, user, reply, expected_state=None, note=""):
    """Answer a consultation, on the spot or as promised (P1.3).

    The reply goes the way `reply_route` says: by email, by SMS when a customer
    who wrote left only a mobile number, or recorded as given by phone or chat.
    The employee is told which (`outcomes.tell`), and the outbox keeps it.
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
    route = reply_route(consultation)
    template, context = "consultations/reply", {"consultation": consultation}
    if route.channel == MessageChannel.SMS:
        template = "consultations/reply_sms"
        context["hotline"] = ContactSettings.load().hotline
    queue_message(
        channel=route.channel,
        template=template,
        context=context,
        record=consultation,
        address=route.address,
        name=consultation.customer_name,
        language=consultation.language,
        dedupe_key=f"consultation:{consultation.pk}:reply",
    )
    return tell(consultation, route.outcome())


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
