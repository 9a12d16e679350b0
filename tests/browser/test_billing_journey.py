"""Finance in a browser (P5, P6.4): runs billing, sends the payment notice, records a partial
payment; the reminder goes out; the final settlement refunds the deposit less a damage charge
and prints."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_complaint_journey import clean_site_state, log_in  # noqa: F401
from tests.workflows.billing.factories import billed_contract
from workflows.billing import services
from workflows.billing.models import Deposit, FinalSettlement, Invoice, PaymentNotice
from workflows.core import roles
from workflows.core.models import OutboundMessage

pytestmark = pytest.mark.browser


def fill_date(page, selector, value):
    """Set a date field without focusing it: Wagtail's date picker opens on focus and covers
    the buttons below the field (the pickers have their own test, test_date_pickers.py)."""
    # A locator waits for the field (the click before it may still be loading the form).
    page.locator(selector).evaluate("(field, value) => { field.value = value; }", value)


def test_finance_bills_collects_and_settles(page, live_server, staff, screenshots):
    url = live_server.url
    finance = staff[roles.FINANCE]
    today = timezone.localdate()
    start = today.replace(day=1)
    contract = billed_contract(rent="30000", start=start, end=start + timedelta(days=27))
    contract.customer.email, contract.customer.phone = "buyer@example.com", "0912888777"
    contract.customer.save()
    services.receive_deposit(
        Deposit(contract=contract, amount=Decimal("50000"), received_on=start), user=finance
    )

    log_in(page, url, finance)
    page.goto(url + "/admin/reports/receivables/")
    page.click("[data-billing=run]")
    fill_date(page, "#id_on", today.isoformat())
    page.click("[data-command-submit]")
    expect(page.locator(".messages .success")).to_be_visible()
    invoice = Invoice.objects.get()

    page.goto(url + f"/admin/snippets/billing/invoice/inspect/{invoice.pk}/")
    page.click("[data-billing=notice]")
    page.click("[data-command-submit]")
    expect(page.locator(".messages .success")).to_be_visible()
    assert PaymentNotice.objects.get().amount == invoice.total
    assert OutboundMessage.objects.filter(template__startswith="billing/notice").count() == 2

    page.goto(url + "/admin/reports/receivables/")
    page.click("[data-billing=payment]")
    page.select_option("#id_customer", str(contract.customer_id))
    fill_date(page, "#id_received_on", today.isoformat())
    page.fill("#id_amount", "10000")
    page.select_option("#id_method", "bank_transfer")
    page.click("[data-command-submit]")
    expect(page.locator(".messages .success")).to_be_visible()
    invoice.refresh_from_db()
    assert invoice.state == "partially_paid" and invoice.paid == Decimal("10000.00")

    # The periodic job: the day after the due date, the first reminder goes out, once.
    services.run_collections(on=invoice.due_on + timedelta(days=1))
    services.run_collections(on=invoice.due_on + timedelta(days=1))
    assert OutboundMessage.objects.filter(template="billing/reminder").count() == 1

    page.goto(url + "/admin/reports/receivables/")
    page.click("[data-billing=settlement]")
    page.select_option("#id_contract", str(contract.pk))
    fill_date(page, "#id_returned_on", (start + timedelta(days=27)).isoformat())
    page.fill("#id_damage", "8000")
    page.fill("#id_other", "0")
    page.click("[data-command-submit]")
    settlement = FinalSettlement.objects.get()
    page.click("[data-transition=approve]")
    page.click("[data-confirm-transition=approve]")
    expect(page.locator(".messages .success")).to_contain_text(settlement.reference)
    settlement.refresh_from_db()
    # The deposit less the damage, less what is still open on the invoice and its late fee.
    expected = (
        Decimal("50000")
        - Decimal("8000")
        - (invoice.total - Decimal("10000"))
        - settlement.late_fees
    )
    assert -settlement.balance == expected
    assert Deposit.objects.get().state == "refund_due"

    page.click("[data-billing=print]")
    expect(page.locator("[data-balance]")).to_have_text(str(expected))
    page.screenshot(path=screenshots / "final-settlement.png", full_page=True)
