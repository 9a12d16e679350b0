from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from tests.workflows.leasing.factories import ContractFactory
from workflows.billing.choices import InvoiceState
from workflows.billing.models import (
    BillingAccount,
    Deposit,
    FinalSettlement,
    Invoice,
    InvoiceLine,
    Payment,
    Reminder,
)
from workflows.leasing.models import Contract


def signed_contract(start=date(2026, 1, 15), end=date(2026, 6, 30), **kwargs):
    contract = ContractFactory(**kwargs)
    Contract.objects.filter(pk=contract.pk).update(
        state="signed", period_start=start, period_end=end
    )
    contract.refresh_from_db()
    return contract


def billed_contract(rent="30000", start=date(2026, 1, 15), end=date(2026, 6, 30), **kwargs):
    contract = signed_contract(start, end)
    BillingAccount.objects.create(
        contract=contract,
        customer=contract.customer,
        rent=Decimal(rent),
        first_day=start,
        last_day=end,
        **kwargs,
    )
    return contract


class InvoiceFactory(DjangoModelFactory):
    class Meta:
        model = Invoice
        skip_postgeneration_save = True

    contract = factory.LazyFunction(signed_contract)
    customer = factory.SelfAttribute("contract.customer")
    number = factory.Sequence(lambda n: f"INV2601-{n + 900000:06d}")
    invoice_date = date(2026, 1, 15)
    due_on = date(2026, 1, 25)
    tax_rate = Decimal("0.05")
    net = Decimal("1000.00")
    tax = Decimal("50.00")
    total = Decimal("1050.00")
    state = InvoiceState.ISSUED

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            InvoiceLine.objects.create(
                invoice=self, kind="rent", description="Rent", amount=self.net
            )


class PaymentFactory(DjangoModelFactory):
    class Meta:
        model = Payment

    customer = factory.LazyFunction(lambda: signed_contract().customer)
    received_on = date(2026, 1, 20)
    amount = Decimal("500.00")
    unallocated = Decimal("500.00")
    method = "bank_transfer"


class ReminderFactory(DjangoModelFactory):
    class Meta:
        model = Reminder

    invoice = factory.SubFactory(InvoiceFactory, state=InvoiceState.OVERDUE)
    day = 14
    action = "call"


class DepositFactory(DjangoModelFactory):
    class Meta:
        model = Deposit

    contract = factory.LazyFunction(signed_contract)
    amount = Decimal("50000.00")
    received_on = date(2026, 1, 10)


class FinalSettlementFactory(DjangoModelFactory):
    class Meta:
        model = FinalSettlement

    contract = factory.LazyFunction(signed_contract)
    reference = factory.Sequence(lambda n: f"FS2606-{n + 900000:06d}")
    returned_on = date(2026, 6, 30)
    rent_billed = Decimal("0")
    paid = Decimal("0")
    late_fees = Decimal("0")
    damage = Decimal("0")
    other = Decimal("0")
    deposit = Decimal("0")
    balance = Decimal("0")
