"""What every billing command shares."""

from decimal import Decimal

from django.utils import timezone

from workflows.leasing.choices import CONTRACT_IN_FORCE

from ..models import BillingSettings

ZERO = Decimal("0.00")
BILLED_CONTRACT_STATES = CONTRACT_IN_FORCE


class BillingError(ValueError):
    """A command refused for a business reason; `field` names the form field concerned."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def billing_settings():
    return BillingSettings.load()


def today():
    return timezone.localdate()
