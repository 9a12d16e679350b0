"""A replacement unit on the contract during a repair: never double-booked, in both units'
History (P4.2)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.workflows.fleet.factories import EquipmentUnitFactory
from workflows.leasing.exceptions import UnitDoubleBooked
from workflows.leasing.models import UnitBooking
from workflows.servicing import services
from workflows.servicing.choices import RepairState as S

from .factories import make_lease

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def repair_on_lease(make_repair, lease):
    contract, units = lease
    return make_repair(S.DIAGNOSED, unit=units[0], contract=contract, customer=contract.customer)


class TestSwappingInAReplacement:
    def test_books_the_spare_on_the_contract_and_tells_both_units(
        self, repair_on_lease, aftersales
    ):
        spare = EquipmentUnitFactory(asset_number="SP-001")

        repair = services.swap_in_replacement(
            repair_on_lease, user=aftersales, replacement=spare, last_day=in_days(6)
        )

        booking = repair.replacement_booking
        assert (booking.unit, booking.contract, booking.active) == (spare, repair.contract, True)
        assert (booking.start, booking.end) == (in_days(0), in_days(7))
        original = UnitBooking.objects.get(unit=repair.unit, contract=repair.contract)
        assert booking.plan_line == original.plan_line
        assert (
            ModelLogEntry.objects.get(
                object_id=str(spare.pk), action="servicing.replacement_for"
            ).user
            == aftersales
        )
        replaced = ModelLogEntry.objects.get(
            object_id=str(repair.unit.pk), action="servicing.replaced_during_repair"
        )
        assert "SP-001" in replaced.data["note"]
        assert ModelLogEntry.objects.filter(
            object_id=str(repair.pk), action="servicing.swap_in_replacement"
        ).exists()

    def test_a_unit_booked_by_another_contract_is_refused_naming_it(
        self, repair_on_lease, aftersales
    ):
        other, [busy] = make_lease(count=1)

        with pytest.raises(UnitDoubleBooked, match=other.number):
            services.swap_in_replacement(
                repair_on_lease, user=aftersales, replacement=busy, last_day=in_days(6)
            )

        assert UnitBooking.objects.filter(unit=busy).count() == 1
        repair_on_lease.refresh_from_db()
        assert repair_on_lease.replacement_booking is None
        assert not ModelLogEntry.objects.filter(action="servicing.replacement_for").exists()

    def test_a_unit_free_again_before_the_period_is_accepted(self, repair_on_lease, aftersales):
        _ended, [spare] = make_lease(count=1, start=in_days(-30), days=30)  # free from today
        repair = services.swap_in_replacement(
            repair_on_lease, user=aftersales, replacement=spare, last_day=in_days(2)
        )
        assert repair.replacement_booking.unit == spare

    def test_only_one_replacement_per_repair(self, repair_on_lease, aftersales):
        services.swap_in_replacement(
            repair_on_lease,
            user=aftersales,
            replacement=EquipmentUnitFactory(),
            last_day=in_days(3),
        )
        with pytest.raises(ValidationError):
            services.swap_in_replacement(
                repair_on_lease,
                user=aftersales,
                replacement=EquipmentUnitFactory(),
                last_day=in_days(3),
            )

    @pytest.mark.parametrize("last_day", [None, -1, 400])
    def test_the_last_day_must_lie_within_the_booking(self, repair_on_lease, aftersales, last_day):
        with pytest.raises(ValidationError) as caught:
            services.swap_in_replacement(
                repair_on_lease,
                user=aftersales,
                replacement=EquipmentUnitFactory(),
                last_day=None if last_day is None else in_days(last_day),
            )
        assert "last_day" in caught.value.message_dict

    def test_not_the_repaired_unit_itself(self, repair_on_lease, aftersales):
        with pytest.raises(ValidationError):
            services.swap_in_replacement(
                repair_on_lease,
                user=aftersales,
                replacement=repair_on_lease.unit,
                last_day=in_days(3),
            )

    @pytest.mark.parametrize("state", [S.DONE, S.VERIFIED])
    def test_not_once_the_repair_is_done(self, make_repair, lease, aftersales, state):
        contract, units = lease
        repair = make_repair(state, unit=units[0], contract=contract)
        with pytest.raises(ValidationError):
            services.swap_in_replacement(
                repair, user=aftersales, replacement=EquipmentUnitFactory(), last_day=in_days(3)
            )

    def test_customer_service_may_not(self, repair_on_lease, cs):
        with pytest.raises(PermissionDenied):
            services.swap_in_replacement(
                repair_on_lease, user=cs, replacement=EquipmentUnitFactory(), last_day=in_days(3)
            )
