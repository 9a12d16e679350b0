"""Payments and their allocation to invoices."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.money import money
from workflows.core.records import history_entries

from .. import permissions as P
from ..choices import InvoiceKind
from ..models import Allocation, Invoice, Payment
from .common import ZERO, BillingError
from .invoices import _settle


def open_invoices(customer_id):
    return Invoice.objects.filter(
        customer_id=customer_id, kind=InvoiceKind.INVOICE, state__in=Invoice.OPEN_STATES
    ).order_by("due_on", "pk")


def _allocate(payment, invoices, user):
    left = payment.unallocated
    for invoice in invoices:
        if left <= 0:
            break
        owed = money(invoice.total - invoice.paid)
        if owed <= 0:
            continue
        amount = min(owed, left)
        Allocation.objects.create(payment=payment, invoice=invoice, amount=amount)
        _settle(invoice, user, amount)
        left = money(left - amount)
    payment.unallocated = left
    payment.save(update_fields=["unallocated"])
    return payment


@command(model=Payment, permission=P.RECORD_PAYMENT, creates=True)
def record_payment(payment, *, user, invoices=None):
    """Store a payment and allocate it: to `invoices` in that order, else oldest first.
    What is left stays as the customer's credit."""
    if payment.amount is None or payment.amount <= 0:
        raise BillingError(_("The amount must be more than zero."), "amount")
    payment.amount = money(payment.amount)
    payment.unallocated = payment.amount
    payment.recorded_by = user
    payment.save()
    history_entries([payment], "wagtail.create", user=user)
    if invoices is None:
        targets = list(open_invoices(payment.customer_id).select_for_update())
    else:
        targets = [i for i in invoices if i.customer_id == payment.customer_id]
    return _allocate(payment, targets, user)


@command(model=Payment, permission=P.RECORD_PAYMENT)
def allocate_credit(payment, *, user, invoices=None):
    """Allocate what is left of a payment (a customer's credit) to open invoices."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.unallocated <= 0:
        raise BillingError(_("Nothing of this payment is left to allocate."), "invoices")
    targets = list(open_invoices(payment.customer_id).select_for_update())
    if invoices is not None:
        # By hand: only the customer's own open invoices, oldest due first among those chosen.
        chosen = {invoice.pk for invoice in invoices}
        targets = [invoice for invoice in targets if invoice.pk in chosen]
        if not targets:
            raise BillingError(_("Choose at least one open invoice of this customer."), "invoices")
    return _allocate(payment, targets, user)


def customer_credit(customer_id):
    return (
        Payment.objects.filter(customer_id=customer_id).aggregate(c=Sum("unallocated"))["c"] or ZERO
    )
