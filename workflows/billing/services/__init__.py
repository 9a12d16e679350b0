"""Billing commands (README.md): every change of billing data goes through one of these.

By subject: the billing run (`run`), invoices and notices, payments, collections, deposits and the
final settlement; everything is importable from here.
"""

from workflows.core.exceptions import CommandPermissionDenied  # noqa: F401 - re-exported for views

from .collections import log_call, record_decision, run_collections
from .common import BILLED_CONTRACT_STATES, ZERO, BillingError, billing_settings, today
from .credits import apply_rent_credits, pending_rent_credits
from .deposits import deduct_from_deposit, receive_deposit, refund_deposit
from .invoices import (
    add_line,
    approve_write_off,
    create_invoice,
    issue_credit_note,
    issue_invoice,
    refuse_write_off,
    request_write_off,
    send_notice,
    send_to_collection,
)
from .payments import allocate_credit, customer_credit, open_invoices, record_payment
from .run import account_rent, due_charges, run_billing
from .settlement import (
    agreed_damage,
    approve_settlement,
    early_return_charge,
    late_fees_of,
    prepare_settlement,
    returns_waiting,
    settlement_is_archived,
    statement,
)

__all__ = [
    "BILLED_CONTRACT_STATES",
    "ZERO",
    "BillingError",
    "account_rent",
    "add_line",
    "agreed_damage",
    "allocate_credit",
    "apply_rent_credits",
    "approve_settlement",
    "approve_write_off",
    "billing_settings",
    "create_invoice",
    "customer_credit",
    "deduct_from_deposit",
    "due_charges",
    "early_return_charge",
    "issue_credit_note",
    "issue_invoice",
    "late_fees_of",
    "log_call",
    "open_invoices",
    "pending_rent_credits",
    "prepare_settlement",
    "receive_deposit",
    "record_decision",
    "record_payment",
    "refund_deposit",
    "refuse_write_off",
    "request_write_off",
    "returns_waiting",
    "run_billing",
    "run_collections",
    "send_notice",
    "send_to_collection",
    "settlement_is_archived",
    "statement",
    "today",
]
