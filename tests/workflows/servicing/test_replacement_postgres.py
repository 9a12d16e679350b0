"""What only PostgreSQL shows: two repairs racing for one spare unit, one winner."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from tests.workflows.fleet.factories import EquipmentUnitFactory
from workflows.leasing import bookings
from workflows.leasing.exceptions import UnitDoubleBooked
from workflows.leasing.models import UnitBooking
from workflows.servicing import services
from workflows.servicing.choices import RepairState as S
from workflows.servicing.models import Repair

from .factories import make_lease

pytestmark = pytest.mark.postgres

TIMEOUT = 30


def test_exactly_one_of_several_repairs_gets_the_spare(postgres, make_repair, aftersales):
    spare = EquipmentUnitFactory(asset_number="SP-RACE")
    repairs = []
    for _ in range(4):
        contract, [unit] = make_lease(count=1)
        repairs.append(make_repair(S.DIAGNOSED, unit=unit, contract=contract))
    barrier = threading.Barrier(len(repairs), timeout=TIMEOUT)
    real_lock = bookings.lock_units
    outcomes = [None] * len(repairs)

    def lock_together(unit_ids):
        barrier.wait()  # every swap is inside its transaction before any locks
        return real_lock(unit_ids)

    def worker(index, repair):
        try:
            outcomes[index] = services.swap_in_replacement(
                repair,
                user=aftersales,
                replacement=spare,
                last_day=timezone.localdate() + timedelta(days=5),
            )
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    with mock.patch.object(bookings, "lock_units", lock_together):
        threads = [
            threading.Thread(target=worker, args=(i, r), daemon=True) for i, r in enumerate(repairs)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a swap hung"

    winners = [o for o in outcomes if isinstance(o, Repair)]
    losers = [o for o in outcomes if isinstance(o, UnitDoubleBooked)]
    assert (len(winners), len(losers)) == (1, len(repairs) - 1), outcomes
    assert UnitBooking.objects.filter(unit=spare, active=True).count() == 1
    assert all(winners[0].contract.number in loser.messages[0] for loser in losers)
