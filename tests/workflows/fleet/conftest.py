from datetime import timedelta

import pytest
from django.urls import clear_url_caches
from django.utils import timezone

from tests.workflows.fleet.factories import EquipmentUnitFactory
from workflows.core import roles
from workflows.fleet import availability, services
from workflows.fleet.choices import UnitState as S


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin in English, so that tests can read its messages.

    Django keeps the public URLs' language prefixes per language once built; they
    are dropped afterwards so that later tests see `/en/...` again.
    """
    settings.LANGUAGE_CODE = "en"
    yield
    clear_url_caches()


@pytest.fixture
def aftersales(staff):
    return staff[roles.AFTER_SALES]


@pytest.fixture
def make_unit(aftersales):
    """A unit brought to `state` through the services, as After-sales would."""

    def build(state=S.AVAILABLE, **fields):
        unit = EquipmentUnitFactory(**fields)
        back = timezone.localdate() + timedelta(days=5)
        if state == S.RESERVED:
            unit = services.reserve_unit(unit, user=aftersales)
        elif state == S.ON_LEASE:
            unit = services.send_out_unit(unit, user=aftersales)
        elif state == S.IN_SERVICE:
            unit = services.send_unit_to_service(unit, user=aftersales, expected_back_on=back)
        elif state == S.RETIRED:
            unit = services.retire_unit(unit, user=aftersales, reason="報廢")
        return unit

    return build


@pytest.fixture
def booking_source(monkeypatch):
    """A fake leasing: bookings the test adds, read the way leasing's source is read.

    Only this source counts while it is in use, so leasing's real bookings stay out.
    """
    rows = []
    calls = []

    def source(units, start, end):
        calls.append((start, end))
        ids = set(units.values_list("pk", flat=True))
        return [
            row
            for row in rows
            if row["unit_id"] in ids and row["start"] < end and start < row["end"]
        ]

    def book(unit, start, end, contract="L2612-000001"):
        rows.append({"unit_id": unit.pk, "start": start, "end": end, "contract": contract})

    monkeypatch.setattr(availability, "booking_sources", lambda: [source])
    book.calls = calls
    return book
