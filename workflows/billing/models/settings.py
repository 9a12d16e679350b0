"""Billing settings: what Finance sets, not developers."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..choices import ReminderAction

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
        verbose_name_plural = _("billing settings")

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
