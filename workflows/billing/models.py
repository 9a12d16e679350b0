"""Billing (P5, P6.4): billing terms per contract, invoices and credit notes, payment notices,
payments and their allocation, reminders and collection decisions, deposits, final settlements.

Amounts are computed by the pure rent engine (`rent.py`) and stored as Decimals.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from workflows.core.models import ProcessRecord

from . import permissions as P
from . import rent
from .choices import (
    CollectionDecisionKind,
    Cycle,
    DeductionReason,
    DepositState,
    EarlyReturnRule,
    InvoiceKind,
    LineKind,
    PaymentMethod,
    ReminderAction,
    SettlementState,
    Timing,
)
from .choices import InvoiceState as S

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")

DEFAULT_LADDER = "1:email\n7:sms\n14:call\n30:escalate"


@register_setting(icon="doc-full")
class BillingSettings(BaseGenericSetting):
    """What Finance sets, not developers: tax, late fees, payment terms, reminder ladder."""

    tax_rate = models.DecimalField(
        _("business tax rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.05"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0.05 is 5 %."),
    )
    payment_days = models.PositiveIntegerField(
        _("days to pay"),
        default=10,
        help_text=_("An invoice is due this many days after its date."),
    )
    late_fee_daily_rate = models.DecimalField(
        _("late fee per day"),
        max_digits=6,
        decimal_places=5,
        default=Decimal("0.0005"),
        help_text=_("A share of the overdue amount per day: 0.0005 is 0.05 %."),
    )
    late_fee_grace_days = models.PositiveIntegerField(_("grace days"), default=5)
    late_fee_cap_rate = models.DecimalField(
        _("late fee cap"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.10"),
        help_text=_("The most a late fee may reach, as a share of the overdue amount."),
    )
    reminder_ladder = models.TextField(
        _("reminder ladder"),
        default=DEFAULT_LADDER,
        help_text=_(
            "One step a line: days after the due date, a colon and email, sms, call or "
            "escalate. The last step puts the invoice in Sales' and Legal's work queues."
        ),
    )
    bank_details = models.TextField(
        _("bank details"),
        default="Bank of Taiwan, branch 001, account 012-345-678901, Rental Service Co., Ltd.",
    )
    deposit_refund_days = models.PositiveIntegerField(
        _("days to refund a deposit"),
        default=14,
        help_text=_("After the final settlement is approved."),
    )

    class Meta:
        verbose_name = _("billing settings")

    def ladder(self):
        """[(days, action)] in order; lines that do not read are refused by `clean`."""
        return parse_ladder(self.reminder_ladder)

    def clean(self):
        from django.core.exceptions import ValidationError

        try:
            parse_ladder(self.reminder_ladder)
        except ValueError as exc:
            raise ValidationError({"reminder_ladder": str(exc)}) from exc


def parse_ladder(text):
    steps = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        days, _sep, action = line.partition(":")
        action = action.strip().lower()
        if not days.strip().isdigit() or action not in ReminderAction.values:
            raise ValueError(
                _("Line %(line)s should read like “7:sms” (email, sms, call or escalate).")
                % {"line": number}
            )
        steps.append((int(days), action))
    return sorted(steps)


class BillingAccount(models.Model):
    """How one contract is billed; made from its plan by the billing run, changed by Finance."""

    contract = models.OneToOneField(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="billing_account",
    )
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.CharField(
        _("billing cycle"), max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY
    )
    timing = models.CharField(
        _("billed"), max_length=12, choices=Timing.choices, default=Timing.IN_ADVANCE
    )
    billing_day = models.PositiveSmallIntegerField(
        _("billing day"),
        default=1,
        help_text=_(
            "Day of the month (1-28) for monthly billing, "
            "weekday (0 Monday to 6 Sunday) for weekly."
        ),
    )
    rent = models.DecimalField(_("rent per period"), **MONEY)
    first_day = models.DateField(_("first day billed"))
    last_day = models.DateField(_("last day billed"))
    early_return_rule = models.CharField(
        _("early return"),
        max_length=20,
        choices=EarlyReturnRule.choices,
        default=EarlyReturnRule.REFUND_UNUSED,
    )
    minimum_term_end = models.DateField(_("minimum term ends"), null=True, blank=True)
    billed_through = models.DateField(
        _("billed through"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The last day invoiced; the billing run starts the day after."),
    )
    deposit = models.DecimalField(_("deposit"), default=0, **MONEY)
    payment_method = models.CharField(
        _("payment method"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
    )

    class Meta:
        verbose_name = _("billing account")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rent__gte=0), name="billing_rent_not_negative"
            ),
        ]

    def __str__(self):
        return str(self.contract)

    def terms(self):
        return rent.Terms(
            rent=self.rent, cycle=self.cycle, timing=self.timing, billing_day=self.billing_day
        )


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
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
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
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount}"


class PaymentNotice(models.Model):
    """A payment notice (P5.2): stored once per invoice, sent once, printable."""

    invoice = models.OneToOneField(Invoice, on_delete=models.PROTECT, related_name="notice")
    amount = models.DecimalField(_("amount"), **MONEY)
    method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices)
    deadline = models.DateField(_("pay by"))
    bank_details = models.TextField(_("bank details"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("payment notice")

    def __str__(self):
        return f"{self.invoice}: {self.amount}"


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
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
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
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(_("amount"), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allocation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="billing_allocation_positive"
            )
        ]

    def __str__(self):
        return f"{self.payment} → {self.invoice}: {self.amount}"


class Reminder(models.Model):
    """One step of the reminder ladder for one invoice: never twice (unique step)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders")
    day = models.PositiveSmallIntegerField(_("days after due date"))
    action = models.CharField(_("action"), max_length=10, choices=ReminderAction.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    call_logged_at = models.DateTimeField(_("call logged at"), null=True, blank=True)
    call_logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    call_note = models.TextField(_("what the customer said"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        ordering = ["invoice", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "day", "action"], name="billing_one_reminder_per_step"
            )
        ]

    def __str__(self):
        return f"{self.invoice} +{self.day} {self.get_action_display()}"


class CollectionDecision(models.Model):
    """Sales' and Legal's joint decision on an invoice in collection (P5.3)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(
        _("decision"), max_length=20, choices=CollectionDecisionKind.choices
    )
    note = models.TextField(_("note"))
    sales_agreed_by = models.CharField(_("for Sales"), max_length=150)
    legal_agreed_by = models.CharField(_("for Legal"), max_length=150)
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("collection decision")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.invoice}: {self.get_decision_display()}"


class Deposit(models.Model):
    """The deposit of a contract (P6.4): received, held, deductions, refunded by a deadline."""

    contract = models.OneToOneField(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="deposit_held",
    )
    amount = models.DecimalField(_("amount received"), **MONEY)
    received_on = models.DateField(_("received on"))
    state = models.CharField(
        _("state"), max_length=12, choices=DepositState.choices, default=DepositState.HELD
    )
    refund_due_on = models.DateField(_("refund due by"), null=True, blank=True)
    refunded_on = models.DateField(_("refunded on"), null=True, blank=True)
    refunded_amount = models.DecimalField(_("refunded"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("deposit")

    def __str__(self):
        return f"{self.contract}: {self.amount}"

    def deducted(self):
        return sum((d.amount for d in self.deductions.all()), ZERO)


class DepositDeduction(models.Model):
    deposit = models.ForeignKey(Deposit, on_delete=models.PROTECT, related_name="deductions")
    reason = models.CharField(_("reason"), max_length=20, choices=DeductionReason.choices)
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    note = models.CharField(_("details"), max_length=300)

    class Meta:
        verbose_name = _("deposit deduction")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.amount}"


class FinalSettlement(ProcessRecord):
    """One statement per contract after its return: approved by Finance, then read-only."""

    REFERENCE_PREFIX = "FS"
    FINAL_STATES = (SettlementState.APPROVED,)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    contract = models.OneToOneField(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="final_settlement",
    )
    state = FSMField(
        _("state"),
        max_length=20,
        choices=SettlementState.choices,
        default=SettlementState.DRAFT,
        protected=True,
    )
    returned_on = models.DateField(_("returned on"))
    rent_billed = models.DecimalField(_("rent billed"), **MONEY, editable=False)
    paid = models.DecimalField(_("paid"), **MONEY, editable=False)
    late_fees = models.DecimalField(_("late fees"), **MONEY, editable=False)
    damage = models.DecimalField(_("damage"), **MONEY, editable=False)
    other = models.DecimalField(_("other fees"), **MONEY, editable=False)
    deposit = models.DecimalField(_("deposit held"), **MONEY, editable=False)
    balance = models.DecimalField(
        _("balance"),
        **MONEY,
        editable=False,
        help_text=_("Positive: to collect. Negative: to refund."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("final settlement")
        verbose_name_plural = _("final settlements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.reference

    @property
    def balance_size(self):
        """The balance without its sign (what is refunded or collected)."""
        return abs(self.balance)

    @transition(
        field=state,
        source=SettlementState.DRAFT,
        target=SettlementState.APPROVED,
        permission=P.APPROVE_SETTLEMENT,
        custom={"label": _("Approve and archive"), "style": "primary"},
    )
    def approve(self):
        pass

    approve.alters_data = True


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
