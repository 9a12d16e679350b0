"""The drill-downs of the delivery, repair and collection KPIs run the same queries for 50
records as for 1 (P7.3, speed budgets)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.workflows.billing.factories import InvoiceFactory, signed_contract
from tests.workflows.handovers.factories import DeliveryFactory
from tests.workflows.servicing.factories import RepairFactory
from workflows.billing.models import Invoice
from workflows.core.roles import MANAGEMENT
from workflows.handovers.models import Delivery
from workflows.leasing.models import Contract
from workflows.servicing.models import Repair

pytestmark = pytest.mark.django_db


def deliveries(count, contract):
    Contract.objects.filter(pk=contract.pk).update(delivery_date=timezone.localdate())
    for _i in range(count):
        d = DeliveryFactory(contract=contract)
        Delivery.objects.filter(pk=d.pk).update(
            state="accepted", on_time=True, accepted_at=timezone.now()
        )


def repairs(count, contract):
    repaired_by = UserFactory()
    for _i in range(count):
        r = RepairFactory(contract=contract, reported_at=timezone.now() - timedelta(hours=30))
        Repair.objects.filter(pk=r.pk).update(
            state="verified", state_changed_at=timezone.now(), repaired_by=repaired_by
        )


def invoices(count, contract):
    due = timezone.localdate() - timedelta(days=1)
    if due.month != timezone.localdate().month:
        due = timezone.localdate()  # the first of the month: nothing past due yet
    for _i in range(count):
        i = InvoiceFactory(contract=contract, due_on=due, invoice_date=due.replace(day=1))
        Invoice.objects.filter(pk=i.pk).update(total=Decimal("1050.00"))


@pytest.mark.parametrize(
    ("code", "build"),
    [
        ("delivery_on_time", deliveries),
        ("repair_turnaround_days", repairs),
        ("payment_collection", invoices),
    ],
)
def test_the_drill_down_runs_the_same_queries_for_50_records_as_for_1(client, code, build):
    client.force_login(UserFactory(roles=[MANAGEMENT]))
    contract = signed_contract()
    url = reverse("quality_kpi_drill_down", args=[code])
    build(1, contract)
    client.get(url)  # settings and language rows read once per process, not per record

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    build(49, contract)
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)

    assert len(fifty) == len(one)
    assert b"data-definition" in response.content
