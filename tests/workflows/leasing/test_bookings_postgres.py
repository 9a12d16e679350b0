"""What only PostgreSQL shows: the exclusion constraint, and bookers racing for one unit."""

import threading
from datetime import date
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction

from tests.workflows.fleet.factories import EquipmentUnitFactory
from workflows.leasing import bookings, services
from workflows.leasing.exceptions import UnitDoubleBooked
from workflows.leasing.models import Contract, UnitBooking

pytestmark = pytest.mark.postgres

TIMEOUT = 30


def set_period(contract, first_day, last_day):
    Contract.objects.filter(pk=contract.pk).update(period_start=first_day, period_end=last_day)
    contract.refresh_from_db()
    return contract


class TestTheExclusionConstraint:
    def test_refuses_an_overlapping_active_booking_written_past_the_service(
        self, postgres, make_contract, units
    ):
        first = make_contract(assign=False)
        second = make_contract(assign=False)
        line = first.plan.lines.get()
        UnitBooking.objects.create(
            contract=first,
            plan_line=line,
            unit=units[0],
            start=date(2027, 3, 1),
            end=date(2027, 4, 1),
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            UnitBooking.objects.create(
                contract=second,
                plan_line=second.plan.lines.get(),
                unit=units[0],
                start=date(2027, 3, 31),
                end=date(2027, 4, 10),
            )
        # Back to back, or inactive, is fine.
        UnitBooking.objects.create(
            contract=second,
            plan_line=second.plan.lines.get(),
            unit=units[0],
            start=date(2027, 4, 1),
            end=date(2027, 4, 10),
        )
        UnitBooking.objects.create(
            contract=second,
            plan_line=second.plan.lines.get(),
            unit=units[0],
            start=date(2027, 3, 5),
            end=date(2027, 3, 6),
            active=False,
        )


class TestBookersRacingForOneUnit:
    def test_exactly_one_of_several_overlapping_bookings_succeeds(
        self, postgres, make_contract, sales, units
    ):
        contracts = [
            set_period(make_contract(assign=False), date(2027, 3, day), date(2027, 3, day + 20))
            for day in (1, 3, 5, 7)
        ]
        # Each booker wants EX-001 and a unit of its own: EX-001 is the only one contested.
        own = [EquipmentUnitFactory(equipment_model=units[0].equipment_model) for _ in contracts]
        barrier = threading.Barrier(len(contracts), timeout=TIMEOUT)
        real_lock = bookings.lock_units
        outcomes = [None] * len(contracts)

        def lock_together(unit_ids):
            barrier.wait()  # every booker is inside its transaction before any locks
            return real_lock(unit_ids)

        def worker(index, contract):
            try:
                line = contract.plan.lines.get()
                outcomes[index] = services.assign_units(
                    contract,
                    user=sales,
                    assignments={line: [units[0], own[index]]},
                )
            except Exception as exc:
                outcomes[index] = exc
            finally:
                connection.close()

        with mock.patch.object(bookings, "lock_units", lock_together):
            threads = [
                threading.Thread(target=worker, args=(i, c), daemon=True)
                for i, c in enumerate(contracts)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(TIMEOUT)
        assert not any(thread.is_alive() for thread in threads), "a booker hung"

        winners = [o for o in outcomes if isinstance(o, Contract)]
        losers = [o for o in outcomes if isinstance(o, UnitDoubleBooked)]
        assert (len(winners), len(losers)) == (1, len(contracts) - 1), outcomes
        assert UnitBooking.objects.filter(unit=units[0], active=True).count() == 1
        held_by = UnitBooking.objects.get(unit=units[0], active=True).contract
        assert held_by == winners[0]
        assert all(
            winners[0].number in loser.messages[0]
            for loser in losers
            if loser.contract == winners[0]
        )
