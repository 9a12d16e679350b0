"""Money: Decimal, two places, ROUND_HALF_UP, rounded here and nowhere else (DESIGN.md)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


def money(value):
    """Round an amount to cents, half up; accepts Decimal, int or str, never float."""
    if isinstance(value, float):
        raise TypeError("money never comes from a float; pass a Decimal or a string")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def currency():
    return settings.CURRENCY
