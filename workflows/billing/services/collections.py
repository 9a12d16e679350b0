"""Collections (P5.3): overdue invoices, the reminder ladder, calls and decisions."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core import people
from workflows.core.choices import MessageChannel
from workflows.core.commands import command
from workflows.core.notifications import queue_message
from workflows.core.roles import CUSTOMER_SERVICE, LEGAL, SALES
from workflows.core.services import log_event, log_events

from .. import permissions as P
from ..choices import InvoiceKind, ReminderAction
from ..choices import InvoiceState as S
from ..models import CollectionDecision, Invoice, Reminder
from .common import BillingError, billing_settings, today


@command(model=Invoice, permission=P.ISSUE, public=True, name="billing.run_collections")
def run_collections(*, on=None):
    """Mark unpaid invoices overdue and take every reminder step that is due, once each."""
    on = on or today()
    overdue = list(
        Invoice.objects.filter(
            state__in=[S.ISSUED, S.PARTIALLY_PAID], due_on__lt=on, kind=InvoiceKind.INVOICE
        )
    )
    if overdue:
        Invoice.objects.filter(pk__in=[i.pk for i in overdue]).update(
            state=S.OVERDUE, state_changed_at=timezone.now()
        )
        log_events(overdue, "billing.fall_overdue", note=_("Not paid by the due date"))
    steps = billing_settings().ladder()
    sent = 0
    for index, (day, action) in enumerate(steps):
        last = index == len(steps) - 1
        candidates = list(
            Invoice.objects.filter(
                state__in=[S.OVERDUE, S.IN_COLLECTION],
                due_on__lte=on - timedelta(days=day),
                kind=InvoiceKind.INVOICE,
            )
            .exclude(reminders__day=day, reminders__action=action)
            .select_related("customer", "contract")
        )
        if not candidates:
            continue
        Reminder.objects.bulk_create(
            [Reminder(invoice=i, day=day, action=action) for i in candidates], ignore_conflicts=True
        )
        for invoice in candidates:
            _remind(invoice, day, action)
        Invoice.objects.filter(pk__in=[i.pk for i in candidates]).update(reminder_step=index + 1)
        log_events(candidates, "billing.reminder", day=day, step=action)
        if last or action == ReminderAction.ESCALATE:
            moving = [i for i in candidates if i.state == S.OVERDUE]
            Invoice.objects.filter(pk__in=[i.pk for i in moving]).update(
                state=S.IN_COLLECTION, state_changed_at=timezone.now()
            )
            log_events(moving, "billing.send_to_collection", note=_("Last reminder passed"))
        sent += len(candidates)
    return {"overdue": len(overdue), "reminders": sent}


def _remind(invoice, day, action):
    customer = invoice.customer
    context = {"invoice": invoice, "customer": customer, "day": day}
    key = f"billing.reminder.{invoice.pk}.{day}.{action}"
    if action == ReminderAction.EMAIL and customer.email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="billing/reminder",
            context=context,
            dedupe_key=key,
            record=invoice,
            address=customer.email,
            name=customer.name,
            language=invoice.contract.language,
        )
    elif action == ReminderAction.SMS and customer.phone:
        queue_message(
            channel=MessageChannel.SMS,
            template="billing/reminder_sms",
            context=context,
            dedupe_key=key,
            record=invoice,
            address=customer.phone,
            name=customer.name,
            language=invoice.contract.language,
        )
    else:
        roles = (CUSTOMER_SERVICE,) if action == ReminderAction.CALL else (SALES, LEGAL)
        template = (
            "billing/call_customer" if action == ReminderAction.CALL else "billing/in_collection"
        )
        for person in people.members(*roles):
            queue_message(
                channel=MessageChannel.IN_APP,
                template=template,
                context=context,
                dedupe_key=f"{key}.{person.pk}",
                record=invoice,
                user=person,
            )


@command(model=Reminder, permission=P.LOG_CALL)
def log_call(reminder, *, user, note):
    """Customer Service logs the collection call of a reminder step."""
    if not (note or "").strip():
        raise BillingError(_("Write what the customer said."), "note")
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.action != ReminderAction.CALL or reminder.call_logged_at:
        raise BillingError(_("This call is already logged."), "note")
    reminder.call_logged_at = timezone.now()
    reminder.call_logged_by = user
    reminder.call_note = note
    reminder.save(update_fields=["call_logged_at", "call_logged_by", "call_note"])
    log_event(reminder.invoice, "billing.log_call", user=user, note=note)
    return reminder


@command(model=Invoice, permission=P.DECIDE)
def record_decision(invoice, *, user, decision, note, sales_agreed_by, legal_agreed_by):
    """Sales' and Legal's joint decision on an invoice in collection."""
    if invoice.state != S.IN_COLLECTION:
        raise BillingError(_("Only an invoice in collection waits for a decision."), "decision")
    for field, value in (
        ("sales_agreed_by", sales_agreed_by),
        ("legal_agreed_by", legal_agreed_by),
        ("note", note),
    ):
        if not (value or "").strip():
            raise BillingError(_("This field is required."), field)
    made = CollectionDecision.objects.create(
        invoice=invoice,
        decision=decision,
        note=note,
        sales_agreed_by=sales_agreed_by,
        legal_agreed_by=legal_agreed_by,
        recorded_by=user,
    )
    log_event(invoice, "billing.decision", user=user, decision=decision, note=note)
    return made
