"""Speed budgets (DESIGN.md): the servicing listings, inspect pages and the unit archive run
as many queries for 50 records as for 1."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows.servicing.choices import RepairState as RS
from workflows.servicing.choices import VisitState as VS

pytestmark = pytest.mark.django_db

VISITS = "wagtailsnippets_servicing_maintenancevisit"
REPAIRS = "wagtailsnippets_servicing_repair"


def count_queries(client, url):
    client.get(url)  # warm the caches (settings, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def life(make_visit, make_repair, lease):
    """Visits and repairs of one unit, added `count` at a time, in every state."""
    contract, units = lease
    visit_states = list(VS)
    repair_states = list(RS)
    made = {"visits": [], "repairs": []}

    def add(count):
        for _ in range(count):
            n = len(made["visits"])
            made["visits"].append(
                make_visit(
                    visit_states[n % len(visit_states)],
                    unit=units[0],
                    contract=contract,
                    due_on=contract.period_start + timedelta(days=n),
                )
            )
            made["repairs"].append(
                make_repair(
                    repair_states[n % len(repair_states)],
                    unit=units[0],
                    contract=contract,
                    customer=contract.customer,
                )
            )
        return made, units[0], contract

    return add


@pytest.mark.parametrize(
    "page",
    ["visit listing", "repair listing", "visit inspect", "repair inspect", "unit archive"],
)
def test_queries_do_not_grow_with_the_rows(client, staff, life, page):
    client.force_login(staff["admin"])

    def url(made, unit):
        return {
            "visit listing": reverse(f"{VISITS}:list"),
            "repair listing": reverse(f"{REPAIRS}:list"),
            "visit inspect": reverse(f"{VISITS}:inspect", args=[made["visits"][0].pk]),
            "repair inspect": reverse(f"{REPAIRS}:inspect", args=[made["repairs"][0].pk]),
            "unit archive": reverse("servicing_unit_archive", args=[unit.pk]),
        }[page]

    made, unit, _contract = life(1)
    one = count_queries(client, url(made, unit))
    made, unit, _contract = life(49)
    fifty = count_queries(client, url(made, unit))

    assert fifty == one
