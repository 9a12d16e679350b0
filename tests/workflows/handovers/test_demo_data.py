"""The demo covers every state of deliveries, returns, refurbishments and leases, once."""

import pytest

from fixtures import demo
from workflows.handovers.choices import DeliveryState, RefurbishmentState, ReturnState
from workflows.handovers.models import DamageCharge, Delivery, LeaseReturn, Refurbishment
from workflows.leasing.choices import ContractState
from workflows.leasing.models import Contract

pytestmark = pytest.mark.django_db


def test_every_state_once():
    demo.load()
    counts = (Delivery.objects.count(), LeaseReturn.objects.count(), Contract.objects.count())
    demo.load()

    assert counts == (
        Delivery.objects.count(),
        LeaseReturn.objects.count(),
        Contract.objects.count(),
    )
    assert set(Delivery.objects.values_list("state", flat=True)) == set(DeliveryState.values)
    assert set(LeaseReturn.objects.values_list("state", flat=True)) == set(ReturnState.values)
    assert set(Refurbishment.objects.values_list("state", flat=True)) == set(
        RefurbishmentState.values
    )
    assert set(ContractState.values) <= set(Contract.objects.values_list("state", flat=True))
    assert DamageCharge.objects.exists()
    assert Delivery.objects.filter(on_time=True).exists()
