"""Printed plans and contracts: clean A4 pages in the customer's language (P2.2, P2.3)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from workflows.customers.models import Customer
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.models import Requirement

pytestmark = pytest.mark.django_db

PLAN = "wagtailsnippets_leasing_leaseplan"
CONTRACT = "wagtailsnippets_leasing_contract"


def draft_mark(language):
    with translation.override(language):
        return gettext("Draft for review, not signed.")


def page(client, name, pk):
    response = client.get(reverse(f"{name}:print", args=[pk]))
    assert response.status_code == 200
    return response, BeautifulSoup(response.text, "html.parser")


class TestThePrintedPlan:
    def test_shows_lines_totals_and_terms_on_an_a4_page(self, client, sales, make_plan):
        plan = make_plan(PS.SENT)
        client.force_login(sales)
        response, html = page(client, PLAN, plan.pk)
        assert "size: A4" in response.text
        assert plan.reference in html.select_one(".reference").text
        assert "Komatsu PC200" in html.select_one("[data-plan-lines]").text
        assert html.select_one("[data-rent-total]").text.strip() == "240,000.00 TWD"
        assert html.select_one("[data-grand-total]").text.strip() == "440,000.00 TWD"
        assert html.select_one("[data-valid-until]").text.strip()

    @pytest.mark.parametrize("language", ["zh-hant", "en"])
    def test_is_in_the_customers_language_not_the_staff_members(
        self, client, sales, make_plan, language
    ):
        UserProfile.objects.update_or_create(user=sales, defaults={"preferred_language": "zh-hans"})
        plan = make_plan(language=language)
        client.force_login(sales)
        response, html = page(client, PLAN, plan.pk)
        assert html.html["lang"] == language
        assert response["Content-Language"] == language

    def test_the_chinese_footer_ends_with_a_chinese_full_stop(self, client, sales, make_plan):
        sales.first_name, sales.last_name = "小明", "王"
        sales.save()
        plan = make_plan(language="zh-hant")
        client.force_login(sales)
        response, _html = page(client, PLAN, plan.pk)
        footer = " ".join(response.text.split())
        assert "製表人：" in footer
        assert "。." not in footer
        assert not re.search(r"[\u4e00-\u9fff]\.", footer)

    def test_the_inspect_page_links_to_it(self, client, sales, make_plan):
        plan = make_plan()
        client.force_login(sales)
        inspect = client.get(reverse(f"{PLAN}:inspect", args=[plan.pk]))
        button = BeautifulSoup(inspect.text, "html.parser").select_one("[data-print]")
        assert button["href"] == reverse(f"{PLAN}:print", args=[plan.pk])


class TestThePrintedContract:
    def test_shows_every_clause_in_order_numbered(self, client, legal, make_contract):
        contract = make_contract(CS.IN_LEGAL_REVIEW)
        client.force_login(legal)
        _response, html = page(client, CONTRACT, contract.pk)
        printed = html.select("[data-clause-kind]")
        clauses = list(contract.clauses.all())
        assert [p["data-clause-kind"] for p in printed] == [c.kind for c in clauses]
        for number, (section, clause) in enumerate(zip(printed, clauses, strict=True), 1):
            assert clause.title in section.h3.text
            assert re.search(rf"(?<!\d){number}(?!\d)", section.h3.text)
            assert section.p.text == clause.text
        assert html.html["lang"] == "zh-hant"
        assert draft_mark("zh-hant") in html.footer.text

    def test_lists_the_units_booked_and_the_signing(self, client, sales, make_contract):
        contract = make_contract(CS.SIGNED)
        client.force_login(sales)
        _response, html = page(client, CONTRACT, contract.pk)
        schedule = html.select_one("[data-schedule]").text
        assert "EX-001" in schedule and "EX-002" in schedule
        assert "林大明 董事長" in html.select_one(".signatures").text
        assert draft_mark("zh-hant") not in html.footer.text

    def test_customer_text_is_escaped_never_run(self, client, sales, make_contract):
        contract = make_contract()
        Customer.objects.filter(pk=contract.customer_id).update(name="<script>alert(1)</script>")
        contract.clauses.filter(kind="other").update(text="<b>粗體</b> & {customer}")
        client.force_login(sales)
        response, html = page(client, CONTRACT, contract.pk)
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
        assert html.select_one('[data-clause-kind="other"] p').text == "<b>粗體</b> & {customer}"

    def test_is_in_the_contracts_language(self, client, sales, make_contract):
        contract = make_contract()
        type(contract).objects.filter(pk=contract.pk).update(language="en")
        client.force_login(sales)
        _response, html = page(client, CONTRACT, contract.pk)
        assert html.html["lang"] == "en"

    def test_departments_that_follow_up_may_print_it(self, client, staff, make_contract):
        contract = make_contract(CS.SIGNED)
        for role in ("Customer Service", "After-sales", "Finance", "Legal", "Management"):
            client.force_login(staff[role])
            page(client, CONTRACT, contract.pk)


class TestTheScannedOriginal:
    def test_is_served_to_staff_who_may_see_the_contract(self, client, staff, make_contract):
        contract = make_contract(CS.SIGNED)
        for role in ("Sales", "After-sales"):
            client.force_login(staff[role])
            response = client.get(reverse(f"{CONTRACT}:signed_original", args=[contract.pk]))
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(b"%PDF-")
            assert contract.number in response["Content-Disposition"]

    def test_is_linked_from_the_inspect_page(self, client, sales, make_contract):
        contract = make_contract(CS.SIGNED)
        client.force_login(sales)
        inspect = client.get(reverse(f"{CONTRACT}:inspect", args=[contract.pk]))
        link = BeautifulSoup(inspect.text, "html.parser").select_one("[data-signed-original]")
        assert link["href"] == reverse(f"{CONTRACT}:signed_original", args=[contract.pk])


def test_a_requirement_in_english_prints_its_plan_in_english(client, sales, make_plan):
    plan = make_plan()
    Requirement.objects.filter(pk=plan.requirement_id).update(language="en")
    plan.refresh_from_db()
    assert plan.language == "zh-hant"  # the plan keeps the language it was made in
