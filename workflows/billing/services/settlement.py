"""The final settlement (P6.4) and the statement of account."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command, transition_command
from workflows.core.exceptions import CommandPermissionDenied  # noqa: F401 - re-exported for views
from workflows.core.money import money
from workflows.core.records import create_record
from workflows.core.services import perform_transition

from .. import permissions as P
from .. import rent
from ..choices import DepositState, InvoiceKind, SettlementState
from ..choices import InvoiceState as S
from ..models import Deposit, DepositDeduction, FinalSettlement, Invoice
from .common import ZERO, billing_settings, today


def late_fees_of(invoices, on, settings_):
    """Late fees of invoices: each on its total, from its due date to its last payment (or `on`)."""
    total = ZERO
    for invoice in invoices:
        paid_on = max((a.payment.received_on for a in invoice.allocations.all()), default=None)
        until = paid_on if invoice.state == S.PAID and paid_on else on
        total += rent.late_fee(
            invoice.total,
            invoice.due_on,
            until,
            daily_rate=settings_.late_fee_daily_rate,
            grace_days=settings_.late_fee_grace_days,
            cap_rate=settings_.late_fee_cap_rate,
        )
    return money(total)


def statement(contract_id, on=None):
    """What a contract's customer was billed, paid and owes, for the settlement and statement."""
    on = on or today()
    invoices = list(
        Invoice.objects.filter(contract_id=contract_id)
        .prefetch_related("lines", "allocations")
        .order_by("invoice_date", "pk")
    )
    by_kind = {}
    for invoice in invoices:
        for line in invoice.lines.all():
            sign = 1
            by_kind[line.kind] = by_kind.get(line.kind, ZERO) + sign * line.amount
    billed = money(sum((i.total for i in invoices if i.kind == InvoiceKind.INVOICE), ZERO))
    credited = money(-sum((i.total for i in invoices if i.kind == InvoiceKind.CREDIT_NOTE), ZERO))
    paid = money(sum((a.amount for i in invoices for a in i.allocations.all()), ZERO))
    return {
        "invoices": invoices,
        "billed": billed,
        "credited": credited,
        "paid": paid,
        "by_kind": by_kind,
        "open": money(
            billed
            - credited
            - paid
            - sum((i.paid for i in invoices if i.state == S.WRITTEN_OFF), ZERO)
        ),
    }


@command(model=FinalSettlement, permission=P.ISSUE, creates=True)
def prepare_settlement(settlement, *, user, damage=ZERO, other=ZERO):
    """The final statement of a returned contract, from its invoices, payments and deposit."""
    settings_ = billing_settings()
    facts = statement(settlement.contract_id, settlement.returned_on)
    invoices = [
        i for i in facts["invoices"] if i.kind == InvoiceKind.INVOICE and i.state != S.CREDITED
    ]
    deposit = Deposit.objects.filter(contract_id=settlement.contract_id).first()
    settlement.rent_billed = money(facts["billed"] - facts["credited"])
    settlement.paid = facts["paid"]
    settlement.late_fees = late_fees_of(invoices, settlement.returned_on, settings_)
    settlement.damage = money(damage)
    settlement.other = money(other)
    settlement.deposit = deposit.amount if deposit else ZERO
    settlement.balance = rent.settlement_balance(
        billed=settlement.rent_billed,
        paid=settlement.paid,
        late_fees=settlement.late_fees,
        damage=settlement.damage,
        other=settlement.other,
        deposit=settlement.deposit,
    )
    created = create_record(settlement, user=user)
    if deposit and settlement.damage:
        DepositDeduction.objects.create(
            deposit=deposit, reason="damage", amount=settlement.damage, note=_("Damage at return")
        )
    return created


@transition_command(FinalSettlement, "approve")
def approve_settlement(settlement, *, user, expected_state=None, note=""):
    """Finance approves: the statement is archived read-only and the deposit refund is due."""

    def prepare(fresh):
        fresh.approved_by = user
        fresh.approved_at = timezone.now()

    fresh = perform_transition(
        settlement, "approve", user=user, expected_state=expected_state, prepare=prepare, note=note
    )
    Deposit.objects.filter(contract_id=fresh.contract_id, state=DepositState.HELD).update(
        state=DepositState.REFUND_DUE,
        refund_due_on=today() + timedelta(days=billing_settings().deposit_refund_days),
        refunded_amount=max(-fresh.balance, ZERO),
    )
    return fresh


def settlement_is_archived(settlement):
    return settlement.state == SettlementState.APPROVED
