"""Visits and repairs in the admin: transition forms, every other role refused by POST, the
command views, the unit archive (page, A4 print, Excel) and the customer page."""

from datetime import timedelta
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from tests.workflows.fleet.factories import EquipmentUnitFactory
from tests.workflows.followups.factories import FollowUpFactory
from workflows.core import roles
from workflows.servicing.choices import RepairState as RS
from workflows.servicing.choices import VisitState as VS
from workflows.servicing.models import MaintenanceVisit, Repair

pytestmark = pytest.mark.django_db

VISITS = "wagtailsnippets_servicing_maintenancevisit"
REPAIRS = "wagtailsnippets_servicing_repair"
MAY_ACT = {roles.AFTER_SALES}
OTHER_ROLES = [r for r in roles.ROLE_PERMISSIONS if r not in MAY_ACT]


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


VISIT_POSTS = {
    "record": (
        VS.SCHEDULED,
        lambda staff: {
            "technician": staff[roles.AFTER_SALES].pk,
            "cleaned": "on",
            "readings": "油壓 210 bar",
            "wear_parts": "機油濾芯, 2\n空氣濾芯, 1",
            "findings": "履帶鬆",
        },
        VS.RECORDED,
    ),
    "sign_off": (VS.RECORDED, lambda staff: {"customer_signatory": "林經理"}, VS.SIGNED_OFF),
    "cancel": (VS.SCHEDULED, lambda staff: {"reason": "提前歸還"}, VS.CANCELLED),
}

REPAIR_POSTS = {
    "diagnose": (
        RS.REPORTED,
        {"diagnosis": "泵浦老化", "major": "on", "expected_completion_on": "2099-01-01"},
        RS.DIAGNOSED,
    ),
    "start_repair": (RS.DIAGNOSED, {}, RS.IN_REPAIR),
    "finish": (RS.IN_REPAIR, {"work_done": "更換泵浦"}, RS.DONE),
    "verify": (RS.DONE, {"verification": "試車正常"}, RS.VERIFIED),
}


class TestVisitTransitionsByPost:
    @pytest.mark.parametrize("name", list(VISIT_POSTS))
    def test_after_sales_moves_the_visit_with_history(self, client, staff, make_visit, name):
        source, data, target = VISIT_POSTS[name]
        visit = make_visit(source)
        client.force_login(staff[roles.AFTER_SALES])

        response = client.post(
            reverse(f"{VISITS}:transition", args=[visit.pk, name]),
            {"from_state": source, **data(staff)},
        )

        assert response.status_code == 302, soup(response).select(".error-message")
        visit = MaintenanceVisit.objects.get(pk=visit.pk)
        assert visit.state == target
        assert (
            ModelLogEntry.objects.filter(object_id=str(visit.pk), action=f"servicing.{name}")
            .get()
            .user
            == staff[roles.AFTER_SALES]
        )
        if name == "record":
            assert [(p.part, p.quantity) for p in visit.wear_parts.all()] == [
                ("機油濾芯", 2),
                ("空氣濾芯", 1),
            ]

    @pytest.mark.parametrize("role", OTHER_ROLES)
    @pytest.mark.parametrize("name", list(VISIT_POSTS))
    def test_every_other_role_is_refused_and_nothing_changes(
        self, client, staff, make_visit, name, role
    ):
        source, data, _target = VISIT_POSTS[name]
        visit = make_visit(source)
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{VISITS}:transition", args=[visit.pk, name]),
            {"from_state": source, **data(staff)},
        )

        assert response.status_code == 403
        assert MaintenanceVisit.objects.get(pk=visit.pk).state == source

    def test_a_bad_wear_part_line_names_the_line(self, client, staff, make_visit):
        visit = make_visit()
        client.force_login(staff[roles.AFTER_SALES])
        data = VISIT_POSTS["record"][1](staff)
        data["wear_parts"] = "機油濾芯 兩個"

        response = client.post(
            reverse(f"{VISITS}:transition", args=[visit.pk, "record"]),
            {"from_state": VS.SCHEDULED, **data},
        )

        assert response.status_code == 200
        assert "Line 1" in response.content.decode()
        assert MaintenanceVisit.objects.get(pk=visit.pk).state == VS.SCHEDULED


class TestRepairTransitionsByPost:
    @pytest.mark.parametrize("name", list(REPAIR_POSTS))
    def test_after_sales_moves_the_repair(self, client, staff, make_repair, name):
        source, data, target = REPAIR_POSTS[name]
        repair = make_repair(source)
        client.force_login(staff[roles.AFTER_SALES])

        response = client.post(
            reverse(f"{REPAIRS}:transition", args=[repair.pk, name]),
            {"from_state": source, **data},
        )

        assert response.status_code == 302
        assert Repair.objects.get(pk=repair.pk).state == target

    @pytest.mark.parametrize("role", OTHER_ROLES)
    @pytest.mark.parametrize("name", list(REPAIR_POSTS))
    def test_every_other_role_is_refused_and_nothing_changes(
        self, client, staff, make_repair, name, role
    ):
        source, data, _target = REPAIR_POSTS[name]
        repair = make_repair(source)
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{REPAIRS}:transition", args=[repair.pk, name]),
            {"from_state": source, **data},
        )

        assert response.status_code == 403
        assert Repair.objects.get(pk=repair.pk).state == source

    def test_a_major_repair_without_a_date_names_the_field(self, client, staff, make_repair):
        repair = make_repair()
        client.force_login(staff[roles.AFTER_SALES])
        response = client.post(
            reverse(f"{REPAIRS}:transition", args=[repair.pk, "diagnose"]),
            {"from_state": RS.REPORTED, "diagnosis": "x", "major": "on"},
        )
        assert response.status_code == 200
        assert soup(response).select_one(
            '[data-field-wrapper]:has([name="expected_completion_on"]) .error-message'
        )
        assert Repair.objects.get(pk=repair.pk).state == RS.REPORTED


class TestReportingAndOpening:
    def test_customer_service_reports_a_call_in_the_admin(self, client, cs, lease):
        contract, units = lease
        client.force_login(cs)
        response = client.post(
            reverse(f"{REPAIRS}:add"),
            {
                "unit": units[0].pk,
                "contract": contract.pk,
                "reported_by_name": "林經理",
                "fault": "無法啟動",
            },
        )
        assert response.status_code == 302
        repair = Repair.objects.get()
        assert repair.reference.startswith("RP")
        assert repair.customer == contract.customer

    @pytest.mark.parametrize("role", [roles.SALES, roles.LEGAL, roles.FINANCE])
    def test_others_may_not_report(self, client, staff, lease, role):
        contract, units = lease
        client.force_login(staff[role])
        response = client.post(
            reverse(f"{REPAIRS}:add"),
            {"unit": units[0].pk, "contract": contract.pk, "reported_by_name": "x", "fault": "x"},
        )
        assert response.status_code == 403
        assert not Repair.objects.exists()

    def test_open_from_a_visit_button_and_post(self, client, aftersales, make_visit, lease):
        contract, units = lease
        visit = make_visit(VS.RECORDED, unit=units[0], contract=contract)
        client.force_login(aftersales)

        page = client.get(reverse(f"{VISITS}:inspect", args=[visit.pk]))
        assert soup(page).select_one('[data-open-repair="visit"]') is not None
        response = client.post(
            reverse("servicing_open_repair", args=["visit", visit.pk]), {"fault": "履帶鬆"}
        )

        assert response.status_code == 302
        assert Repair.objects.get().visit == visit

    def test_open_from_a_follow_up_refused_to_sales(self, client, sales, lease):
        contract, units = lease
        follow_up = FollowUpFactory(contract=contract)
        client.force_login(sales)
        response = client.post(
            reverse("servicing_open_repair", args=["follow_up", follow_up.pk]),
            {"unit": units[0].pk, "fault": "x"},
        )
        assert response.status_code == 403
        assert not Repair.objects.exists()

    def test_replacement_by_post_and_refused_to_sales(
        self, client, aftersales, sales, make_repair, lease
    ):
        contract, units = lease
        repair = make_repair(RS.DIAGNOSED, unit=units[0], contract=contract)
        spare = EquipmentUnitFactory(equipment_model=units[0].equipment_model)
        data = {"replacement": spare.pk, "last_day": in_days(3).isoformat()}
        url = reverse("servicing_replacement", args=[repair.pk])

        client.force_login(sales)
        assert client.post(url, data).status_code == 403
        client.force_login(aftersales)
        assert client.post(url, data).status_code == 302
        assert Repair.objects.get(pk=repair.pk).replacement_booking.unit == spare

    def test_a_double_booked_replacement_says_which_contract(
        self, client, aftersales, make_repair, lease
    ):
        contract, units = lease
        repair = make_repair(RS.DIAGNOSED, unit=units[0], contract=contract)
        client.force_login(aftersales)
        response = client.post(
            reverse("servicing_replacement", args=[repair.pk]),
            {"replacement": units[1].pk, "last_day": in_days(3).isoformat()},
        )
        assert response.status_code == 200
        assert contract.number in response.content.decode()


class TestUnitArchive:
    @pytest.fixture
    def unit_with_a_life(self, make_visit, make_repair, lease, aftersales):
        contract, units = lease
        make_visit(VS.SIGNED_OFF, unit=units[0], contract=contract)
        make_repair(RS.VERIFIED, unit=units[0], contract=contract)
        return units[0]

    def test_the_page_lists_leases_visits_repairs_and_history_in_order(
        self, client, aftersales, unit_with_a_life
    ):
        client.force_login(aftersales)
        response = client.get(reverse("servicing_unit_archive", args=[unit_with_a_life.pk]))
        assert response.status_code == 200
        kinds = [
            row["data-entry-kind"] for row in soup(response).select("[data-unit-life] tbody tr")
        ]
        assert kinds[0] == "Lease"
        assert {"Lease", "Maintenance visit", "Repair"} <= set(kinds)

    def test_print_is_an_a4_page(self, client, aftersales, unit_with_a_life):
        client.force_login(aftersales)
        url = reverse("servicing_unit_archive", args=[unit_with_a_life.pk])
        response = client.get(url + "?format=print")
        assert response.status_code == 200
        assert "size: A4" in response.content.decode()

    def test_excel_export(self, client, aftersales, unit_with_a_life):
        client.force_login(aftersales)
        url = reverse("servicing_unit_archive", args=[unit_with_a_life.pk])
        response = client.get(url + "?format=xlsx")
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == ("When (Asia/Taipei)", "What", "Record", "Details")
        assert any(row[1] == "Repair" for row in rows[1:])

    def test_the_unit_page_links_to_it(self, client, aftersales, unit_with_a_life):
        client.force_login(aftersales)
        page = client.get(
            reverse("wagtailsnippets_fleet_equipmentunit:inspect", args=[unit_with_a_life.pk])
        )
        assert soup(page).select_one("[data-unit-archive]") is not None

    def test_refused_without_the_view_permission(self, client, staff, unit_with_a_life):
        client.force_login(staff[roles.HR])
        response = client.get(reverse("servicing_unit_archive", args=[unit_with_a_life.pk]))
        assert response.status_code == 403


def test_the_customer_page_shows_visits_and_repairs(
    client, aftersales, make_visit, make_repair, lease
):
    contract, units = lease
    visit = make_visit(unit=units[0], contract=contract)
    repair = make_repair(unit=units[0], contract=contract)
    client.force_login(aftersales)
    page = client.get(
        reverse("wagtailsnippets_customers_customer:inspect", args=[contract.customer_id])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert visit.reference in text and repair.reference in text


def test_the_contract_page_shows_visits_and_repairs(client, staff, make_visit, make_repair, lease):
    contract, units = lease
    visit = make_visit(unit=units[0], contract=contract)
    repair = make_repair(unit=units[0], contract=contract)
    client.force_login(staff["admin"])
    page = client.get(reverse("wagtailsnippets_leasing_contract:inspect", args=[contract.pk]))
    assert page.status_code == 200
    sections = {s["data-section"]: s.get_text() for s in soup(page).select("[data-section]")}
    assert visit.reference in sections["Maintenance visits"]
    assert repair.reference in sections["Repairs"]


def test_a_call_about_a_unit_not_on_the_contract_names_the_field(client, cs, lease):
    contract, _units = lease
    client.force_login(cs)
    other = EquipmentUnitFactory()
    response = client.post(
        reverse(f"{REPAIRS}:add"),
        {"unit": other.pk, "contract": contract.pk, "reported_by_name": "林", "fault": "x"},
    )
    assert response.status_code == 200
    assert soup(response).select_one('[data-field-wrapper]:has([name="unit"]) .error-message')
    assert not Repair.objects.exists()
