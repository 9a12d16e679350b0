"""Prices as visitors in Taiwan read them: `NT$6,500`, `NT$6,500 起`."""

from decimal import Decimal

from django.utils.translation import gettext

CURRENCY_SYMBOLS = {"TWD": "NT$", "USD": "US$"}


def format_price(amount, currency="TWD"):
    """`NT$6,500` for whole amounts, `NT$6,500.50` otherwise; thousands always separated."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    symbol = CURRENCY_SYMBOLS.get(currency or "TWD", f"{currency} ")
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{symbol}{number}"


def format_price_from(amount, currency="TWD"):
    """A starting price: `NT$6,500 起` in Chinese, `from NT$6,500` in English."""
    return gettext("from %(price)s") % {"price": format_price(amount, currency)}
