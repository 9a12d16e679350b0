"""Speed budgets (DESIGN.md): leasing pages run as many queries for 50 records as for 1."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.workflows.fleet.factories import EquipmentUnitFactory
from workflows.leasing import services
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.models import Contract, ContractClause, PlanLine

from .factories import RequirementLineFactory

pytestmark = pytest.mark.django_db

CONTRACT_STATES = [CS.DRAFT, CS.IN_LEGAL_REVIEW, CS.CHANGES_REQUESTED, CS.APPROVED, CS.SIGNED]


@pytest.fixture
def populate(make_contract, make_plan, sales, excavator):
    """`count` contracts in turn of states, each on its own plan with its own units."""
    created = []

    def add(count):
        for _ in range(count):
            state = CONTRACT_STATES[len(created) % len(CONTRACT_STATES)]
            for _ in range(2):
                EquipmentUnitFactory(equipment_model=excavator)
            contract = make_contract(state)
            Contract.objects.filter(pk=contract.pk).update(
                due_at=timezone.now() - timedelta(hours=1)
            )
            created.append(contract)
        return created

    return add


def count_queries(client, url):
    client.get(url)  # caches of the first request (content types, settings) aside
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


LISTINGS = {
    "requirements": "wagtailsnippets_leasing_requirement:list",
    "plans": "wagtailsnippets_leasing_leaseplan:list",
    "contracts": "wagtailsnippets_leasing_contract:list",
    "admin home": "wagtailadmin_home",
    "overdue report": "core_overdue_report",
}


#: The pages each role reads; each role's are measured with 1 record and again with 50.
PAGES_OF = {
    "Sales": ["requirements", "plans", "contracts", "admin home"],
    "Legal": ["contracts", "admin home"],
    "admin": ["overdue report"],
}


@pytest.mark.parametrize("who", PAGES_OF)
def test_listings_do_not_grow_with_the_records(client, staff, populate, who):
    first = populate(1)[0]
    client.force_login(staff[who])
    urls = {page: reverse(LISTINGS[page]) for page in PAGES_OF[who]}

    small = {page: count_queries(client, url) for page, url in urls.items()}
    populate(49)
    large = {page: count_queries(client, url) for page, url in urls.items()}

    for page in urls:
        (with_one, small_page), (with_fifty, large_page) = small[page], large[page]
        assert with_fifty == with_one, f"{page} for {who}: {with_one} queries → {with_fifty}"
        if page in ("plans", "contracts"):
            prefix = (first.number if page == "contracts" else first.plan.reference)[:6]
            assert large_page.text.count(prefix) >= small_page.text.count(prefix) + 9


def grow_contract(contract, units):
    """Add lines to its plan, clauses and booked units: what the inspect page lists."""
    plan = contract.plan
    for i in range(10):
        PlanLine.objects.create(
            plan=plan,
            sort_order=10 + i,
            equipment_model=units[0].equipment_model,
            quantity=1,
            rate_basis="day",
            periods=1,
            unit_rate=100,
        )
    for i in range(30):
        ContractClause.objects.create(
            contract=contract, sort_order=50 + i, kind="other", title=f"附則 {i}", text="內容"
        )


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("wagtailsnippets_leasing_contract:inspect", lambda c: c),
        ("wagtailsnippets_leasing_contract:print", lambda c: c),
        ("wagtailsnippets_leasing_leaseplan:inspect", lambda c: c.plan),
        ("wagtailsnippets_leasing_leaseplan:print", lambda c: c.plan),
        ("wagtailsnippets_leasing_requirement:inspect", lambda c: c.plan.requirement),
    ],
)
def test_record_pages_do_not_grow_with_lines_clauses_or_history(
    client, sales, make_contract, units, name, record
):
    small = make_contract(CS.SIGNED)
    large = make_contract(CS.CHANGES_REQUESTED)
    grow_contract(large, units)
    for _ in range(10):
        RequirementLineFactory(
            requirement=large.plan.requirement, equipment_model=units[0].equipment_model
        )
        services.submit_contract(large, user=sales)
        large = services.request_changes(
            large, user=type(sales).objects.get(username="legal"), comments="再改"
        )
    client.force_login(sales)

    with_small, _ = count_queries(client, reverse(name, args=[record(small).pk]))
    with_large, _ = count_queries(client, reverse(name, args=[record(large).pk]))

    # A signed contract shows its copies and scan link; everything else is the same.
    assert with_large <= with_small, f"{name}: {with_small} → {with_large}"
