"""What lands on invoices and the settlement by itself: complaint rent credits, agreed damage
charges of the return inspection, and the contract's early return rule."""

from datetime import date
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from tests.workflows.complaints.factories import RentCreditFactory
from tests.workflows.fleet.factories import EquipmentUnitFactory
from tests.workflows.handovers.factories import LeaseReturnFactory
from workflows.billing import services
from workflows.billing.choices import LineKind
from workflows.billing.models import (
    BillingAccount,
    Deposit,
    DepositDeduction,
    FinalSettlement,
    Invoice,
    InvoiceLine,
)
from workflows.core.services import action_name
from workflows.handovers.models import DamageCharge, DamageItem, ReturnUnit

from .factories import billed_contract

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def finance(staff):
    return staff["Finance"]


def test_a_pending_rent_credit_becomes_a_credit_line_of_the_next_run_once(finance):
    contract = billed_contract()
    credit = RentCreditFactory(contract=contract, customer=contract.customer, amount=D("3000"))
    services.run_billing(on=date(2026, 2, 1), user=finance)
    line = InvoiceLine.objects.get(kind=LineKind.RENT_CREDIT)
    invoice = line.invoice
    # The first invoice (15-31 Jan, 17 of 31 days of 30,000) carries the credit, tax recomputed.
    assert invoice.period_start == date(2026, 1, 15)
    assert line.amount == D("-3000.00") and line.rent_credit == credit
    assert invoice.net == D("13451.61") and invoice.tax == D("672.58")
    assert invoice.total == D("14124.19")
    credit.refresh_from_db()
    assert credit.state == "applied" and credit.finance_reference == invoice.number
    services.run_billing(on=date(2026, 2, 1), user=finance)
    services.run_billing(on=date(2026, 3, 1), user=finance)
    assert InvoiceLine.objects.filter(kind=LineKind.RENT_CREDIT).count() == 1


def test_a_credit_waits_for_a_new_invoice_and_never_touches_an_issued_one(finance):
    contract = billed_contract()
    services.run_billing(on=date(2026, 2, 1), user=finance)
    issued = {i.pk: i.total for i in Invoice.objects.all()}
    credit = RentCreditFactory(contract=contract, customer=contract.customer, amount=D("1500.50"))
    too_big = RentCreditFactory(contract=contract, customer=contract.customer, amount=D("90000"))
    other = RentCreditFactory(amount=D("100"))  # a contract nobody invoices
    services.run_billing(on=date(2026, 2, 1), user=finance)
    assert {i.pk: i.total for i in Invoice.objects.all()} == issued
    credit.refresh_from_db()
    assert credit.state == "pending"
    services.run_billing(on=date(2026, 3, 1), user=finance)
    march = Invoice.objects.get(period_start=date(2026, 3, 1))
    assert march.net == D("28499.50")
    for waiting in (too_big, other):
        waiting.refresh_from_db()
        assert waiting.state == "pending"
    assert {i.pk: i.total for i in Invoice.objects.exclude(pk=march.pk)} == issued


def test_a_credit_no_invoice_could_take_is_deducted_in_the_final_settlement_once(finance):
    contract = billed_contract(end=date(2026, 2, 28))
    services.run_billing(on=date(2026, 2, 1), user=finance)
    # Agreed after the last invoice: no run will carry it any more.
    credit = RentCreditFactory(contract=contract, customer=contract.customer, amount=D("2500"))
    other = RentCreditFactory(amount=D("100"))  # another contract's credit stays pending
    without = services.statement(contract.pk)
    settlement = services.prepare_settlement(
        FinalSettlement(contract=contract, returned_on=date(2026, 2, 28)), user=finance
    )
    assert settlement.rent_credits == D("2500.00")
    assert settlement.balance == (
        settlement.rent_billed + settlement.late_fees - without["paid"] - D("2500")
    )
    credit.refresh_from_db()
    other.refresh_from_db()
    assert credit.state == "applied" and credit.finance_reference == settlement.reference
    assert other.state == "pending"
    assert services.pending_rent_credits([contract.pk]) == []
    entry = ModelLogEntry.objects.get(
        object_id=str(credit.pk), action=action_name(type(credit), "apply")
    )
    assert entry.user == finance and settlement.reference in entry.data["note"]


def returned_with_damage(contract, state, amounts):
    lease_return = LeaseReturnFactory(contract=contract, state=state)
    unit = ReturnUnit.objects.create(lease_return=lease_return, unit=EquipmentUnitFactory())
    for amount in amounts:
        item = DamageItem.objects.create(
            return_unit=unit, description=f"刮傷 {amount}", proposed_charge=D(amount)
        )
        if state == "agreed":
            DamageCharge.objects.create(
                contract=contract,
                lease_return=lease_return,
                damage=item,
                description=item.description,
                amount=D(amount),
            )
    return lease_return


def test_agreed_damage_charges_land_on_the_settlement_once(finance):
    contract = billed_contract(end=date(2026, 2, 28))
    services.run_billing(on=date(2026, 2, 1), user=finance)
    services.receive_deposit(
        Deposit(contract=contract, amount=D("50000"), received_on=date(2026, 1, 10)), user=finance
    )
    returned_with_damage(contract, "agreed", ["5000", "3000.50"])
    settlement = services.prepare_settlement(
        FinalSettlement(contract=contract, returned_on=date(2026, 2, 28)),
        user=finance,
        damage=D("1000"),
    )
    assert settlement.damage == D("9000.50")
    deductions = DepositDeduction.objects.order_by("pk")
    assert [d.amount for d in deductions] == [D("5000.00"), D("3000.50"), D("1000.00")]
    assert [d.damage_charge is not None for d in deductions] == [True, True, False]
    assert services.agreed_damage(contract.pk) == []


@pytest.mark.parametrize("state", ["inspected", "disputed"])
def test_the_settlement_waits_while_damage_is_not_agreed(finance, state):
    contract = billed_contract(end=date(2026, 2, 28))
    returned_with_damage(contract, state, ["5000"])
    with pytest.raises(services.BillingError):
        services.prepare_settlement(
            FinalSettlement(contract=contract, returned_on=date(2026, 2, 28)), user=finance
        )
    assert not FinalSettlement.objects.exists()


def settle_early(finance, contract, returned_on, billed_on):
    services.run_billing(on=billed_on, user=finance)
    return services.prepare_settlement(
        FinalSettlement(contract=contract, returned_on=returned_on), user=finance
    )


def test_an_early_return_refunds_the_unused_days_and_billing_stops(finance):
    contract = billed_contract(
        rent="31000",
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        early_return_rule="refund_unused",
    )
    settlement = settle_early(finance, contract, date(2026, 3, 20), date(2026, 3, 1))
    # March was invoiced in advance; 21-31 March (11 of 31 days) come back.
    assert settlement.early_return == D("-11000.00")
    assert settlement.balance == D(settlement.rent_billed + settlement.late_fees - 11000)
    account = BillingAccount.objects.get(contract=contract)
    assert account.last_day == date(2026, 3, 20)
    assert services.run_billing(on=date(2026, 6, 1), user=finance) == 0


def test_an_early_return_charges_used_days_not_invoiced_yet(finance):
    contract = billed_contract(rent="31000", start=date(2026, 1, 1), end=date(2026, 6, 30))
    settlement = settle_early(finance, contract, date(2026, 3, 20), date(2026, 2, 1))
    # Invoiced through February: 1-20 March are used and charged, nothing to refund.
    assert settlement.early_return == D("20000.00")


def test_an_early_return_under_a_minimum_term_charges_up_to_its_end(finance):
    contract = billed_contract(
        rent="31000",
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        early_return_rule="minimum_term",
        minimum_term_end=date(2026, 5, 31),
    )
    settlement = settle_early(finance, contract, date(2026, 3, 20), date(2026, 3, 1))
    # April (30 days) and May (31 days) at 31,000 a month.
    assert settlement.early_return == D("62000.00")
    assert services.run_billing(on=date(2026, 6, 1), user=finance) == 0


def test_a_return_on_the_last_day_changes_nothing(finance):
    contract = billed_contract(end=date(2026, 2, 28))
    settlement = settle_early(finance, contract, date(2026, 2, 28), date(2026, 2, 1))
    assert settlement.early_return == D("0.00")
