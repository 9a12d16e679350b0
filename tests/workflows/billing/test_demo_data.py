"""The billing demo loads once, through the services, with invoices in every state."""

import pytest

from fixtures import demo, demo_billing
from workflows.billing.choices import InvoiceState as S
from workflows.billing.models import FinalSettlement, Invoice, PaymentNotice, Reminder

pytestmark = pytest.mark.django_db


def test_every_state_and_idempotent():
    users = demo.load()
    count = Invoice.objects.count()
    demo_billing.load(users)
    assert Invoice.objects.count() == count
    states = set(Invoice.objects.values_list("state", flat=True))
    assert {S.DRAFT, S.ISSUED, S.PARTIALLY_PAID, S.PAID, S.OVERDUE, S.IN_COLLECTION} <= states
    assert {S.WRITE_OFF_REQUESTED, S.WRITTEN_OFF, S.CREDITED} <= states
    assert PaymentNotice.objects.exists() and Reminder.objects.exists()
    assert set(FinalSettlement.objects.values_list("state", flat=True)) == {"draft", "approved"}
