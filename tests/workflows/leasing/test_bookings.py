"""Units are never double-booked (issue item 5): the service refuses on every database."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.fleet.factories import EquipmentModelFactory, EquipmentUnitFactory
from workflows.fleet.availability import Availability, availability, booking_sources
from workflows.fleet.models import EquipmentUnit
from workflows.leasing import services
from workflows.leasing.bookings import book_units, bookings_overlapping
from workflows.leasing.choices import ContractState as S
from workflows.leasing.exceptions import LeasingInvalid, UnitDoubleBooked
from workflows.leasing.models import Contract, UnitBooking

pytestmark = pytest.mark.django_db

START = date(2027, 3, 1)


def period(contract, first_day, last_day):
    """Set the contract's lease (first and last day, both included) directly."""
    Contract.objects.filter(pk=contract.pk).update(period_start=first_day, period_end=last_day)
    contract.refresh_from_db()
    return contract


def book(contract, sales, units):
    line = contract.plan.lines.get()
    return services.assign_units(contract, user=sales, assignments={line: units})


@pytest.fixture
def first(make_contract, sales, units):
    """A contract holding EX-001 and EX-002 for March 2027."""
    contract = period(make_contract(assign=False), START, date(2027, 3, 31))
    return book(contract, sales, units[:2])


@pytest.fixture
def second(make_contract):
    return make_contract(assign=False)


class TestBookingBoundaries:
    def test_back_to_back_is_allowed(self, first, second, sales, units):
        # The first lease's last day is 31 March; the second starts on 1 April.
        second = period(second, date(2027, 4, 1), date(2027, 4, 30))
        book(second, sales, units[:2])
        assert UnitBooking.objects.filter(unit=units[0], active=True).count() == 2

    def test_a_one_day_overlap_is_refused_naming_the_unit_and_the_contract(
        self, first, second, sales, units
    ):
        second = period(second, date(2027, 3, 31), date(2027, 4, 30))
        with pytest.raises(UnitDoubleBooked) as excinfo:
            book(second, sales, [units[1], units[2]])
        message = excinfo.value.messages[0]
        assert "EX-002" in message
        assert first.number in message
        assert excinfo.value.unit == units[1]
        assert excinfo.value.contract == first
        assert not second.bookings.exists()

    def test_a_period_inside_another_is_refused(self, first, second, sales, units):
        second = period(second, date(2027, 3, 10), date(2027, 3, 12))
        with pytest.raises(UnitDoubleBooked):
            book(second, sales, units[:2])

    def test_other_units_are_free_for_the_same_days(self, first, second, sales, units):
        second = period(second, START, date(2027, 3, 31))
        book(second, sales, units[2:4])
        assert second.bookings.filter(active=True).count() == 2

    def test_a_cancelled_contract_does_not_block(self, first, second, sales, units):
        services.cancel_contract(first, user=sales, reason="客戶取消")
        second = period(second, START, date(2027, 3, 31))
        book(second, sales, units[:2])
        assert UnitBooking.objects.filter(unit=units[0], active=True).get().contract == second

    def test_reassigning_a_contracts_own_units_is_not_a_conflict(self, first, sales, units):
        book(first, sales, [units[1], units[2]])
        assert sorted(b.unit.asset_number for b in first.bookings.all()) == ["EX-002", "EX-003"]

    def test_the_service_refuses_at_the_lowest_level_too(self, first, second, units):
        line = second.plan.lines.get()
        with pytest.raises(UnitDoubleBooked):
            book_units(second, {line: [units[0]]}, START + timedelta(days=30), date(2027, 5, 1))


class TestAssigningUnits:
    def test_each_line_gets_exactly_its_quantity(self, second, sales, units):
        with pytest.raises(LeasingInvalid) as excinfo:
            book(second, sales, units[:1])
        assert "needs 2 units" in excinfo.value.messages[0]

    def test_units_of_another_model_are_refused(self, second, sales, units):
        crane = EquipmentUnitFactory(
            asset_number="CR-001", equipment_model=EquipmentModelFactory(name="Crane")
        )
        with pytest.raises(LeasingInvalid) as excinfo:
            book(second, sales, [units[0], crane])
        assert "CR-001" in excinfo.value.messages[0]

    def test_a_retired_unit_is_refused(self, second, sales, units):
        EquipmentUnit.objects.filter(pk=units[0].pk).update(state="retired")
        units[0].refresh_from_db()
        with pytest.raises(LeasingInvalid) as excinfo:
            book(second, sales, units[:2])
        assert "EX-001" in excinfo.value.messages[0]

    def test_is_refused_once_signed(self, make_contract, sales, units):
        contract = make_contract(S.SIGNED)
        with pytest.raises(LeasingInvalid):
            book(contract, sales, units[2:4])

    def test_bookings_follow_a_changed_lease_period(self, first, sales):
        Contract.objects.filter(pk=first.pk).update(period_end=date(2027, 4, 15))
        services.after_contract_edit(first, user=sales)
        assert {(b.start, b.end) for b in first.bookings.all()} == {(START, date(2027, 4, 16))}

    def test_a_changed_period_that_would_double_book_is_refused(self, first, second, sales, units):
        second = period(second, date(2027, 4, 1), date(2027, 4, 30))
        book(second, sales, units[:2])
        Contract.objects.filter(pk=first.pk).update(period_end=date(2027, 4, 1))
        with pytest.raises(UnitDoubleBooked):
            services.after_contract_edit(first, user=sales)


class TestBookingsForTheFleet:
    def test_bookings_overlapping_is_one_query(self, first, units):
        with CaptureQueriesContext(connection) as queries:
            rows = list(
                bookings_overlapping(
                    EquipmentUnit.objects.all(), date(2027, 3, 31), date(2027, 4, 1)
                )
            )
            labels = [(row.unit.asset_number, row.contract.number) for row in rows]
        assert len(queries) == 1
        assert labels == [("EX-001", first.number), ("EX-002", first.number)]

    def test_the_day_after_the_lease_is_free(self, first):
        rows = bookings_overlapping(EquipmentUnit.objects.all(), date(2027, 4, 1), date(2027, 4, 2))
        assert not rows.exists()

    def test_the_fleets_availability_view_sees_the_bookings(self, first, units):
        assert bookings_overlapping in booking_sources()
        rows = availability(EquipmentUnit.objects.all(), date(2027, 3, 15), date(2027, 3, 16))
        status = {row.unit.asset_number: row.status for row in rows}
        assert status["EX-001"] == Availability.RESERVED
        assert status["EX-003"] == Availability.FREE
