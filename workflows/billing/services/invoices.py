"""Invoices by hand, credit notes, the invoice transitions and payment notices (P5.2)."""

from datetime import timedelta

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, simple_transition, transition_command
from workflows.core.money import money
from workflows.core.notifications import queue_message
from workflows.core.numbering import next_reference
from workflows.core.records import create_record
from workflows.core.services import log_event, perform_transition

from .. import permissions as P
from .. import rent
from ..choices import InvoiceKind, LineKind
from ..choices import InvoiceState as S
from ..models import Invoice, InvoiceLine, PaymentNotice
from .common import ZERO, BillingError, billing_settings, today


def _totals(invoice):
    net = money(invoice.lines.aggregate(total=Sum("amount"))["total"] or ZERO)
    invoice.net = net
    invoice.tax = rent.tax(net, invoice.tax_rate)
    invoice.total = money(net + invoice.tax)


@command(model=Invoice, permission=P.ISSUE, creates=True)
def create_invoice(invoice, *, user):
    """A draft invoice by hand (extra services, damage): lines are added before issuing."""
    settings_ = billing_settings()
    invoice.kind = InvoiceKind.INVOICE
    invoice.period_start = invoice.period_end = None
    invoice.tax_rate = settings_.tax_rate
    if not invoice.due_on:
        invoice.due_on = invoice.invoice_date + timedelta(days=settings_.payment_days)
    if not invoice.customer_id:
        invoice.customer_id = invoice.contract.customer_id
    return create_record(invoice, user=user)


@command(model=Invoice, permission=P.ISSUE)
def add_line(invoice, *, user, kind, description, amount, rent_credit=None):
    """A line on a draft invoice; an issued invoice is corrected only by a credit note."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.state != S.DRAFT:
        raise BillingError(_("An issued invoice is never edited: issue a credit note."), "amount")
    if not (description or "").strip():
        raise BillingError(_("Describe the line."), "description")
    line = InvoiceLine.objects.create(
        invoice=invoice,
        kind=kind,
        description=description,
        amount=money(amount),
        rent_credit=rent_credit,
    )
    _totals(invoice)
    invoice.save(update_fields=["net", "tax", "total", "updated_at"])
    log_event(invoice, "billing.add_line", user=user, kind=kind, amount=str(line.amount))
    return line


@transition_command(Invoice, "issue")
def issue_invoice(invoice, *, user, expected_state=None, note=""):
    def prepare(fresh):
        _totals(fresh)
        fresh.issued_at = timezone.now()

    return perform_transition(
        invoice, "issue", user=user, expected_state=expected_state, prepare=prepare, note=note
    )


def _settle(invoice, user, amount):
    """Add `amount` paid or credited to an open invoice and move it to paid or partly paid."""

    def prepare(fresh):
        fresh.paid = money(fresh.paid + amount)

    fresh = Invoice.objects.get(pk=invoice.pk)
    name = "pay" if money(fresh.paid + amount) >= fresh.total else "pay_partly"
    if name == "pay_partly" and fresh.state == S.PARTIALLY_PAID:
        Invoice.objects.filter(pk=fresh.pk).update(paid=F("paid") + amount)
        log_event(fresh, "billing.pay_partly", user=user, amount=str(amount))
        return Invoice.objects.get(pk=fresh.pk)
    return perform_transition(
        fresh, name, user=user, prepare=prepare, log_data={"amount": str(amount)}
    )


@command(model=Invoice, permission=P.ISSUE)
def issue_credit_note(invoice, *, user, amount, reason):
    """Correct an issued invoice: a credit note of `amount` (tax included) against it."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    amount = money(amount)
    if invoice.kind != InvoiceKind.INVOICE or invoice.state not in (*Invoice.OPEN_STATES, S.PAID):
        raise BillingError(_("Only an issued invoice can be credited."), "amount")
    if amount <= 0 or amount > invoice.total:
        raise BillingError(
            _("The credit must be more than zero and at most the invoice total."), "amount"
        )
    if not (reason or "").strip():
        raise BillingError(_("Give the reason for the credit note."), "reason")
    net = money(amount / (1 + invoice.tax_rate))
    day = today()
    note = Invoice(
        kind=InvoiceKind.CREDIT_NOTE,
        state=S.PAID,
        number=next_reference("CN", timezone.now()),
        contract_id=invoice.contract_id,
        customer_id=invoice.customer_id,
        corrects=invoice,
        invoice_date=day,
        due_on=day,
        net=-net,
        tax_rate=invoice.tax_rate,
        tax=-(amount - net),
        total=-amount,
        paid=-amount,
        issued_at=timezone.now(),
    )
    create_record(note, user=user, note=reason)
    InvoiceLine.objects.create(
        invoice=note, kind=LineKind.ADJUSTMENT, description=reason, amount=-net
    )
    open_amount = money(invoice.total - invoice.paid)
    if invoice.state in Invoice.OPEN_STATES and open_amount > 0:
        if amount >= open_amount:
            perform_transition(
                invoice,
                "credit",
                user=user,
                prepare=lambda f: setattr(f, "paid", f.total),
                note=reason,
            )
        else:
            Invoice.objects.filter(pk=invoice.pk).update(paid=F("paid") + amount)
    log_event(
        invoice, "billing.credit_note", user=user, credit_note=note.number, amount=str(amount)
    )
    return note


# Automatic steps of payments and collections, run by the services above and the jobs.
for _name in ("pay", "pay_partly", "credit", "fall_overdue"):

    def _make(name):
        def run(invoice, *, user, expected_state=None, note=""):
            return perform_transition(
                invoice, name, user=user, expected_state=expected_state, note=note
            )

        run.__name__ = name
        run.__qualname__ = f"Invoice.{name}"
        return transition_command(Invoice, name)(run)

    _make(_name)

send_to_collection = simple_transition(Invoice, "send_to_collection")
request_write_off = simple_transition(Invoice, "request_write_off")
approve_write_off = simple_transition(Invoice, "approve_write_off")
refuse_write_off = simple_transition(Invoice, "refuse_write_off")


# Payment notices (P5.2) ---------------------------------------------------------------


@command(model=Invoice, permission=P.ISSUE)
def send_notice(invoice, *, user):
    """Store the invoice's payment notice and send it by email and SMS, once."""
    invoice = Invoice.objects.select_related("customer", "contract__billing_account").get(
        pk=invoice.pk
    )
    if invoice.state not in Invoice.OPEN_STATES:
        raise BillingError(_("A payment notice is sent for an open invoice only."))
    settings_ = billing_settings()
    account = getattr(invoice.contract, "billing_account", None)
    notice, created = PaymentNotice.objects.get_or_create(
        invoice=invoice,
        defaults={
            "amount": invoice.balance,
            "method": account.payment_method if account else "bank_transfer",
            "deadline": invoice.due_on,
            "bank_details": settings_.bank_details,
            "created_by": user,
        },
    )
    customer = invoice.customer
    context = {"notice": notice, "invoice": invoice, "customer": customer}
    if customer.email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="billing/notice",
            context=context,
            dedupe_key=f"billing.notice.{notice.pk}.email",
            record=invoice,
            address=customer.email,
            name=customer.name,
            language=invoice.contract.language,
        )
    if customer.phone:
        queue_message(
            channel=MessageChannel.SMS,
            template="billing/notice_sms",
            context=context,
            dedupe_key=f"billing.notice.{notice.pk}.sms",
            record=invoice,
            address=customer.phone,
            name=customer.name,
            language=invoice.contract.language,
        )
    if created:
        log_event(invoice, "billing.send_notice", user=user, amount=str(notice.amount))
    return notice
