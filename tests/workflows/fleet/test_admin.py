"""Units, models and categories in the admin: transition forms, permissions by POST, History."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.workflows.fleet.factories import (
    AccessoryFactory,
    EquipmentCategoryFactory,
    EquipmentModelFactory,
)
from workflows.core import roles
from workflows.core.exceptions import TransitionNotAvailable
from workflows.fleet.choices import UnitState as S
from workflows.fleet.models import EquipmentModel, EquipmentUnit
from workflows.fleet.services import return_unit_to_lease

pytestmark = pytest.mark.django_db

UNITS = "wagtailsnippets_fleet_equipmentunit"
MODELS = "wagtailsnippets_fleet_equipmentmodel"
ALL_ROLES = list(roles.ROLE_PERMISSIONS)


def transition_url(unit, name):
    return reverse(f"{UNITS}:transition", args=[unit.pk, name])


def state_of(unit):
    return EquipmentUnit.objects.get(pk=unit.pk).state


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


class TestRetireInTheAdmin:
    def test_the_form_asks_for_the_reason(self, client, aftersales, make_unit):
        unit = make_unit()
        client.force_login(aftersales)

        response = client.get(transition_url(unit, "retire"))

        assert response.status_code == 200
        assert soup(response).select_one('textarea[name="reason"]') is not None

    def test_without_a_reason_nothing_changes_and_the_field_says_why(
        self, client, aftersales, make_unit
    ):
        unit = make_unit()
        client.force_login(aftersales)

        response = client.post(transition_url(unit, "retire"), {"from_state": S.AVAILABLE})

        assert response.status_code == 200
        assert state_of(unit) == S.AVAILABLE
        assert soup(response).select_one('[data-field-wrapper]:has([name="reason"]) .error-message')

    def test_with_a_reason_the_unit_is_retired_and_the_history_says_why(
        self, client, aftersales, make_unit
    ):
        unit = make_unit()
        client.force_login(aftersales)

        response = client.post(
            transition_url(unit, "retire"), {"from_state": S.AVAILABLE, "reason": "車架斷裂"}
        )

        assert response.status_code == 302
        assert state_of(unit) == S.RETIRED
        entry = ModelLogEntry.objects.filter(
            content_type__app_label="fleet", object_id=str(unit.pk), action="fleet.retire"
        ).get()
        assert entry.data["note"] == "車架斷裂"
        page = client.get(reverse(f"{UNITS}:inspect", args=[unit.pk]))
        assert "車架斷裂" in page.content.decode()

    def test_a_retired_unit_can_no_longer_be_edited(self, client, aftersales, make_unit):
        unit = make_unit(S.RETIRED)
        client.force_login(aftersales)

        response = client.post(
            reverse(f"{UNITS}:edit", args=[unit.pk]), {"asset_number": "CHANGED"}
        )

        assert response.status_code == 302
        assert EquipmentUnit.objects.get(pk=unit.pk).asset_number == unit.asset_number


class TestSendToServiceInTheAdmin:
    def test_asks_for_the_date_and_what_is_to_be_done(self, client, aftersales, make_unit):
        unit = make_unit()
        client.force_login(aftersales)

        response = client.post(
            transition_url(unit, "send_to_service"),
            {"from_state": S.AVAILABLE, "expected_back_on": in_days(4).isoformat(), "note": ""},
        )

        assert response.status_code == 200
        assert state_of(unit) == S.AVAILABLE

        response = client.post(
            transition_url(unit, "send_to_service"),
            {
                "from_state": S.AVAILABLE,
                "expected_back_on": in_days(4).isoformat(),
                "note": "定期保養",
            },
        )

        assert response.status_code == 302
        assert state_of(unit) == S.IN_SERVICE
        assert EquipmentUnit.objects.get(pk=unit.pk).expected_back_on == in_days(4)


MOVES = {
    "reserve": (S.AVAILABLE, {}),
    "release": (S.RESERVED, {}),
    "send_out": (S.AVAILABLE, {}),
    "send_to_service": (S.AVAILABLE, {"note": "保養"}),
    "make_available": (S.IN_SERVICE, {}),
    "retire": (S.AVAILABLE, {"reason": "出售"}),
}


@pytest.mark.parametrize("name", list(MOVES))
class TestPermissionsByPost:
    def test_after_sales_may(self, client, aftersales, make_unit, name):
        source, extra = MOVES[name]
        unit = make_unit(source)
        client.force_login(aftersales)
        data = {"from_state": source, "expected_back_on": in_days(2).isoformat(), **extra}

        response = client.post(transition_url(unit, name), data)

        assert response.status_code == 302
        assert state_of(unit) != source

    def test_every_other_role_gets_403_and_nothing_changes(self, client, staff, make_unit, name):
        source, extra = MOVES[name]
        unit = make_unit(source)
        data = {"from_state": source, "expected_back_on": in_days(2).isoformat(), **extra}
        for role in ALL_ROLES:
            if role == roles.AFTER_SALES:
                continue
            client.force_login(staff[role])

            response = client.post(transition_url(unit, name), data)

            assert response.status_code == 403, role
            assert state_of(unit) == source, role


class TestButtons:
    def test_after_sales_sees_the_moves_of_the_units_state(self, client, aftersales, make_unit):
        unit = make_unit(S.IN_SERVICE)
        client.force_login(aftersales)

        page = soup(client.get(reverse(f"{UNITS}:inspect", args=[unit.pk])))

        assert {b["data-transition"] for b in page.select("[data-transition]")} == {
            "make_available",
            "return_to_lease",
            "retire",
        }

    def test_back_on_lease_needs_a_contract_in_force_booking_the_unit_today(
        self, aftersales, make_unit
    ):
        unit = make_unit(S.IN_SERVICE)

        with translation.override("en"), pytest.raises(TransitionNotAvailable) as refused:
            return_unit_to_lease(unit, user=aftersales)

        assert "No contract in force books the unit today" in str(refused.value.reason)
        assert state_of(unit) == S.IN_SERVICE

    def test_sales_sees_units_but_no_moves(self, client, sales, make_unit):
        unit = make_unit()
        client.force_login(sales)

        response = client.get(reverse(f"{UNITS}:inspect", args=[unit.pk]))

        assert response.status_code == 200
        assert not soup(response).select("[data-transition]")


def model_form(**fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    category = fields.pop("category", None) or EquipmentCategoryFactory()
    data = {
        "category": category.pk,
        "code": "GEN-100",
        "maker": "Denyo",
        "name": "DCA-100ESK",
        "specification": "100 kVA 超靜音型",
        "configuration_options": "",
        "maintenance_cycle_days": 30,
        "manual": "",
        "accessories": inline_formset([{"id": "", "name": "接地棒", "quantity": 1}]),
        "rate_day": "3500",
        "rate_week": "21000",
        "rate_month": "60000",
        "deposit": "50000",
        "photo": "",
        "published": "",
        "texts": inline_formset([]),
    }
    data.update(fields)
    # None leaves a part out, as the form of a user who may not edit it does.
    return nested_form_data({key: value for key, value in data.items() if value is not None})


class TestEachDepartmentEditsItsPartOfAModel:
    def test_after_sales_creates_a_model_with_accessories_and_no_rates(self, client, aftersales):
        client.force_login(aftersales)

        response = client.post(reverse(f"{MODELS}:add"), model_form())

        assert response.status_code == 302
        created = EquipmentModel.objects.get(code="GEN-100")
        assert [a.name for a in created.accessories.all()] == ["接地棒"]
        assert created.rate_day == 0  # Sales sets the rates
        assert not created.published

    def test_sales_changes_the_rates_only(self, client, sales):
        model = EquipmentModelFactory(name="PC200", rate_day=6000)
        AccessoryFactory(equipment_model=model, name="破碎錘")
        client.force_login(sales)

        page = soup(client.get(reverse(f"{MODELS}:edit", args=[model.pk])))
        assert page.select_one('[name="rate_day"]') is not None
        assert page.select_one('[name="name"]') is None
        assert page.select_one('[name="accessories-TOTAL_FORMS"]') is None

        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]),
            model_form(name="HACKED", rate_day="6800", accessories=None),
        )

        assert response.status_code == 302
        model.refresh_from_db()
        assert model.rate_day == 6800
        assert model.name == "PC200"
        assert [a.name for a in model.accessories.all()] == ["破碎錘"]

    def test_marketing_publishes_and_cannot_touch_the_rates(self, client, staff):
        model = EquipmentModelFactory(published=False, rate_day=6000)
        client.force_login(staff[roles.MARKETING])

        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]),
            model_form(published="on", rate_day="1", accessories=None),
        )

        assert response.status_code == 302
        model.refresh_from_db()
        assert model.published
        assert model.rate_day == 6000

    def test_a_model_without_rates_cannot_be_published(self, client, staff):
        model = EquipmentModelFactory(published=False, rate_day=0, rate_week=0, rate_month=0)
        client.force_login(staff[roles.MARKETING])

        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]), model_form(published="on")
        )

        assert response.status_code == 200
        assert "rates" in response.content.decode()
        model.refresh_from_db()
        assert not model.published

    @pytest.mark.parametrize(
        "role", [roles.CUSTOMER_SERVICE, roles.LEGAL, roles.FINANCE, roles.HR, roles.MANAGEMENT]
    )
    def test_other_roles_cannot_change_models(self, client, staff, role):
        model = EquipmentModelFactory(name="PC200")
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]), model_form(name="HACKED")
        )

        assert response.status_code == 403
        model.refresh_from_db()
        assert model.name == "PC200"


class TestModelInspect:
    def test_lists_the_accessories(self, client, sales):
        model = EquipmentModelFactory()
        AccessoryFactory(equipment_model=model, name="破碎錘", quantity=2)
        client.force_login(sales)

        response = client.get(reverse(f"{MODELS}:inspect", args=[model.pk]))

        section = soup(response).select_one('[data-section="accessories"]')
        assert "破碎錘" in section.text


CATEGORIES = "wagtailsnippets_fleet_equipmentcategory"


def category_form(texts=(), **fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data({**fields, "texts": inline_formset(list(texts))})


class TestEditingIsRefusedWith403:
    """Only After-sales keeps units and categories: others get 403 by POST, nothing changes."""

    @pytest.mark.parametrize("role", [roles.SALES, roles.CUSTOMER_SERVICE, roles.LEGAL])
    def test_a_unit_cannot_be_changed_by(self, client, staff, make_unit, role):
        unit = make_unit(location="桃園倉庫")
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{UNITS}:edit", args=[unit.pk]),
            {
                "asset_number": unit.asset_number,
                "serial_number": unit.serial_number,
                "equipment_model": unit.equipment_model.pk,
                "condition": unit.condition,
                "location": "HACKED",
            },
        )

        assert response.status_code == 403
        assert EquipmentUnit.objects.get(pk=unit.pk).location == "桃園倉庫"

    @pytest.mark.parametrize("role", [roles.SALES, roles.MARKETING, roles.HR])
    def test_a_category_cannot_be_added_or_deleted_by(self, client, staff, role):
        from workflows.fleet.models import EquipmentCategory

        category = EquipmentCategoryFactory()
        client.force_login(staff[role])

        added = client.post(reverse(f"{CATEGORIES}:add"), {"name": "新類別", "slug": "new"})
        deleted = client.post(reverse(f"{CATEGORIES}:delete", args=[category.pk]))

        assert (added.status_code, deleted.status_code) == (403, 403)
        assert list(EquipmentCategory.objects.all()) == [category]

    def test_after_sales_still_adds_a_category(self, client, aftersales):
        from workflows.fleet.models import EquipmentCategory

        client.force_login(aftersales)

        response = client.post(
            reverse(f"{CATEGORIES}:add"),
            category_form(name="發電機", slug="gen"),
        )

        assert response.status_code == 302
        assert EquipmentCategory.objects.filter(slug="gen").exists()
