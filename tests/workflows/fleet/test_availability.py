"""Which units of a model are free for a period, so that Sales can promise dates."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.workflows.fleet.factories import EquipmentModelFactory
from workflows.core import roles
from workflows.fleet.availability import Availability, availability, booking_sources
from workflows.fleet.choices import UnitState as S
from workflows.fleet.models import EquipmentUnit

pytestmark = pytest.mark.django_db

URL = "fleet_availability"


def day(offset):
    return timezone.localdate() + timedelta(days=offset)


def statuses(model, start, end):
    units = EquipmentUnit.objects.filter(equipment_model=model)
    return {row.unit.asset_number: row.status for row in availability(units, start, end)}


@pytest.fixture
def model():
    return EquipmentModelFactory()


class TestStatusForAPeriod:
    def test_an_unbooked_available_unit_is_free(self, model, make_unit, booking_source):
        make_unit(asset_number="A1", equipment_model=model)

        assert statuses(model, day(1), day(10)) == {"A1": Availability.FREE}

    def test_a_booking_in_the_period_makes_it_reserved(self, model, make_unit, booking_source):
        unit = make_unit(asset_number="A1", equipment_model=model)
        booking_source(unit, day(5), day(20), contract="L2612-000009")

        rows = availability(EquipmentUnit.objects.all(), day(1), day(10))

        assert rows[0].status == Availability.RESERVED
        assert [(b.contract, b.start, b.last_day) for b in rows[0].bookings] == [
            ("L2612-000009", day(5), day(19))
        ]

    def test_back_to_back_is_free(self, model, make_unit, booking_source):
        unit = make_unit(asset_number="A1", equipment_model=model)
        booking_source(unit, day(1), day(10))  # back on day 10

        assert statuses(model, day(10), day(20)) == {"A1": Availability.FREE}
        assert statuses(model, day(9), day(20)) == {"A1": Availability.RESERVED}

    def test_a_unit_out_with_a_customer_now_is_on_lease(self, model, make_unit, booking_source):
        unit = make_unit(S.ON_LEASE, asset_number="A1", equipment_model=model)
        booking_source(unit, day(-10), day(5))

        assert statuses(model, day(1), day(3)) == {"A1": Availability.ON_LEASE}
        assert statuses(model, day(5), day(8)) == {"A1": Availability.FREE}

    def test_on_lease_without_a_recorded_period_is_never_promised(
        self, model, make_unit, booking_source
    ):
        make_unit(S.ON_LEASE, asset_number="A1", equipment_model=model)
        make_unit(S.RESERVED, asset_number="A2", equipment_model=model)

        assert statuses(model, day(100), day(110)) == {
            "A1": Availability.ON_LEASE,
            "A2": Availability.RESERVED,
        }

    def test_in_service_is_out_until_its_expected_date(self, model, make_unit, booking_source):
        make_unit(S.IN_SERVICE, asset_number="A1", equipment_model=model)  # back on day 5

        assert statuses(model, day(1), day(3)) == {"A1": Availability.OUT_OF_SERVICE}
        assert statuses(model, day(5), day(8)) == {"A1": Availability.OUT_OF_SERVICE}
        assert statuses(model, day(6), day(8)) == {"A1": Availability.FREE}

    def test_retired_units_are_not_offered(self, model, make_unit, booking_source):
        make_unit(S.RETIRED, asset_number="A1", equipment_model=model)
        make_unit(asset_number="A2", equipment_model=model)

        assert statuses(model, day(1), day(3)) == {"A2": Availability.FREE}

    def test_other_models_units_are_not_shown(self, model, make_unit, booking_source):
        make_unit(asset_number="A1", equipment_model=model)
        make_unit(asset_number="B1")

        assert statuses(model, day(1), day(3)) == {"A1": Availability.FREE}

    def test_queries_do_not_grow_with_units(self, model, make_unit, booking_source):
        def count():
            with CaptureQueriesContext(connection) as queries:
                availability(EquipmentUnit.objects.filter(equipment_model=model), day(1), day(9))
            return len(queries)

        booking_source(make_unit(equipment_model=model), day(2), day(4))
        one = count()
        for _ in range(20):
            booking_source(make_unit(equipment_model=model), day(2), day(4))
        assert count() == one == 2  # the units, the bookings


class TestBookingSources:
    def test_leasings_bookings_are_read_when_leasing_is_installed(self):
        from importlib.util import find_spec

        if find_spec("workflows.leasing.bookings") is None:
            pytest.skip("the leasing app is not installed")
        from workflows.leasing.bookings import bookings_overlapping

        assert bookings_overlapping in booking_sources()
        assert booking_sources().count(bookings_overlapping) == 1

    def test_rows_may_be_objects_whose_contract_has_a_number(self, model, make_unit, monkeypatch):
        from types import SimpleNamespace

        from workflows.fleet import availability as module

        unit = make_unit(equipment_model=model)
        contract = SimpleNamespace(number="L2612-000042")
        row = SimpleNamespace(unit_id=unit.pk, start=day(1), end=day(3), contract=contract)
        monkeypatch.setattr(module, "booking_sources", lambda: [lambda units, s, e: [row]])

        [result] = availability(EquipmentUnit.objects.all(), day(0), day(5))

        assert result.bookings[0].contract == "L2612-000042"
        assert result.bookings[0].contract_record is contract


class TestTheAvailabilityPage:
    def test_sales_chooses_a_model_and_period_and_sees_each_unit(
        self, client, sales, model, make_unit, booking_source
    ):
        free = make_unit(asset_number="GEN-01", equipment_model=model)
        booked = make_unit(asset_number="GEN-02", equipment_model=model)
        make_unit(S.IN_SERVICE, asset_number="GEN-03", equipment_model=model)
        from_last_day = make_unit(asset_number="GEN-04", equipment_model=model)
        from_day_after = make_unit(asset_number="GEN-05", equipment_model=model)
        booking_source(booked, day(3), day(30), contract="L2612-000005")
        booking_source(from_last_day, day(10), day(30))
        booking_source(from_day_after, day(11), day(30))
        client.force_login(sales)

        response = client.get(
            reverse(URL),
            {
                "equipment_model": model.pk,
                "start": day(1).isoformat(),
                "end": day(10).isoformat(),
            },
        )

        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        rows = {
            tr["data-unit"]: tr["data-status"]
            for tr in page.select("[data-availability] tr[data-unit]")
        }
        # The last day asked for counts: a booking from that day is in the way.
        assert rows == {
            "GEN-01": "free",
            "GEN-02": "reserved",
            "GEN-03": "out_of_service",
            "GEN-04": "reserved",
            "GEN-05": "free",
        }
        assert "L2612-000005" in page.select_one('[data-unit="GEN-02"]').text
        assert page.select_one("[data-free-count]")["data-free-count"] == "2"
        assert free.asset_number in response.content.decode()

    def test_the_last_day_before_the_first_is_refused(self, client, sales, model):
        client.force_login(sales)

        response = client.get(
            reverse(URL),
            {"equipment_model": model.pk, "start": "2026-12-10", "end": "2026-12-01"},
        )

        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one("[data-availability]") is None
        assert "cannot come before" in page.text

    def test_the_query_count_does_not_grow_with_units(
        self, client, sales, model, make_unit, booking_source
    ):
        client.force_login(sales)
        query = {"equipment_model": model.pk, "start": day(1), "end": day(9)}

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(URL), query).status_code == 200
            return len(queries)

        make_unit(equipment_model=model)
        client.get(reverse(URL), query)
        one = count()
        for i in range(30):
            unit = make_unit(equipment_model=model, state=[S.AVAILABLE, S.RESERVED][i % 2])
            booking_source(unit, day(2), day(5))
        assert count() == one

    @pytest.mark.parametrize("role", [roles.MARKETING, roles.HR, roles.LEGAL])
    def test_roles_without_the_fleet_do_not_get_it(self, client, staff, role):
        client.force_login(staff[role])

        response = client.get(reverse(URL))

        assert response.status_code == 403

    def test_the_fleet_menu_holds_it(self, client, sales):
        client.force_login(sales)

        response = client.get(reverse("wagtailadmin_home"))

        assert reverse(URL) in response.content.decode()


def test_dates_are_dates():
    assert isinstance(day(0), date)
