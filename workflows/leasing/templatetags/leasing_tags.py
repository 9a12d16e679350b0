"""Amounts as leasing documents print them: thousands separated, always two places."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def amount(value):
    """`240000` → `240,000.00`, the same in every language (contracts quote it verbatim)."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value):,.2f}"


@register.filter
def periods(value):
    """`1.00` → `1`, `1.50` → `1.5`."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
