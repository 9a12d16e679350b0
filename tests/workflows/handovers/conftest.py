"""Handovers built on a signed contract, through the services, as After-sales would."""

from datetime import time

import pytest
from django.utils import timezone

from tests.workflows.fleet.factories import AccessoryFactory
from tests.workflows.leasing.conftest import (  # noqa: F401 (fixtures)
    english_admin,
    excavator,
    legal,
    make_contract,
    make_plan,
    template,
    units,
)
from workflows.core import roles
from workflows.handovers import services
from workflows.handovers.choices import ChecklistKind, DeliveryState, SignatureSide
from workflows.leasing.choices import ContractState as CS

from .factories import drawn_signature


@pytest.fixture
def after_sales(staff):
    return staff[roles.AFTER_SALES]


@pytest.fixture
def accessories(excavator):  # noqa: F811
    return [
        AccessoryFactory(equipment_model=excavator, name="滅火器", quantity=1),
        AccessoryFactory(equipment_model=excavator, name="破碎錘", quantity=1),
    ]


@pytest.fixture
def signed_contract(make_contract, accessories):  # noqa: F811
    return make_contract(CS.SIGNED)


def tick_all(delivery, user):
    from workflows.handovers.models import ChecklistItem

    for item in ChecklistItem.objects.filter(delivery_unit__delivery=delivery):
        readings = "油壓 210 bar" if item.kind == ChecklistKind.PERFORMANCE else ""
        services.tick_item(delivery, user=user, item=item, readings=readings)


@pytest.fixture
def make_delivery(signed_contract, after_sales):
    """A delivery of the signed contract brought to `state` through the services."""

    def build(state=DeliveryState.SCHEDULED, contract=None):
        contract = contract or signed_contract
        delivery = services.new_delivery(contract)
        delivery.crew = "陳師傅、李師傅"
        delivery.vehicle = "ABC-1234"
        delivery.window_start, delivery.window_end = time(9), time(12)
        delivery = services.schedule_delivery(delivery, user=after_sales)
        if state == DeliveryState.SCHEDULED:
            return delivery
        tick_all(delivery, after_sales)
        delivery = services.dispatch_delivery(delivery, user=after_sales)
        if state == DeliveryState.DISPATCHED:
            return delivery
        delivery = services.record_demonstration(
            delivery, user=after_sales, attendees="林大明（工地主任）", notes="操作與日常保養"
        )
        if state == DeliveryState.DEMONSTRATED:
            return delivery
        accept_everything(delivery, after_sales)
        return services.accept_delivery(delivery, user=after_sales)

    return build


def accept_everything(delivery, user):
    for delivery_unit in delivery.units.all():
        services.accept_unit(
            delivery,
            user=user,
            delivery_unit=delivery_unit,
            appearance_ok=True,
            performance_ok=True,
            accessories_ok=True,
        )
    services.sign_delivery(
        delivery, user=user, side=SignatureSide.CUSTOMER, name="林大明", image=drawn_signature()
    )
    services.sign_delivery(
        delivery, user=user, side=SignatureSide.COMPANY, name="王志明", image=drawn_signature()
    )


@pytest.fixture
def active_contract(make_delivery):
    return make_delivery(DeliveryState.ACCEPTED).contract


@pytest.fixture
def make_return(active_contract, after_sales):
    def build(contract=None):
        contract = contract or active_contract
        lease_return = services.new_return(contract)
        return services.schedule_return(lease_return, user=after_sales)

    return build


def today():
    return timezone.localdate()
