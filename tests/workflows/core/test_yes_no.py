"""Yes/no fields read 是/否, never Python's True/False: every snippet listing's boolean
columns and every inspect page's boolean fields, enumerated from Wagtail's registry."""

import pytest
from bs4 import BeautifulSoup
from django.db import models
from django.urls import reverse
from wagtail.admin.ui.tables import BaseColumn, Column

from workflows.core.columns import YesNoDisplay

from .test_person_names import built_view, column_field, label, viewsets


def boolean(model, name):
    try:
        return isinstance(model._meta.get_field(name), models.BooleanField)
    except Exception:
        return False


def boolean_columns(viewset):
    view = built_view(viewset, "index_view")
    return [
        column
        for column in view.columns
        if isinstance(column, BaseColumn) and boolean(viewset.model, column_field(column))
    ]


LISTING = [v for v in viewsets() if boolean_columns(v)]


def test_the_enumeration_finds_boolean_columns():
    assert "fleet.equipmentmodel" in {label(v) for v in LISTING}


@pytest.mark.parametrize("viewset", LISTING, ids=label)
def test_every_boolean_listing_column_reads_yes_or_no(viewset):
    for column in boolean_columns(viewset):
        # A plain column prints True/False; a column of its own (an urgency badge) is fine.
        assert type(column) is not Column, column.name


def test_a_boolean_on_an_inspect_page_reads_yes_or_no():
    from django.utils import translation

    with translation.override("zh-hant"):
        assert YesNoDisplay(True).render_html() == "是"
        assert YesNoDisplay(False).render_html() == "否"
    assert YesNoDisplay(None).render_html() == "—"


@pytest.mark.django_db
def test_the_equipment_model_pages_show_yes_not_true(admin_client):
    from django.urls import reverse

    from tests.workflows.fleet.factories import EquipmentModelFactory

    model = EquipmentModelFactory(published=True)
    listing = admin_client.get(reverse("wagtailsnippets_fleet_equipmentmodel:list"))
    inspect = admin_client.get(
        reverse("wagtailsnippets_fleet_equipmentmodel:inspect", args=[model.pk])
    )

    for response in (listing, inspect):
        assert response.status_code == 200
        text = response.content.decode()
        assert ">True<" not in text and "True\n" not in text


@pytest.mark.django_db
def test_an_empty_field_reads_as_a_dash_not_none(admin_client):
    """Wagtail printed "None" for a link, date or number left empty on an inspect page."""
    from tests.workflows.fleet.factories import EquipmentModelFactory

    model = EquipmentModelFactory(photo=None)
    url = reverse("wagtailsnippets_fleet_equipmentmodel:inspect", args=[model.pk])
    cells = [
        dd.get_text(strip=True)
        for dd in BeautifulSoup(admin_client.get(url).text, "html.parser")("dd")
    ]
    assert "None" not in cells
    assert "—" in cells
