"""How each contract is billed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import rent
from ..choices import Cycle, EarlyReturnRule, PaymentMethod, Timing
from .common import MONEY


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
        verbose_name_plural = _("billing accounts")
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
