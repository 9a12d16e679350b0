"""Speed budgets (DESIGN.md): fleet pages run as many queries for 50 records as for 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.workflows.fleet.factories import (
    AccessoryFactory,
    EquipmentModelFactory,
    EquipmentUnitFactory,
)
from workflows.fleet.choices import UnitState as S

pytestmark = pytest.mark.django_db

UNITS = "wagtailsnippets_fleet_equipmentunit"
MODELS = "wagtailsnippets_fleet_equipmentmodel"
CATEGORIES = "wagtailsnippets_fleet_equipmentcategory"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.fixture
def add_units(make_unit):
    states = [S.AVAILABLE, S.RESERVED, S.ON_LEASE, S.IN_SERVICE, S.RETIRED]
    made = []

    def add(count):
        for _ in range(count):
            made.append(make_unit(states[len(made) % len(states)]))
        return made

    return add


@pytest.fixture
def add_models():
    made = []

    def add(count):
        for _ in range(count):
            model = EquipmentModelFactory()
            AccessoryFactory(equipment_model=model)
            EquipmentUnitFactory(equipment_model=model)
            made.append(model)
        return made

    return add


PAGES = {
    "unit listing": ("units", lambda first: reverse(f"{UNITS}:list")),
    "unit inspect page": ("units", lambda first: reverse(f"{UNITS}:inspect", args=[first.pk])),
    "model listing": ("models", lambda first: reverse(f"{MODELS}:list")),
    "model inspect page": ("models", lambda first: reverse(f"{MODELS}:inspect", args=[first.pk])),
    "category listing": ("models", lambda first: reverse(f"{CATEGORIES}:list")),
    "admin home": ("units", lambda first: reverse("wagtailadmin_home")),
}


@pytest.mark.parametrize("who", ["After-sales", "Sales", "admin"])
@pytest.mark.parametrize("kind", ["units", "models"])
def test_the_number_of_queries_does_not_grow_with_the_records(
    client, staff, add_units, add_models, who, kind
):
    """The pages listing units (or models), measured with 1 record and again with 50."""
    add = add_units if kind == "units" else add_models
    first = add(1)[0]
    client.force_login(staff[who])
    urls = {page: make_url(first) for page, (of, make_url) in PAGES.items() if of == kind}
    for url in urls.values():
        client.get(url)

    small = {page: count_queries(client, url)[0] for page, url in urls.items()}
    add(49)
    large = {page: count_queries(client, url)[0] for page, url in urls.items()}

    for page in urls:
        one, fifty = small[page], large[page]
        assert fifty == one, f"{page} for {who}: {one} queries → {fifty}"
