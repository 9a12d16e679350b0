"""The demo fleet and customers load, once, through the services."""

import pytest

from catalogue.models import CataloguePage
from contact.models import ContactSettings
from fixtures import demo, demo_fleet
from workflows.customers.models import Customer
from workflows.fleet.choices import UnitState
from workflows.fleet.models import (
    EquipmentCategory,
    EquipmentModel,
    EquipmentModelText,
    EquipmentUnit,
)

pytestmark = pytest.mark.django_db


def test_loads_every_unit_state_customers_and_the_catalogue_and_is_idempotent():
    users = demo.load()

    demo_fleet.load(users)
    counts = (
        EquipmentModel.objects.count(),
        EquipmentUnit.objects.count(),
        Customer.objects.count(),
    )
    demo_fleet.load(users)

    assert counts == (
        EquipmentModel.objects.count(),
        EquipmentUnit.objects.count(),
        Customer.objects.count(),
    )
    assert set(EquipmentUnit.objects.values_list("state", flat=True)) == set(UnitState.values)
    assert EquipmentModel.objects.filter(published=True).count() >= 4
    registered = Customer.objects.exclude(source_consultation=None).get()
    assert registered.contacts.exists()
    # One catalogue page per content language (zh-hant, zh-hans, en).
    assert CataloguePage.objects.live().filter(locale__language_code="zh-hant").count() == 1
    # The English catalogue and contact details read in English.
    assert not EquipmentModel.objects.exclude(texts__language="en").exists()
    assert not EquipmentCategory.objects.exclude(texts__language="en").exists()
    assert (
        EquipmentModelText.objects.filter(language="en").count() == EquipmentModel.objects.count()
    )
    assert ContactSettings.load().texts.filter(language="en").exclude(company_name="").exists()


def test_demo_customers_tax_numbers_pass_the_check_digit():
    """A demo customer re-imported from an export must not be refused for its own tax number."""
    from stdnum.tw import ubn

    numbers = [row[2] for row in demo_fleet.CUSTOMERS if row[2]]
    assert len(numbers) >= 4
    assert [n for n in numbers if not ubn.is_valid(n)] == []
