"""Maintenance visits generated on the model's cycle for units on lease (P4.1)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from workflows.core.periodic import run_all
from workflows.leasing.choices import ContractState
from workflows.leasing.models import Contract, UnitBooking
from workflows.servicing.choices import VisitState as S
from workflows.servicing.models import MaintenanceVisit
from workflows.servicing.services import cycle_dates, generate_maintenance_visits
from workflows.servicing.services.visits import LOOKAHEAD_DAYS

from .factories import make_lease

pytestmark = pytest.mark.django_db


class TestCycleDates:
    @pytest.mark.parametrize(
        ("start", "cycle", "expected"),
        [
            # Month ends: a cycle of days, not of months.
            (date(2027, 1, 31), 28, [date(2027, 2, 28), date(2027, 3, 28)]),
            (date(2027, 1, 31), 30, [date(2027, 3, 2), date(2027, 4, 1)]),
            # Leap years: 29 February is an ordinary visit day.
            (date(2028, 1, 31), 29, [date(2028, 2, 29), date(2028, 3, 29)]),
            (date(2028, 2, 28), 1, [date(2028, 2, 29), date(2028, 3, 1)]),
            (date(2027, 2, 28), 1, [date(2027, 3, 1), date(2027, 3, 2)]),
            # Across the year end.
            (date(2027, 12, 31), 365, [date(2028, 12, 30), date(2029, 12, 30)]),
        ],
    )
    def test_visits_fall_on_the_cycle_days(self, start, cycle, expected):
        end = expected[-1] + timedelta(days=1)
        assert cycle_dates(start, end, cycle, until=date(2100, 1, 1)) == expected

    @settings(max_examples=200, deadline=None)
    @given(
        start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
        days=st.integers(min_value=1, max_value=800),
        cycle=st.integers(min_value=1, max_value=120),
    )
    def test_every_date_is_a_whole_cycle_after_the_start_within_the_lease(self, start, days, cycle):
        end = start + timedelta(days=days)
        dates = cycle_dates(start, end, cycle, until=end)
        assert dates == [
            start + timedelta(days=cycle * k) for k in range(1, (days - 1) // cycle + 1)
        ]
        assert all(start < d < end for d in dates)

    def test_a_cycle_of_zero_days_gives_no_visits(self):
        assert cycle_dates(date(2027, 1, 1), date(2027, 12, 1), 0, date(2027, 12, 1)) == []


class TestTheGenerator:
    def test_creates_every_cycle_date_up_to_a_week_ahead_for_each_unit_on_lease(self):
        today = date(2027, 3, 15)
        contract, units = make_lease(start=date(2027, 1, 1), count=2, cycle=30)

        created = generate_maintenance_visits(today=today)

        # 1 Jan + 30 → 31 Jan, 2 Mar; + 90 → 1 Apr is after 15 Mar + 7.
        assert created == 4
        visits = MaintenanceVisit.objects.order_by("unit_id", "due_on")
        assert [(v.unit, v.due_on) for v in visits] == [
            (units[0], date(2027, 1, 31)),
            (units[0], date(2027, 3, 2)),
            (units[1], date(2027, 1, 31)),
            (units[1], date(2027, 3, 2)),
        ]
        assert {v.state for v in visits} == {S.SCHEDULED}
        assert {v.customer_id for v in visits} == {contract.customer_id}
        assert all(v.reference.startswith("MV27") for v in visits)
        assert all(v.due_at is not None for v in visits)
        assert (
            ModelLogEntry.objects.filter(
                content_type__app_label="servicing", action="wagtail.create"
            ).count()
            == 4
        )

    def test_run_twice_creates_nothing_new(self):
        make_lease(start=date(2027, 1, 1), count=3, cycle=10)
        today = date(2027, 2, 20)

        first = generate_maintenance_visits(today=today)
        second = generate_maintenance_visits(today=today)

        assert first > 0
        assert second == 0
        assert MaintenanceVisit.objects.count() == first

    def test_the_next_day_adds_only_the_new_date(self):
        make_lease(start=date(2027, 1, 1), count=1, cycle=10)
        generate_maintenance_visits(today=date(2027, 1, 20))  # 11, 21 Jan (+7 → 27 Jan)
        assert generate_maintenance_visits(today=date(2027, 1, 24)) == 1  # 31 Jan

    def test_the_lookahead_reaches_a_week(self):
        make_lease(start=date(2027, 1, 1), count=1, cycle=30)
        assert (
            generate_maintenance_visits(today=date(2027, 1, 31) - timedelta(LOOKAHEAD_DAYS + 1))
            == 0
        )
        assert generate_maintenance_visits(today=date(2027, 1, 31) - timedelta(LOOKAHEAD_DAYS)) == 1

    def test_units_not_on_lease_get_no_visits(self):
        today = date(2027, 6, 1)
        unsigned, _ = make_lease(start=date(2027, 1, 1), cycle=10)
        Contract.objects.filter(pk=unsigned.pk).update(state=ContractState.APPROVED)
        make_lease(start=date(2026, 1, 1), days=100, cycle=10)
        released, _ = make_lease(start=date(2027, 1, 1), cycle=10)
        UnitBooking.objects.filter(contract=released).update(active=False)
        make_lease(start=date(2027, 7, 1), cycle=10)

        assert generate_maintenance_visits(today=today) == 0
        assert not MaintenanceVisit.objects.exists()

    def test_the_periodic_command_runs_it(self):
        make_lease(count=1, cycle=7)
        results = run_all(only=["generate_maintenance_visits"])
        assert results["generate_maintenance_visits"]["created"] > 0
        again = run_all(only=["generate_maintenance_visits"])
        assert again["generate_maintenance_visits"]["created"] == 0

    def test_queries_do_not_grow_with_the_units(self):
        """One query per step, whatever the number of units; only the inserts are split
        into batches by SQLite's limit on parameters per statement."""

        def queries_for(leases, units_each):
            MaintenanceVisit.objects.all().delete()
            UnitBooking.objects.all().delete()
            for _ in range(leases):
                make_lease(start=date(2027, 1, 1), count=units_each, cycle=10)
            with CaptureQueriesContext(connection) as queries:
                created = generate_maintenance_visits(today=date(2027, 3, 1))
            statements = [q["sql"] for q in queries]
            inserts = [s for s in statements if s.startswith("INSERT")]
            return len(statements) - len(inserts), len(inserts), created

        queries_for(1, 1)  # the year's reference counter exists from here on
        small, _inserts, created_small = queries_for(1, 1)
        large, inserts, created_large = queries_for(5, 10)

        assert created_large == 50 * created_small
        assert large == small
        assert inserts <= 2 * (1 + created_large * 20 // 999)
