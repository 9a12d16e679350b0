"""Payments, their allocation to invoices, and the bank statement lines they come from."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import PaymentMethod
from .common import MONEY
from .invoices import Invoice


class Payment(models.Model):
    """Money received from a customer; what is not allocated stays as the customer's credit."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    unallocated = models.DecimalField(_("credit left"), default=0, editable=False, **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="billing_payment_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(unallocated__gte=0), name="billing_payment_credit_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.customer} {self.received_on} {self.amount}"


class Allocation(models.Model):
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("payment")
    )
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("invoice")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="billing_allocation_positive"
            )
        ]

    def __str__(self):
        return f"{self.payment} → {self.invoice}: {self.amount}"


class BankStatementLine(models.Model):
    """A line of the bank's statement, imported from Excel; matched to an invoice by the invoice
    number (or the contract number) it quotes, which records and allocates its payment."""

    bank_reference = models.CharField(_("bank reference"), max_length=100, unique=True)
    booked_on = models.DateField(_("booked on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    text = models.CharField(_("description"), max_length=300, blank=True)
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("matched invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statement_line",
        editable=False,
    )

    class Meta:
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        ordering = ["-booked_on", "-pk"]

    def __str__(self):
        return f"{self.bank_reference} {self.amount}"
