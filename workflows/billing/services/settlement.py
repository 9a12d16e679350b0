"""The final settlement (P6.4) and the statement of account."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command, transition_command
from workflows.core.money import money
from workflows.core.records import create_record
from workflows.core.services import perform_transition

from .. import permissions as P
from .. import rent
from ..choices import DeductionReason, DepositState, InvoiceKind, SettlementState
from ..choices import InvoiceState as S
from ..models import BillingAccount, Deposit, DepositDeduction, FinalSettlement, Invoice
from .common import ZERO, BillingError, billing_settings, today
from .credits import mark_applied, pending_rent_credits


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


def returns_waiting(contract_id):
    """The contract's returns whose damage charges are not agreed yet (inspection or dispute)."""
    from workflows.handovers.choices import ReturnState
    from workflows.handovers.models import LeaseReturn

    return list(
        LeaseReturn.objects.filter(contract_id=contract_id).exclude(state=ReturnState.AGREED)
    )


def agreed_damage(contract_id):
    """The damage charges agreed (or settled) at the contract's returns, not yet deducted."""
    from workflows.handovers.models import DamageCharge

    return list(
        DamageCharge.objects.filter(
            contract_id=contract_id, deposit_deduction__isnull=True
        ).order_by("pk")
    )


def early_return_charge(contract_id, returned_on):
    """(amount, account) of a return before the contract's last day, by its early return rule.

    The days used and not invoiced yet are charged; then `refund_unused` gives back the rent of
    the days invoiced after the return, `minimum_term` charges the days up to the minimum term's
    end (the contract's last day when none is set). Zero for a return on or after the last day.
    """
    account = BillingAccount.objects.filter(contract_id=contract_id).first()
    if account is None or returned_on >= account.last_day:
        return ZERO, None
    terms = account.terms()
    through = account.billed_through or account.first_day - timedelta(days=1)
    unbilled_used = rent.rent_between(terms, through + timedelta(days=1), returned_on)
    if account.early_return_rule == rent.MINIMUM_TERM:
        term_end = min(account.minimum_term_end or account.last_day, account.last_day)
        amount = rent.early_return(terms, rent.MINIMUM_TERM, returned_on, through, term_end)
    else:
        amount = rent.early_return(terms, rent.REFUND_UNUSED, returned_on, through)
    return money(unbilled_used + amount), account


@command(model=FinalSettlement, permission=P.ISSUE, creates=True)
def prepare_settlement(settlement, *, user, damage=ZERO, other=ZERO):
    """The final statement of a returned contract, from its invoices, payments and deposit.

    The damage charges agreed at the return inspection are taken in by themselves, each once
    (a deduction from the deposit linked to the charge); `damage` adds a charge found
    otherwise. Rent credits agreed in complaints that no invoice carried (the contract ended
    before a billing run could take them) are deducted here and marked applied in complaints,
    naming the settlement. While a return's charges are not agreed (inspected, disputed) the
    settlement waits. A return before the contract's last day follows its early return rule, and the
    billing run stops at the return day.
    """
    waiting = returns_waiting(settlement.contract_id)
    if waiting:
        raise BillingError(
            _("The damage charges of return %(reference)s are not agreed yet (%(state)s).")
            % {"reference": waiting[0].reference, "state": waiting[0].get_state_display()},
            "contract",
        )
    settings_ = billing_settings()
    facts = statement(settlement.contract_id, settlement.returned_on)
    invoices = [
        i for i in facts["invoices"] if i.kind == InvoiceKind.INVOICE and i.state != S.CREDITED
    ]
    deposit = Deposit.objects.filter(contract_id=settlement.contract_id).first()
    charges = agreed_damage(settlement.contract_id)
    extra_damage = money(damage)
    early, account = early_return_charge(settlement.contract_id, settlement.returned_on)
    credits = pending_rent_credits([settlement.contract_id])
    settlement.rent_credits = money(sum((c.amount for c in credits), ZERO))
    settlement.rent_billed = money(facts["billed"] - facts["credited"])
    settlement.paid = facts["paid"]
    settlement.late_fees = late_fees_of(invoices, settlement.returned_on, settings_)
    settlement.damage = money(sum((c.amount for c in charges), ZERO) + extra_damage)
    settlement.other = money(other)
    settlement.early_return = early
    settlement.deposit = deposit.amount if deposit else ZERO
    settlement.balance = rent.settlement_balance(
        billed=settlement.rent_billed,
        paid=settlement.paid,
        late_fees=settlement.late_fees,
        damage=settlement.damage,
        other=settlement.other,
        deposit=settlement.deposit,
        early_return=settlement.early_return,
        rent_credits=settlement.rent_credits,
    )
    created = create_record(settlement, user=user)
    for credit in credits:
        perform_transition(
            credit,
            "apply",
            user=user,
            prepare=lambda c, reference=created.reference: mark_applied(c, reference),
            note=_("Deducted in final settlement %(reference)s") % {"reference": created.reference},
        )
    if deposit:
        DepositDeduction.objects.bulk_create(
            [
                DepositDeduction(
                    deposit=deposit,
                    reason=DeductionReason.DAMAGE,
                    amount=money(charge.amount),
                    note=charge.description[:300],
                    damage_charge=charge,
                )
                for charge in charges
                if charge.amount > 0
            ]
        )
        if extra_damage:
            DepositDeduction.objects.create(
                deposit=deposit,
                reason=DeductionReason.DAMAGE,
                amount=extra_damage,
                note=_("Damage at return"),
            )
    if account is not None:
        # Nothing is invoiced after the return: its days are settled here.
        BillingAccount.objects.filter(pk=account.pk).update(
            last_day=settlement.returned_on,
            billed_through=max(
                account.billed_through or settlement.returned_on, settlement.returned_on
            ),
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
