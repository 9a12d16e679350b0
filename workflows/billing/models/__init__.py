"""Billing (P5, P6.4): billing terms per contract, invoices and credit notes, payment notices,
payments and their allocation, reminders and collection decisions, deposits, final settlements.

Amounts are computed by the pure rent engine (`rent.py`) and stored as Decimals.
"""

from .accounts import BillingAccount
from .collections import CollectionDecision, Reminder
from .common import MONEY, ZERO
from .invoices import Invoice, InvoiceLine, PaymentNotice, has_lines
from .payments import Allocation, BankStatementLine, Payment
from .settings import DEFAULT_LADDER, BillingSettings, parse_ladder
from .settlement import Deposit, DepositDeduction, FinalSettlement

__all__ = [
    "DEFAULT_LADDER",
    "MONEY",
    "ZERO",
    "Allocation",
    "BankStatementLine",
    "BillingAccount",
    "BillingSettings",
    "CollectionDecision",
    "Deposit",
    "DepositDeduction",
    "FinalSettlement",
    "Invoice",
    "InvoiceLine",
    "Payment",
    "PaymentNotice",
    "Reminder",
    "has_lines",
    "parse_ladder",
]
