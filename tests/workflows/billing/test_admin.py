"""The billing admin: every command view refuses anyone but its role with 403 (by POST, nothing
changes); Finance runs billing, sends a notice, records a payment, prints; listings stay flat."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows.billing import services
from workflows.billing.models import FinalSettlement, Invoice, Payment, PaymentNotice

from .factories import billed_contract

pytestmark = pytest.mark.django_db

OTHERS = ["Sales", "Legal", "Customer Service", "After-sales", "Marketing", "HR"]


@pytest.fixture
def invoice(staff):
    billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=staff["Finance"])
    return Invoice.objects.get()


def _posts(invoice):
    return [
        (reverse("billing_run"), {"on": "2026-03-01"}),
        (reverse("billing_notice", args=[invoice.pk]), {}),
        (reverse("billing_credit", args=[invoice.pk]), {"amount": "10", "reason": "x"}),
        (
            reverse("billing_payment"),
            {
                "customer": invoice.customer_id,
                "received_on": "2026-01-20",
                "amount": "100",
                "method": "cash",
            },
        ),
        (
            reverse("billing_settlement"),
            {
                "contract": invoice.contract_id,
                "returned_on": "2026-06-30",
                "damage": "0",
                "other": "0",
            },
        ),
    ]


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_but_finance_may_post_a_billing_command(client, staff, invoice, role):
    client.force_login(staff[role])
    for url, data in _posts(invoice):
        assert client.post(url, data).status_code == 403, url
    assert Invoice.objects.count() == 1
    assert not Payment.objects.exists() and not PaymentNotice.objects.exists()
    assert not FinalSettlement.objects.exists()


def test_issue_transition_by_post_is_refused_to_sales(client, staff):
    contract = billed_contract()
    draft = services.create_invoice(
        Invoice(contract=contract, invoice_date=date(2026, 1, 20)), user=staff["Finance"]
    )
    services.add_line(
        draft, user=staff["Finance"], kind="extra_service", description="Training", amount="5000"
    )
    client.force_login(staff["Sales"])
    url = reverse("wagtailsnippets_billing_invoice:transition", args=[draft.pk, "issue"])
    assert client.post(url, {"note": "", "from_state": "draft"}).status_code == 403
    draft.refresh_from_db()
    assert draft.state == "draft"
    client.force_login(staff["Finance"])
    assert client.post(url, {"note": "", "from_state": "draft"}).status_code == 302
    draft.refresh_from_db()
    assert (
        draft.state == "issued"
        and draft.tax == Decimal("250.00")
        and draft.total == Decimal("5250.00")
    )


def test_finance_runs_billing_sends_a_notice_records_a_payment_and_prints(client, staff):
    contract = billed_contract()
    contract.customer.email = "buyer@example.com"
    contract.customer.save()
    client.force_login(staff["Finance"])
    assert client.post(reverse("billing_run"), {"on": "2026-01-15"}).status_code == 302
    invoice = Invoice.objects.get()
    assert client.post(reverse("billing_notice", args=[invoice.pk])).status_code == 302
    assert PaymentNotice.objects.get().amount == invoice.total
    response = client.post(
        reverse("billing_payment"),
        {
            "customer": contract.customer_id,
            "received_on": "2026-01-20",
            "amount": "1000",
            "method": "cash",
        },
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.state == "partially_paid"
    page = client.get(reverse("billing_print_notice", args=[invoice.pk]))
    assert page.status_code == 200 and invoice.number in page.content.decode()
    assert client.get(reverse("billing_statement", args=[contract.customer_id])).status_code == 200
    inspect = client.get(reverse("wagtailsnippets_billing_invoice:inspect", args=[invoice.pk]))
    assert 'data-billing="notice"' in inspect.content.decode()


def test_payments_are_recorded_by_their_command_only(client, staff, invoice):
    """Wagtail's generic add, edit and delete forms would skip the allocation and History."""
    payment = services.record_payment(
        Payment(customer=invoice.customer, received_on=date(2026, 1, 20), amount=Decimal(100)),
        user=staff["Finance"],
    )
    client.force_login(staff["Finance"])
    views = "wagtailsnippets_billing_payment"
    data = {"customer": invoice.customer_id, "received_on": "2026-01-21", "amount": "5"}

    assert client.get(reverse(f"{views}:add")).status_code == 403
    assert client.post(reverse(f"{views}:add"), data).status_code == 403
    assert client.post(reverse(f"{views}:edit", args=[payment.pk]), data).status_code == 403
    assert client.post(reverse(f"{views}:delete", args=[payment.pk])).status_code == 403
    assert list(Payment.objects.values_list("amount", flat=True)) == [Decimal(100)]
    listing = client.get(reverse(f"{views}:list")).content.decode()
    assert f'href="{reverse("billing_payment")}"' in listing
    # What the commands did stays readable to whoever may see the payment.
    assert client.get(reverse(f"{views}:history", args=[payment.pk])).status_code == 200
    client.force_login(staff["Sales"])
    assert client.get(reverse(f"{views}:history", args=[payment.pk])).status_code == 403


def test_a_bad_amount_is_named_on_its_field(client, staff, invoice):
    client.force_login(staff["Finance"])
    response = client.post(
        reverse("billing_credit", args=[invoice.pk]), {"amount": "999999", "reason": "x"}
    )
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_and_reports_queries_do_not_grow(client, staff):
    client.force_login(staff["Finance"])
    billed_contract()
    services.run_billing(on=date(2026, 1, 15), user=staff["Finance"])
    services.run_collections(on=date(2026, 3, 1))
    listing = reverse("wagtailsnippets_billing_invoice:list")
    reports = reverse("billing_reports")
    # Caches of a first request (content types, settings) aside: how many of those a
    # request fills depends on which tests ran before it in the same process.
    client.get(listing)
    client.get(reports)
    few = (_queries(client, listing), _queries(client, reports))
    for _ in range(5):
        billed_contract()
    services.run_billing(on=date(2026, 2, 1), user=staff["Finance"])
    services.run_collections(on=date(2026, 3, 1))
    assert Invoice.objects.count() == 12
    assert (_queries(client, listing), _queries(client, reports)) == few
    export = client.get(reports + "?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith(
        "application/vnd.openxml"
    )
