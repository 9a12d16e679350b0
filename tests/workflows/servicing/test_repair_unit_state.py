"""A repair moves the unit's own fleet state, and a replacement is released when the
repaired unit is back (P4.2)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.workflows.fleet.factories import EquipmentUnitFactory
from tests.workflows.leasing.factories import ContractFactory, PlanLineFactory
from workflows.fleet.choices import UnitState
from workflows.fleet.models import EquipmentUnit
from workflows.leasing import bookings
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.models import Contract, UnitBooking
from workflows.servicing import services
from workflows.servicing.choices import RepairState as S

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def unit_history(unit):
    return list(
        ModelLogEntry.objects.filter(content_type__model="equipmentunit", object_id=str(unit.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def fresh_unit(unit):
    return EquipmentUnit.objects.get(pk=unit.pk)


@pytest.fixture
def running_lease(lease):
    """The lease delivered: active, its units on lease."""
    contract, units = lease
    Contract.objects.filter(pk=contract.pk).update(state=CS.ACTIVE)
    EquipmentUnit.objects.filter(pk__in=[u.pk for u in units]).update(state=UnitState.ON_LEASE)
    return Contract.objects.get(pk=contract.pk), [fresh_unit(u) for u in units]


def repair_of(make_repair, contract, unit, state=S.DIAGNOSED, major=True):
    return make_repair(state, major=major, unit=unit, contract=contract, customer=contract.customer)


class TestTheUnitFollowsTheRepair:
    def test_in_service_while_repaired_then_back_on_lease(
        self, running_lease, make_repair, aftersales
    ):
        contract, (unit, other) = running_lease
        repair = repair_of(make_repair, contract, unit)

        repair = services.start_repair(repair, user=aftersales)

        unit = fresh_unit(unit)
        assert unit.state == UnitState.IN_SERVICE
        assert unit.expected_back_on == repair.expected_completion_on
        assert repair.unit_state_before == UnitState.ON_LEASE
        assert unit_history(unit)[-1] == "fleet.send_to_service"
        assert fresh_unit(other).state == UnitState.ON_LEASE

        services.finish_repair(repair, user=aftersales, work_done="更換液壓泵浦密封圈")

        unit = fresh_unit(unit)
        assert unit.state == UnitState.ON_LEASE and unit.expected_back_on is None
        assert unit_history(unit)[-2:] == ["fleet.send_to_service", "fleet.return_to_lease"]
        entry = ModelLogEntry.objects.filter(
            object_id=str(unit.pk), action="fleet.return_to_lease"
        ).get()
        assert entry.user == aftersales and repair.reference in entry.data["note"]

    def test_a_minor_repair_is_expected_back_today_unless_a_date_is_given(
        self, running_lease, make_repair, aftersales
    ):
        contract, (unit, other) = running_lease
        first = repair_of(make_repair, contract, unit, major=False)
        second = repair_of(make_repair, contract, other, major=False)

        services.start_repair(first, user=aftersales)
        services.start_repair(second, user=aftersales, expected_back_on=in_days(2))

        assert fresh_unit(unit).expected_back_on == in_days(0)
        assert fresh_unit(other).expected_back_on == in_days(2)

    def test_available_after_when_its_lease_no_longer_holds_it(
        self, running_lease, make_repair, aftersales
    ):
        contract, (unit, _other) = running_lease
        repair = services.start_repair(repair_of(make_repair, contract, unit), user=aftersales)
        UnitBooking.objects.filter(contract=contract, unit=unit).update(active=False)

        services.finish_repair(repair, user=aftersales, work_done="更換密封圈")

        assert fresh_unit(unit).state == UnitState.AVAILABLE
        assert unit_history(unit)[-1] == "fleet.make_available"

    def test_a_unit_in_the_yard_goes_back_to_available(self, lease, make_repair, aftersales):
        contract, (unit, _other) = lease
        # Not delivered yet: the unit is still in the yard, no lease holds it.
        Contract.objects.filter(pk=contract.pk).update(state=CS.DRAFT)
        repair = services.start_repair(repair_of(make_repair, contract, unit), user=aftersales)
        assert fresh_unit(unit).state == UnitState.IN_SERVICE

        services.finish_repair(repair, user=aftersales, work_done="更換密封圈")

        assert fresh_unit(unit).state == UnitState.AVAILABLE

    def test_a_unit_already_in_service_is_left_where_it_is(
        self, running_lease, make_repair, aftersales
    ):
        from workflows.fleet.services import send_unit_to_service

        contract, (unit, _other) = running_lease
        send_unit_to_service(unit, user=aftersales, expected_back_on=in_days(10), note="翻新")
        repair = services.start_repair(repair_of(make_repair, contract, unit), user=aftersales)
        assert repair.unit_state_before == ""

        services.finish_repair(repair, user=aftersales, work_done="更換密封圈")

        unit = fresh_unit(unit)
        assert unit.state == UnitState.IN_SERVICE and unit.expected_back_on == in_days(10)

    def test_without_the_fleet_permission_nothing_moves(
        self, running_lease, make_repair, aftersales
    ):
        from django.contrib.auth.models import Permission

        from workflows.core.exceptions import TransitionPermissionDenied

        contract, (unit, _other) = running_lease
        repair = repair_of(make_repair, contract, unit)
        technician = type(aftersales).objects.create_user("tech", password="x", is_staff=True)
        technician.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="servicing", codename__in=["handle_repair"]
            )
        )

        with pytest.raises(TransitionPermissionDenied):
            services.start_repair(repair, user=technician)

        assert fresh_unit(unit).state == UnitState.ON_LEASE
        assert type(repair).objects.get(pk=repair.pk).state == S.DIAGNOSED


class TestTheReplacementIsReleased:
    def test_when_the_repaired_unit_is_back(self, running_lease, make_repair, aftersales):
        contract, (unit, _other) = running_lease
        spare = EquipmentUnitFactory(asset_number="SP-77", equipment_model=unit.equipment_model)
        repair = services.start_repair(repair_of(make_repair, contract, unit), user=aftersales)
        repair = services.swap_in_replacement(
            repair, user=aftersales, replacement=spare, last_day=in_days(20)
        )

        services.finish_repair(repair, user=aftersales, work_done="更換密封圈")

        booking = UnitBooking.objects.get(pk=repair.replacement_booking_id)
        assert booking.active is False and booking.end == in_days(1)
        assert "servicing.replacement_released" in unit_history(spare)
        assert "servicing.replacement_released" in unit_history(unit)
        assert ModelLogEntry.objects.filter(
            object_id=str(repair.pk), action="servicing.release_replacement"
        ).exists()
        # From tomorrow the spare is free for another lease.
        other = ContractFactory()
        line = PlanLineFactory(plan=other.plan, equipment_model=spare.equipment_model)
        bookings.book_units(other, {line: [spare]}, in_days(1), in_days(30))

    def test_a_repair_without_a_replacement_releases_nothing(
        self, running_lease, make_repair, aftersales
    ):
        contract, (unit, _other) = running_lease
        before = list(UnitBooking.objects.values_list("pk", "active", "end"))
        repair = services.start_repair(repair_of(make_repair, contract, unit), user=aftersales)

        services.finish_repair(repair, user=aftersales, work_done="更換密封圈")

        assert list(UnitBooking.objects.values_list("pk", "active", "end")) == before
