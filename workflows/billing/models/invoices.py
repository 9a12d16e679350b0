"""Invoices, credit notes, their lines and payment notices."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.models import ProcessRecord

from .. import permissions as P
from ..choices import InvoiceKind, LineKind, PaymentMethod
from ..choices import InvoiceState as S
from .common import MONEY


def has_lines(invoice):
    return invoice.lines.exists()


has_lines.message = _("An invoice needs at least one line.")


class Invoice(ProcessRecord):
    """An invoice (or a credit note, which corrects one: an issued invoice is never edited)."""

    REFERENCE_PREFIX = "INV"
    REFERENCE_FIELD = "number"
    DATE_FIELD = "invoice_date"
    FINAL_STATES = (S.PAID, S.WRITTEN_OFF, S.CREDITED)
    #: An invoice is changed (lines added) only while it is a draft.
    EDITABLE_STATES = (S.DRAFT,)
    OPEN_STATES = (S.ISSUED, S.PARTIALLY_PAID, S.OVERDUE, S.IN_COLLECTION, S.WRITE_OFF_REQUESTED)

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=InvoiceKind.choices,
        default=InvoiceKind.INVOICE,
        editable=False,
    )
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.DRAFT, protected=True)
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
        editable=False,
    )
    invoice_date = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due on"))
    period_start = models.DateField(_("period from"), null=True, blank=True, editable=False)
    period_end = models.DateField(_("period to"), null=True, blank=True, editable=False)
    net = models.DecimalField(_("net"), default=0, editable=False, **MONEY)
    tax_rate = models.DecimalField(_("tax rate"), max_digits=5, decimal_places=4, editable=False)
    tax = models.DecimalField(_("business tax"), default=0, editable=False, **MONEY)
    total = models.DecimalField(_("total"), default=0, editable=False, **MONEY)
    paid = models.DecimalField(_("paid or credited"), default=0, editable=False, **MONEY)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    reminder_step = models.PositiveSmallIntegerField(_("reminders sent"), default=0, editable=False)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-invoice_date", "-pk"]
        permissions = [
            ("issue_invoice", _("Can run billing, issue invoices and credit notes, send notices")),
            ("record_payment", _("Can record and allocate payments")),
            ("request_write_off", _("Can ask for an invoice to be written off")),
            ("approve_write_off", _("Can approve write-offs")),
            ("log_collection_call", _("Can log a collection phone call")),
            ("decide_collection", _("Can record the collection decision")),
            ("approve_settlement", _("Can approve final settlements and refund deposits")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start"],
                condition=models.Q(kind="invoice", period_start__isnull=False),
                name="billing_one_invoice_per_contract_period",
                violation_error_message=_("This contract is already invoiced for this period."),
            ),
        ]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return self.number

    @property
    def balance(self):
        return self.total - self.paid

    def deadline_for(self, state):
        return timedelta(days=3) if state == S.WRITE_OFF_REQUESTED else None

    @classmethod
    def waiting_for(cls, user):
        queryset = super().waiting_for(user)
        if user.is_superuser or user.has_perm(P.DECIDE):
            queryset = queryset | cls.objects.filter(state=S.IN_COLLECTION, decisions__isnull=True)
        return queryset.distinct()

    @transition(
        field=state,
        source=S.DRAFT,
        target=S.ISSUED,
        permission=P.ISSUE,
        conditions=[has_lines],
        custom={"label": _("Issue"), "style": "primary"},
    )
    def issue(self):
        pass

    issue.alters_data = True

    @transition(
        field=state,
        source=[S.ISSUED, S.PARTIALLY_PAID],
        target=S.OVERDUE,
        permission=P.ISSUE,
        custom={"label": _("Overdue"), "automatic": True},
    )
    def fall_overdue(self):
        pass

    fall_overdue.alters_data = True

    @transition(
        field=state,
        source=[S.ISSUED, S.PARTIALLY_PAID, S.OVERDUE, S.IN_COLLECTION],
        target=S.PARTIALLY_PAID,
        permission=P.RECORD_PAYMENT,
        custom={"label": _("Partially paid"), "automatic": True},
    )
    def pay_partly(self):
        pass

    pay_partly.alters_data = True

    @transition(
        field=state,
        source=[S.ISSUED, S.PARTIALLY_PAID, S.OVERDUE, S.IN_COLLECTION, S.WRITE_OFF_REQUESTED],
        target=S.PAID,
        permission=P.RECORD_PAYMENT,
        custom={"label": _("Paid"), "automatic": True},
    )
    def pay(self):
        pass

    pay.alters_data = True

    @transition(
        field=state,
        source=[S.ISSUED, S.PARTIALLY_PAID, S.OVERDUE, S.IN_COLLECTION],
        target=S.CREDITED,
        permission=P.ISSUE,
        custom={"label": _("Credited"), "automatic": True},
    )
    def credit(self):
        pass

    credit.alters_data = True

    @transition(
        field=state,
        source=S.OVERDUE,
        target=S.IN_COLLECTION,
        permission=P.ISSUE,
        custom={"label": _("Send to collection")},
    )
    def send_to_collection(self):
        pass

    send_to_collection.alters_data = True

    @transition(
        field=state,
        source=[S.OVERDUE, S.IN_COLLECTION],
        target=S.WRITE_OFF_REQUESTED,
        permission=P.REQUEST_WRITE_OFF,
        custom={"label": _("Request write-off")},
    )
    def request_write_off(self):
        pass

    request_write_off.alters_data = True

    @transition(
        field=state,
        source=S.WRITE_OFF_REQUESTED,
        target=S.WRITTEN_OFF,
        permission=P.APPROVE_WRITE_OFF,
        custom={"label": _("Approve write-off"), "style": "primary"},
    )
    def approve_write_off(self):
        pass

    approve_write_off.alters_data = True

    @transition(
        field=state,
        source=S.WRITE_OFF_REQUESTED,
        target=S.IN_COLLECTION,
        permission=P.APPROVE_WRITE_OFF,
        custom={"label": _("Refuse write-off")},
    )
    def refuse_write_off(self):
        pass

    refuse_write_off.alters_data = True


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("invoice")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount"), **MONEY, help_text=_("Net of tax; negative for a credit.")
    )
    rent_credit = models.OneToOneField(
        "complaints.RentCredit",
        verbose_name=_("rent credit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_line",
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount}"


class PaymentNotice(models.Model):
    """A payment notice (P5.2): stored once per invoice, sent once, printable."""

    invoice = models.OneToOneField(
        Invoice, on_delete=models.PROTECT, related_name="notice", verbose_name=_("invoice")
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    deadline = models.DateField(_("pay by"))
    bank_details = models.TextField(_("bank details"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("payment notice")
        verbose_name_plural = _("payment notices")

    def __str__(self):
        return f"{self.invoice}: {self.amount}"
