"""Deposits and the final settlement (P6.4)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.models import ProcessRecord

from .. import permissions as P
from ..choices import DeductionReason, DepositState, SettlementState
from .common import MONEY, ZERO


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
        verbose_name_plural = _("deposits")

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
    damage_charge = models.OneToOneField(
        "handovers.DamageCharge",
        verbose_name=_("damage charge"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deposit_deduction",
        editable=False,
        help_text=_("The agreed damage charge of the return inspection this deducts, once."),
    )

    class Meta:
        verbose_name = _("deposit deduction")
        verbose_name_plural = _("deposit deductions")
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
    early_return = models.DecimalField(
        _("early return"),
        default=ZERO,
        **MONEY,
        editable=False,
        help_text=_(
            "The contract's early return rule: negative refunds unused days, positive is "
            "the minimum term fee."
        ),
    )
    rent_credits = models.DecimalField(
        _("complaint rent credits"),
        default=ZERO,
        **MONEY,
        editable=False,
        help_text=_(
            "Rent credits agreed in complaints that no invoice carried: deducted here, once."
        ),
    )
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
        verbose_name=_("approved by"),
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
