"""Searching the fleet listings works together with every filter and sort order."""

import pytest
from django.urls import reverse

from tests.workflows.fleet.factories import EquipmentUnitFactory

pytestmark = pytest.mark.django_db

UNITS = "wagtailsnippets_fleet_equipmentunit:list"
MODELS = "wagtailsnippets_fleet_equipmentmodel:list"


@pytest.mark.parametrize("ordering", ["", "asset_number", "-asset_number", "state"])
def test_units_searched_filtered_and_sorted(client, staff, ordering):
    unit = EquipmentUnitFactory(asset_number="EQ-SEARCH-1")
    EquipmentUnitFactory(asset_number="EQ-OTHER-2")
    client.force_login(staff["admin"])

    response = client.get(
        reverse(UNITS),
        {
            "q": "SEARCH",
            "equipment_model": unit.equipment_model_id,
            "state": "available",
            "condition": "good",
            "overdue": "false",
            "ordering": ordering,
        },
    )

    assert response.status_code == 200
    assert "EQ-SEARCH-1" in response.content.decode()
    assert "EQ-OTHER-2" not in response.content.decode()


def test_models_searched_and_filtered(client, staff):
    unit = EquipmentUnitFactory()
    model = unit.equipment_model
    client.force_login(staff["admin"])

    response = client.get(
        reverse(MODELS), {"q": model.code, "category": model.category_id, "published": "true"}
    )

    assert response.status_code == 200
    assert model.code in response.content.decode()
