"""Leasing in the admin: from a consultation to a requirement, a plan, a contract and its units."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import ConsultationFactory
from tests.workflows.customers.factories import CustomerFactory
from workflows.consultations import services as consultations
from workflows.leasing.choices import ClauseKind
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.models import (
    Contract,
    LeasePlan,
    Requirement,
    UnitBooking,
)

from .factories import CLAUSES

pytestmark = pytest.mark.django_db

REQUIREMENT = "wagtailsnippets_leasing_requirement"
PLAN = "wagtailsnippets_leasing_leaseplan"
CONTRACT = "wagtailsnippets_leasing_contract"
TEMPLATE = "wagtailsnippets_leasing_contracttemplate"


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def soup(response):
    return BeautifulSoup(response.text, "html.parser")


def day(offset):
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


@pytest.fixture
def handed_over(cs, sales):
    consultation = ConsultationFactory(email="wang@builder.example", language="zh-hant")
    return consultations.hand_to_sales(
        consultation, user=cs, salesperson=sales, sales_need="20 噸挖土機 2 台，一個月，板橋工地"
    )


class TestRecordingTheRequirement:
    def test_a_consultation_handed_to_sales_offers_the_button_to_sales_only(
        self, client, staff, handed_over
    ):
        url = reverse("wagtailsnippets_consultations_consultation:inspect", args=[handed_over.pk])
        client.force_login(staff["Sales"])
        button = soup(client.get(url)).select_one("[data-record-requirement]")
        assert button["href"].endswith(f"?consultation={handed_over.pk}")
        client.force_login(staff["Customer Service"])
        assert soup(client.get(url)).select_one("[data-record-requirement]") is None

    def test_a_consultation_not_handed_to_sales_has_no_button(self, client, sales):
        consultation = ConsultationFactory()
        client.force_login(sales)
        response = client.get(
            reverse("wagtailsnippets_consultations_consultation:inspect", args=[consultation.pk])
        )
        assert soup(response).select_one("[data-record-requirement]") is None

    def test_the_form_comes_prefilled_and_saving_records_who_and_when(
        self, client, sales, handed_over, excavator
    ):
        customer = CustomerFactory(source_consultation=handed_over)
        client.force_login(sales)
        add = reverse(f"{REQUIREMENT}:add") + f"?consultation={handed_over.pk}"

        form = client.get(add).context["form"]
        assert form.initial["customer"] == customer.pk
        assert form.initial["consultation"] == handed_over.pk
        assert form.initial["usage_conditions"] == handed_over.sales_need
        assert form.initial["taken_by"] == sales.pk

        data = nested_form_data(
            {
                "customer": customer.pk,
                "consultation": handed_over.pk,
                "language": "zh-hant",
                "period_start": day(10),
                "period_end": day(39),
                "site_address": "新北市板橋區文化路一段 1 號",
                "usage_conditions": handed_over.sales_need,
                "taken_by": sales.pk,
                "taken_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "lines": inline_formset(
                    [{"equipment_model": excavator.pk, "description": "", "quantity": 2}],
                    min=1,
                ),
            }
        )
        response = client.post(add, data)

        requirement = Requirement.objects.get()
        assert response.status_code == 302, response.context["form"].errors
        assert response["Location"] == reverse(f"{REQUIREMENT}:inspect", args=[requirement.pk])
        assert (requirement.customer, requirement.consultation) == (customer, handed_over)
        assert requirement.taken_by == sales
        assert requirement.lines.get().quantity == 2
        assert ModelLogEntry.objects.filter(
            object_id=str(requirement.pk), action="wagtail.create"
        ).exists()

    def test_the_customer_is_found_by_the_consultations_email(self, client, sales, handed_over):
        customer = CustomerFactory(email="WANG@builder.example")
        client.force_login(sales)
        form = client.get(
            reverse(f"{REQUIREMENT}:add") + f"?consultation={handed_over.pk}"
        ).context["form"]
        assert form.initial["customer"] == customer.pk

    def post_requirement(self, client, customer, period_end, line):
        data = nested_form_data(
            {
                "customer": customer.pk,
                "language": "zh-hant",
                "period_start": day(10),
                "period_end": period_end,
                "site_address": "板橋",
                "taken_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "lines": inline_formset([line]),
            }
        )
        return client.post(reverse(f"{REQUIREMENT}:add"), data)

    def test_a_line_needs_a_model_or_a_description(self, client, sales):
        client.force_login(sales)
        response = self.post_requirement(
            client,
            CustomerFactory(),
            day(20),
            {"equipment_model": "", "description": "", "quantity": 1},
        )
        assert response.status_code == 200
        errors = response.context["form"].formsets["lines"].errors
        assert "description" in errors[0]
        assert not Requirement.objects.exists()

    def test_the_lease_cannot_end_before_it_starts(self, client, sales):
        client.force_login(sales)
        response = self.post_requirement(
            client, CustomerFactory(), day(5), {"description": "發電機", "quantity": 1}
        )
        assert "period_end" in response.context["form"].errors
        assert not Requirement.objects.exists()


class TestBuildingAPlanInTheAdmin:
    def test_from_the_requirement_the_plan_gets_its_lines_and_opens_for_editing(
        self, client, sales, requirement
    ):
        client.force_login(sales)
        inspect = client.get(reverse(f"{REQUIREMENT}:inspect", args=[requirement.pk]))
        build = soup(inspect).select_one("[data-build-plan]")["href"]
        form = client.get(build).context["form"]
        assert form.initial["requirement"] == requirement.pk

        response = client.post(
            build,
            {
                "requirement": requirement.pk,
                "payment_method": "bank_transfer",
                "billing_cycle": "monthly",
                "valid_until": day(14),
                "language": "zh-hant",
                "includes_delivery": "on",
                "includes_maintenance": "on",
                "services_note": "每月保養一次",
            },
        )

        plan = LeasePlan.objects.get()
        assert response["Location"] == reverse(f"{PLAN}:edit", args=[plan.pk])
        assert plan.lines.count() == 1
        assert plan.grand_total == Decimal("440000.00")
        assert plan.prepared_by == sales

    def test_a_plan_valid_only_in_the_past_is_refused(self, client, sales, requirement):
        client.force_login(sales)
        response = client.post(
            reverse(f"{PLAN}:add"),
            {
                "requirement": requirement.pk,
                "payment_method": "bank_transfer",
                "billing_cycle": "monthly",
                "valid_until": day(-1),
                "language": "zh-hant",
            },
        )
        assert "valid_until" in response.context["form"].errors
        assert not LeasePlan.objects.exists()

    def test_a_sent_plan_cannot_be_edited(self, client, sales, make_plan):
        plan = make_plan(PS.SENT)
        client.force_login(sales)
        response = client.get(reverse(f"{PLAN}:edit", args=[plan.pk]))
        assert response["Location"] == reverse(f"{PLAN}:inspect", args=[plan.pk])
        assert any("Revise" in message for message in flashed(response))

    def test_editing_a_draft_reprices_it(self, client, sales, make_plan):
        plan = make_plan()
        line = plan.lines.get()
        client.force_login(sales)
        data = nested_form_data(
            {
                "lines": inline_formset(
                    [
                        {
                            "id": line.pk,
                            "equipment_model": line.equipment_model_id,
                            "configuration": "標準斗",
                            "quantity": 3,
                            "rate_basis": "week",
                            "periods": "4.5",
                            "unit_rate": "",
                        }
                    ],
                    initial=1,
                    min=1,
                ),
                "deposit_agreed": "",
                "payment_method": "cheque",
                "billing_cycle": "in_advance",
                "valid_until": day(7),
                "language": "zh-hant",
            }
        )
        response = client.post(reverse(f"{PLAN}:edit", args=[plan.pk]), data)
        assert response.status_code == 302, response.context["form"].errors
        plan.refresh_from_db()
        assert plan.lines.get().unit_rate == Decimal("39000.00")
        assert plan.rent_total == Decimal("526500.00")  # 3 × 39,000 × 4.5
        assert plan.deposit == Decimal("300000.00")

    def test_the_inspect_page_of_an_accepted_plan_offers_the_contract(
        self, client, sales, make_plan
    ):
        plan = make_plan(PS.ACCEPTED)
        client.force_login(sales)
        page = soup(client.get(reverse(f"{PLAN}:inspect", args=[plan.pk])))
        assert page.select_one("[data-create-contract]")["href"].endswith(f"?plan={plan.pk}")
        assert page.select_one("[data-print]") is not None


class TestCreatingTheContractInTheAdmin:
    def test_from_the_plan_the_contract_is_drafted_and_its_units_are_offered(
        self, client, sales, make_plan, template, units
    ):
        plan = make_plan(PS.ACCEPTED)
        client.force_login(sales)
        add = reverse(f"{CONTRACT}:add") + f"?plan={plan.pk}"
        form = client.get(add).context["form"]
        assert (form.initial["plan"], form.initial["template"]) == (plan.pk, template.pk)

        response = client.post(
            add,
            {
                "plan": plan.pk,
                "template": template.pk,
                "title": "設備租賃契約書",
                "language": "zh-hant",
                "period_start": plan.requirement.period_start.isoformat(),
                "period_end": plan.requirement.period_end.isoformat(),
                "delivery_date": plan.requirement.period_start.isoformat(),
                "delivery_place": "板橋工地大門",
            },
        )

        contract = Contract.objects.get()
        assign = reverse(f"{CONTRACT}:assign_units", args=[contract.pk])
        assert response["Location"] == assign
        assert contract.clauses.count() == len(CLAUSES)
        assert "板橋工地大門" in contract.clauses.get(kind=ClauseKind.DELIVERY).text

        page = client.get(assign)
        field = page.context["form"][f"line_{plan.lines.get().pk}"]
        assert field.initial == [units[0].pk, units[1].pk]
        response = client.post(assign, {field.name: [units[1].pk, units[3].pk]})
        assert response["Location"] == reverse(f"{CONTRACT}:inspect", args=[contract.pk])
        assert sorted(b.unit_id for b in contract.bookings.all()) == [units[1].pk, units[3].pk]

    def test_a_plan_not_accepted_is_not_offered(self, client, sales, make_plan, template):
        plan = make_plan(PS.SENT)
        client.force_login(sales)
        response = client.post(
            reverse(f"{CONTRACT}:add"),
            {
                "plan": plan.pk,
                "template": template.pk,
                "title": "契約",
                "language": "zh-hant",
                "period_start": day(1),
                "period_end": day(30),
                "delivery_date": day(1),
                "delivery_place": "板橋",
            },
        )
        assert "plan" in response.context["form"].errors
        assert not Contract.objects.exists()

    def test_a_unit_booked_elsewhere_is_refused_naming_both(
        self, client, sales, make_contract, units
    ):
        first = make_contract()
        second = make_contract(assign=False)
        client.force_login(sales)
        assign = reverse(f"{CONTRACT}:assign_units", args=[second.pk])
        page = client.get(assign)
        name = f"line_{second.plan.lines.get().pk}"
        labels = dict(page.context["form"].fields[name].choices)
        assert first.number in labels[units[0].pk]
        assert page.context["form"].fields[name].initial == [units[2].pk, units[3].pk]

        response = client.post(assign, {name: [units[0].pk, units[2].pk]})

        assert response.status_code == 200
        error = soup(response).select_one("[data-booking-error]").text
        assert "EX-001" in error and first.number in error
        assert not UnitBooking.objects.filter(contract=second).exists()


class TestTheWorkQueue:
    def test_legal_sees_contracts_in_review_and_sales_their_own_to_act_on(
        self, staff, sales, legal, make_contract, make_plan, units
    ):
        from tests.factories import UserFactory
        from tests.workflows.fleet.factories import EquipmentUnitFactory
        from workflows.core import roles

        for _ in range(4):
            EquipmentUnitFactory(equipment_model=units[0].equipment_model)
        in_review = make_contract(CS.IN_LEGAL_REVIEW)
        to_fix = make_contract(CS.CHANGES_REQUESTED)
        to_sign = make_contract(CS.APPROVED)
        make_contract(CS.SIGNED)
        draft_plan = make_plan()
        sent_plan = make_plan(PS.SENT)
        make_plan(PS.ACCEPTED)
        colleague = UserFactory(username="sales2", roles=[roles.SALES])

        assert set(Contract.waiting_for(legal)) == {in_review}
        assert set(Contract.waiting_for(sales)) == {to_fix, to_sign}
        assert set(LeasePlan.waiting_for(legal)) == set()
        assert {draft_plan, sent_plan} <= set(LeasePlan.waiting_for(sales))
        assert all(p.state in (PS.DRAFT, PS.SENT) for p in LeasePlan.waiting_for(sales))
        assert not Contract.waiting_for(colleague).exists()
        assert not LeasePlan.waiting_for(colleague).exists()
        assert not Contract.waiting_for(staff["Marketing"]).exists()


class TestExports:
    @pytest.mark.parametrize("view", [REQUIREMENT, PLAN, CONTRACT])
    def test_listings_export_with_formulas_neutralised(self, client, sales, make_contract, view):
        contract = make_contract()
        type(contract.customer).objects.filter(pk=contract.customer_id).update(
            name='=HYPERLINK("http://evil.example","點我")'
        )
        client.force_login(sales)
        response = client.get(reverse(f"{view}:list") + "?export=csv")
        assert response.status_code == 200
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "'=HYPERLINK" in body
        assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
