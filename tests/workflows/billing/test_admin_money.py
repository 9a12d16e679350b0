"""The admin screens for deposits, deductions and allocating a payment by hand, the settlement's
Excel export and the statement of account on the customer page: Finance only (403 by POST for
the others, nothing changes), each running its command."""

import io
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from workflows.billing import services
from workflows.billing.models import (
    Deposit,
    DepositDeduction,
    FinalSettlement,
    Invoice,
    Payment,
)

from .factories import billed_contract

pytestmark = pytest.mark.django_db

D = Decimal
OTHERS = ["Sales", "Legal", "Customer Service", "After-sales", "Management"]


@pytest.fixture
def setup(staff):
    finance = staff["Finance"]
    contract = billed_contract(end=date(2026, 3, 31))
    services.run_billing(on=date(2026, 3, 1), user=finance)
    deposit = services.receive_deposit(
        Deposit(contract=billed_contract(), amount=D("20000"), received_on=date(2026, 1, 5)),
        user=finance,
    )
    payment = services.record_payment(
        Payment(
            customer=contract.customer,
            received_on=date(2026, 3, 2),
            amount=D("10000"),
            method="bank_transfer",
            reference="TX-77",
        ),
        user=finance,
        invoices=[],
    )
    return {"contract": contract, "deposit": deposit, "payment": payment}


def _posts(setup):
    return [
        (
            reverse("billing_deposit"),
            {"contract": setup["contract"].pk, "amount": "30000", "received_on": "2026-01-10"},
        ),
        (
            reverse("billing_deduct", args=[setup["deposit"].pk]),
            {"reason": "unpaid_rent", "amount": "500", "note": "一月租金未付"},
        ),
        (
            reverse("billing_allocate", args=[setup["payment"].pk]),
            {"invoices": [i.pk for i in Invoice.objects.all()]},
        ),
    ]


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_but_finance_may_post_the_money_screens(client, staff, setup, role):
    client.force_login(staff[role])
    for url, data in _posts(setup):
        assert client.post(url, data).status_code == 403, url
    assert Deposit.objects.count() == 1 and not DepositDeduction.objects.exists()
    assert Payment.objects.get().unallocated == D("10000.00")


def test_finance_receives_a_deposit_deducts_and_allocates_by_hand(client, staff, setup):
    client.force_login(staff["Finance"])
    page = client.get(
        reverse("wagtailsnippets_billing_deposit:inspect", args=[setup["deposit"].pk])
    )
    assert BeautifulSoup(page.content, "html.parser").select_one('[data-billing="deduct"]')
    receive, deduct, allocate = _posts(setup)
    assert client.post(*receive).status_code == 302
    assert Deposit.objects.get(contract=setup["contract"]).amount == D("30000.00")
    bad = client.post(deduct[0], {**deduct[1], "note": "  "})
    assert bad.status_code == 200 and not DepositDeduction.objects.exists()
    assert client.post(*deduct).status_code == 302
    assert DepositDeduction.objects.get().amount == D("500.00")
    # By hand: only the March invoice is ticked, although January is older.
    march = Invoice.objects.get(period_start=date(2026, 3, 1))
    response = client.post(allocate[0], {"invoices": [march.pk]})
    assert response.status_code == 302
    march.refresh_from_db()
    assert march.paid == D("10000.00")
    assert Invoice.objects.get(period_start=date(2026, 1, 15)).paid == D("0.00")
    assert Payment.objects.get().unallocated == D("0.00")
    again = client.post(allocate[0], {"invoices": [march.pk]})
    assert again.status_code == 200  # nothing is left to allocate: said on the form


def test_the_settlement_exports_to_excel_with_its_deductions(client, staff):
    finance = staff["Finance"]
    contract = billed_contract(end=date(2026, 2, 28))
    services.run_billing(on=date(2026, 2, 1), user=finance)
    services.receive_deposit(
        Deposit(contract=contract, amount=D("50000"), received_on=date(2026, 1, 10)), user=finance
    )
    settlement = services.prepare_settlement(
        FinalSettlement(contract=contract, returned_on=date(2026, 2, 28)),
        user=finance,
        damage=D("8000"),
    )
    url = reverse("billing_export_settlement", args=[settlement.pk])
    client.force_login(staff["Sales"])
    assert client.get(url).status_code == 403
    client.force_login(finance)
    response = client.get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = [row for row in book.worksheets[0].iter_rows(values_only=True) if any(row)]
    assert rows[0][1] == settlement.reference
    # Rent billed, late fees, damage, other fees, early return, complaint rent credits, paid,
    # deposit, balance.
    amounts = [row[1] for row in rows[-9:]]
    assert amounts[2] == 8000 and amounts[5] == 0 and amounts[7] == -50000
    assert amounts[8] == float(settlement.balance_size)
    deductions = list(book.worksheets[1].iter_rows(values_only=True))
    assert deductions[1][2] == 8000


def test_the_statement_of_account_is_linked_from_the_customer_page_for_allowed_roles(client, staff):
    contract = billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=staff["Finance"])
    url = reverse("wagtailsnippets_customers_customer:inspect", args=[contract.customer_id])
    statement = reverse("billing_statement", args=[contract.customer_id])
    for role, shown in (("Finance", True), ("Sales", True), ("After-sales", False)):
        client.force_login(staff[role])
        page = client.get(url)
        if page.status_code != 200:
            assert not shown, role
            continue
        link = BeautifulSoup(page.content, "html.parser").select_one('[data-billing="statement"]')
        assert (link is not None and link["href"] == statement) is shown, role
        assert (client.get(statement).status_code == 200) is shown, role
