"""Factories for maintenance and repairs; records move through the services, never by state.

A lease here is a signed contract (built directly, as follow-ups do: leasing's own
tests move contracts through Legal) with its units booked over its period.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.workflows.fleet.factories import EquipmentModelFactory, EquipmentUnitFactory
from tests.workflows.followups.factories import ContractFactory
from tests.workflows.leasing.factories import PlanLineFactory
from workflows.leasing.models import UnitBooking
from workflows.servicing.choices import RepairSource
from workflows.servicing.models import MaintenanceVisit, Repair


def make_lease(units=None, *, start=None, days=365, count=1, cycle=30, **contract_fields):
    """A signed contract over [start, start + days) with `units` (or `count` new ones) booked."""
    start = start or timezone.localdate() - timedelta(days=60)
    contract = ContractFactory(
        period_start=start, period_end=start + timedelta(days=days - 1), **contract_fields
    )
    if units is None:
        model = EquipmentModelFactory(maintenance_cycle_days=cycle)
        units = [EquipmentUnitFactory(equipment_model=model) for _ in range(count)]
    line = PlanLineFactory(
        plan=contract.plan, equipment_model=units[0].equipment_model, quantity=len(units)
    )
    for unit in units:
        UnitBooking.objects.create(
            contract=contract,
            plan_line=line,
            unit=unit,
            start=contract.period_start,
            end=contract.period_end + timedelta(days=1),
        )
    return contract, units


class MaintenanceVisitFactory(DjangoModelFactory):
    """A visit due today on a signed contract."""

    class Meta:
        model = MaintenanceVisit

    reference = factory.Sequence(lambda n: f"MV2611-T{n:05d}")
    unit = factory.SubFactory(EquipmentUnitFactory)
    contract = factory.SubFactory(ContractFactory)
    customer = factory.SelfAttribute("contract.customer")
    due_on = factory.LazyFunction(timezone.localdate)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class RepairFactory(DjangoModelFactory):
    """A repair reported by a customer's call about a unit on a signed contract."""

    class Meta:
        model = Repair

    reference = factory.Sequence(lambda n: f"RP2611-T{n:05d}")
    unit = factory.SubFactory(EquipmentUnitFactory)
    contract = factory.SubFactory(ContractFactory)
    customer = factory.SelfAttribute("contract.customer")
    source = RepairSource.CALL
    reported_at = factory.LazyFunction(timezone.now)
    reported_by_name = "林經理"
    fault = "液壓油管滲漏"
