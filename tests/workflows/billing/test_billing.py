"""The billing run, credit notes, notices, payments, collections and the final settlement."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from workflows.billing import services
from workflows.billing.choices import DepositState, InvoiceKind
from workflows.billing.choices import InvoiceState as S
from workflows.billing.models import (
    Deposit,
    FinalSettlement,
    Invoice,
    Payment,
    PaymentNotice,
    Reminder,
)
from workflows.core.models import OutboundMessage

from .factories import billed_contract

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def finance(staff):
    return staff["Finance"]


def test_the_run_invoices_each_period_once_with_tax_shown(
    finance, django_capture_on_commit_callbacks
):
    contract = billed_contract()
    assert services.run_billing(on=date(2026, 3, 5), user=finance) == 3
    invoices = list(Invoice.objects.filter(contract=contract).order_by("period_start"))
    assert [i.net for i in invoices] == [D("16451.61"), D("30000.00"), D("30000.00")]
    assert invoices[0].tax == D("822.58") and invoices[0].total == D("17274.19")
    numbers = [int(i.number.rsplit("-", 1)[1]) for i in invoices]
    assert numbers == list(range(numbers[0], numbers[0] + 3))
    assert services.run_billing(on=date(2026, 3, 5), user=finance) == 0
    assert Invoice.objects.count() == 3


def test_a_crash_midway_then_a_rerun_gives_one_invoice_per_contract_and_period(
    finance, monkeypatch
):
    contracts = [billed_contract() for _ in range(3)]
    real = services.run._write_invoices
    calls = []

    def crash_on_the_second_chunk(batch, settings_, user):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("power cut")
        return real(batch, settings_, user)

    monkeypatch.setattr(services.run, "_write_invoices", crash_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        services.run_billing(on=date(2026, 2, 1), user=finance, chunk=2)
    # The command is one transaction: the chunks written before the crash went with it.
    assert Invoice.objects.count() == 0
    monkeypatch.setattr(services.run, "_write_invoices", real)
    services.run_billing(on=date(2026, 2, 1), user=finance, chunk=2)
    for contract in contracts:
        assert sorted(
            Invoice.objects.filter(contract=contract).values_list("period_start", flat=True)
        ) == [date(2026, 1, 15), date(2026, 2, 1)]
    numbers = sorted(
        int(n.rsplit("-", 1)[1]) for n in Invoice.objects.values_list("number", flat=True)
    )
    assert numbers == list(range(numbers[0], numbers[0] + 6))


def test_an_issued_invoice_is_corrected_by_a_credit_note_never_edited(finance):
    billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    invoice = Invoice.objects.get()
    with pytest.raises(services.BillingError):
        services.add_line(invoice, user=finance, kind="adjustment", description="x", amount="-10")
    note = services.issue_credit_note(
        invoice, user=finance, amount=invoice.total, reason="Wrong start date"
    )
    assert note.kind == InvoiceKind.CREDIT_NOTE and note.number.startswith("CN")
    assert note.total == -invoice.total and note.tax + note.net == note.total
    invoice.refresh_from_db()
    assert invoice.state == S.CREDITED
    assert invoice.lines.count() == 1


def test_a_notice_is_stored_and_sent_once(finance, django_capture_on_commit_callbacks):
    contract = billed_contract()
    contract.customer.email, contract.customer.phone = "buyer@example.com", "0912345678"
    contract.customer.save()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    invoice = Invoice.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_notice(invoice, user=finance)
        services.send_notice(invoice, user=finance)
    assert PaymentNotice.objects.count() == 1
    assert OutboundMessage.objects.filter(template__startswith="billing/notice").count() == 2


def test_payments_go_oldest_first_and_overpayment_stays_as_credit(finance):
    contract = billed_contract(rent="1000")
    services.run_billing(on=date(2026, 2, 1), user=finance)
    first, second = Invoice.objects.order_by("period_start")
    assert first.total == D("575.81") and second.total == D("1050.00")
    payment = services.record_payment(
        Payment(
            customer=contract.customer,
            received_on=date(2026, 2, 3),
            amount=D("1000"),
            method="cash",
        ),
        user=finance,
    )
    first.refresh_from_db(), second.refresh_from_db()
    assert first.state == S.PAID and second.state == S.PARTIALLY_PAID
    assert second.paid == D("424.19")
    more = services.record_payment(
        Payment(
            customer=contract.customer, received_on=date(2026, 2, 4), amount=D("700"), method="cash"
        ),
        user=finance,
    )
    second.refresh_from_db()
    assert second.state == S.PAID and more.unallocated == D("74.19")
    assert services.customer_credit(contract.customer.pk) == D("74.19")
    assert payment.unallocated == 0


def test_reminders_follow_the_ladder_once_and_escalate(finance, staff):
    contract = billed_contract()
    contract.customer.email = "buyer@example.com"
    contract.customer.save()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    invoice = Invoice.objects.get()
    assert invoice.due_on == date(2026, 1, 25)
    services.run_collections(on=date(2026, 1, 26))
    services.run_collections(on=date(2026, 1, 26))
    invoice.refresh_from_db()
    assert invoice.state == S.OVERDUE
    assert list(Reminder.objects.values_list("day", "action")) == [(1, "email")]
    assert OutboundMessage.objects.filter(template="billing/reminder").count() == 1
    services.run_collections(on=date(2026, 2, 24))
    services.run_collections(on=date(2026, 2, 25))
    invoice.refresh_from_db()
    assert invoice.state == S.IN_COLLECTION
    assert list(Reminder.objects.values_list("day", flat=True)) == [1, 7, 14, 30]
    assert Invoice.waiting_for(staff["Sales"]).filter(pk=invoice.pk).exists()
    assert Invoice.waiting_for(staff["Legal"]).filter(pk=invoice.pk).exists()
    call = Reminder.objects.get(action="call")
    services.log_call(call, user=staff["Customer Service"], note="Promised to pay on Friday")
    services.record_decision(
        invoice,
        user=staff["Sales"],
        decision="payment_plan",
        note="Three instalments",
        sales_agreed_by="Sales lead",
        legal_agreed_by="Counsel",
    )
    assert not Invoice.waiting_for(staff["Sales"]).filter(pk=invoice.pk).exists()
    with pytest.raises(PermissionDenied):
        services.approve_write_off(invoice, user=finance)


def test_write_off_needs_management(finance, staff):
    billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=finance)
    services.run_collections(on=date(2026, 1, 26))
    invoice = Invoice.objects.get()
    services.request_write_off(invoice, user=finance, note="Customer insolvent")
    with pytest.raises(PermissionDenied):
        services.approve_write_off(invoice, user=finance)
    services.approve_write_off(invoice, user=staff["Management"])
    invoice.refresh_from_db()
    assert invoice.state == S.WRITTEN_OFF


def test_final_settlement_refunds_the_deposit_less_damage(finance):
    contract = billed_contract(end=date(2026, 2, 28))
    services.run_billing(on=date(2026, 2, 1), user=finance)
    services.receive_deposit(
        Deposit(contract=contract, amount=D("50000"), received_on=date(2026, 1, 10)), user=finance
    )
    total = sum(i.total for i in Invoice.objects.all())
    services.record_payment(
        Payment(
            customer=contract.customer, received_on=date(2026, 2, 3), amount=total, method="cash"
        ),
        user=finance,
    )
    settlement = services.prepare_settlement(
        FinalSettlement(contract=contract, returned_on=date(2026, 2, 28)),
        user=finance,
        damage=D("8000"),
    )
    # Late fee: the first invoice (17,274.19) paid 9 days after its due date, 5 grace days:
    # 4 days at 0.05 % = 34.55.
    assert settlement.late_fees == D("34.55")
    assert settlement.balance == D("-41965.45")
    services.approve_settlement(settlement, user=finance)
    deposit = Deposit.objects.get()
    assert deposit.state == DepositState.REFUND_DUE and deposit.refunded_amount == D("41965.45")
    assert deposit.refund_due_on is not None
    services.refund_deposit(deposit, user=finance)
    deposit.refresh_from_db()
    assert deposit.state == DepositState.REFUNDED


@pytest.mark.parametrize(
    "role", ["Sales", "Legal", "Customer Service", "Management", "After-sales"]
)
def test_only_finance_runs_billing_and_records_payments(staff, role):
    contract = billed_contract()
    with pytest.raises(PermissionDenied):
        services.run_billing(on=date(2026, 1, 15), user=staff[role])
    with pytest.raises(PermissionDenied):
        services.record_payment(
            Payment(
                customer=contract.customer,
                received_on=date(2026, 1, 15),
                amount=D("1"),
                method="cash",
            ),
            user=staff[role],
        )
    assert not Invoice.objects.exists() and not Payment.objects.exists()
