"""Equipment units move between available, reserved, on lease, in service and retired.

Each move by its service: the allowed paths, every forbidden source state, the
conditions, the permission, and the History entry.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from workflows.core.exceptions import CommandPermissionDenied, TransitionNotAvailable
from workflows.core.roles import MARKETING, SALES
from workflows.fleet import services
from workflows.fleet.choices import UnitState as S
from workflows.fleet.models import EquipmentUnit

pytestmark = pytest.mark.django_db

ALL_STATES = list(S)


def later(days=5):
    return timezone.localdate() + timedelta(days=days)


def history(unit):
    return list(
        ModelLogEntry.objects.filter(content_type__app_label="fleet", object_id=str(unit.pk))
        .order_by("timestamp", "pk")
        .values_list("action", "data")
    )


#: transition → (service call, allowed sources, target)
MOVES = {
    "reserve": (lambda u, user: services.reserve_unit(u, user=user), [S.AVAILABLE], S.RESERVED),
    "release": (lambda u, user: services.release_unit(u, user=user), [S.RESERVED], S.AVAILABLE),
    "send_out": (
        lambda u, user: services.send_out_unit(u, user=user),
        [S.AVAILABLE, S.RESERVED],
        S.ON_LEASE,
    ),
    "send_to_service": (
        lambda u, user: services.send_unit_to_service(u, user=user, expected_back_on=later()),
        [S.AVAILABLE, S.RESERVED, S.ON_LEASE],
        S.IN_SERVICE,
    ),
    "make_available": (
        lambda u, user: services.make_unit_available(u, user=user),
        [S.ON_LEASE, S.IN_SERVICE],
        S.AVAILABLE,
    ),
    "retire": (
        lambda u, user: services.retire_unit(u, user=user, reason="引擎損壞，修理不符成本"),
        [S.AVAILABLE, S.IN_SERVICE],
        S.RETIRED,
    ),
}

ALLOWED = [(name, source) for name, (_, sources, _) in MOVES.items() for source in sources]
FORBIDDEN = [
    (name, source)
    for name, (_, sources, _) in MOVES.items()
    for source in ALL_STATES
    if source not in sources
]


@pytest.mark.parametrize(("name", "source"), ALLOWED)
def test_allowed_moves_reach_their_state_and_are_in_the_history(
    make_unit, aftersales, name, source
):
    call, _sources, target = MOVES[name]
    unit = make_unit(source)

    unit = call(unit, aftersales)

    assert EquipmentUnit.objects.get(pk=unit.pk).state == target
    action, data = history(unit)[-1]
    assert action == f"fleet.{name}"
    assert (data["from"], data["to"]) == (source, target)


@pytest.mark.parametrize(("name", "source"), FORBIDDEN)
def test_forbidden_source_states_change_nothing(make_unit, aftersales, name, source):
    call = MOVES[name][0]
    unit = make_unit(source)
    entries = len(history(unit))

    with pytest.raises(TransitionNotAvailable):
        call(unit, aftersales)

    assert EquipmentUnit.objects.get(pk=unit.pk).state == source
    assert len(history(unit)) == entries


@pytest.mark.parametrize("role", [SALES, MARKETING])
@pytest.mark.parametrize("name", list(MOVES))
def test_only_after_sales_moves_units(make_unit, staff, role, name):
    call, sources, _target = MOVES[name]
    unit = make_unit(sources[0])

    with pytest.raises(CommandPermissionDenied):
        call(unit, staff[role])

    assert EquipmentUnit.objects.get(pk=unit.pk).state == sources[0]


class TestRetiring:
    def test_needs_a_reason(self, make_unit, aftersales):
        unit = make_unit()

        with pytest.raises(TransitionNotAvailable) as caught:
            services.retire_unit(unit, user=aftersales, reason="   ")

        assert "why" in caught.value.reason
        assert EquipmentUnit.objects.get(pk=unit.pk).state == S.AVAILABLE

    def test_keeps_the_reason_and_the_time(self, make_unit, aftersales):
        unit = services.retire_unit(make_unit(), user=aftersales, reason="車禍全損")

        unit.refresh_from_db()
        assert unit.retired_reason == "車禍全損"
        assert unit.retired_at is not None
        assert history(unit)[-1][1]["note"] == "車禍全損"

    def test_a_unit_booked_from_today_on_cannot_be_retired(
        self, make_unit, aftersales, booking_source
    ):
        unit = make_unit()
        booking_source(unit, later(10), later(40), contract="L2612-000007")

        with pytest.raises(TransitionNotAvailable) as caught:
            services.retire_unit(unit, user=aftersales, reason="出售")

        assert "booked" in caught.value.reason
        assert EquipmentUnit.objects.get(pk=unit.pk).state == S.AVAILABLE

    def test_past_bookings_do_not_keep_a_unit(self, make_unit, aftersales, booking_source):
        unit = make_unit()
        booking_source(unit, date(2020, 1, 1), date(2020, 2, 1))

        services.retire_unit(unit, user=aftersales, reason="出售")

        assert EquipmentUnit.objects.get(pk=unit.pk).state == S.RETIRED


class TestSendingToService:
    def test_the_expected_date_is_the_deadline_at_the_end_of_that_day(self, make_unit, aftersales):
        unit = services.send_unit_to_service(
            make_unit(), user=aftersales, expected_back_on=later(3), note="更換液壓管"
        )

        unit.refresh_from_db()
        assert unit.expected_back_on == later(3)
        assert timezone.localtime(unit.due_at).date() == later(4)
        assert timezone.localtime(unit.due_at).hour == 0
        assert history(unit)[-1][1]["expected_back_on"] == later(3).isoformat()

    def test_a_date_in_the_past_is_refused(self, make_unit, aftersales):
        unit = make_unit()

        with pytest.raises(TransitionNotAvailable):
            services.send_unit_to_service(unit, user=aftersales, expected_back_on=later(-1))

        assert EquipmentUnit.objects.get(pk=unit.pk).state == S.AVAILABLE

    def test_coming_back_clears_the_date_and_the_deadline(self, make_unit, aftersales):
        unit = services.make_unit_available(make_unit(S.IN_SERVICE), user=aftersales)

        unit.refresh_from_db()
        assert unit.expected_back_on is None
        assert unit.due_at is None


class TestWaitingFor:
    def test_after_sales_waits_for_units_in_service_only(self, make_unit, aftersales, sales):
        in_service = make_unit(S.IN_SERVICE)
        for state in (S.AVAILABLE, S.RESERVED, S.ON_LEASE, S.RETIRED):
            make_unit(state)

        assert list(EquipmentUnit.waiting_for(aftersales)) == [in_service]
        assert not EquipmentUnit.waiting_for(sales).exists()


class TestEveryMoveIsACommand:
    @pytest.mark.parametrize("name", list(MOVES))
    def test_declared_with_the_transitions_permission(self, name):
        from workflows.core import commands

        command = commands.for_transition(EquipmentUnit, name).command

        assert command.name == f"fleet.{name}"
        assert command.transition == name
        assert not command.public

    def test_nobody_is_refused(self, make_unit):
        unit = make_unit()

        with pytest.raises(CommandPermissionDenied):
            services.reserve_unit(unit, user=None)

        assert EquipmentUnit.objects.get(pk=unit.pk).state == S.AVAILABLE
