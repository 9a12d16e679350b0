"""From a consultation to a signed contract (P2.1-P2.5), clicked through in a real browser.

Sales records the requirement from a consultation handed over, builds and sends a
lease plan, records the customer's acceptance, drafts the contract and books the
units; Legal asks for a change, Sales makes it, Legal approves, Sales records the
signing with the scanned original; the printed contract shows the clauses.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ConsultationFactory
from tests.workflows.customers.factories import CustomerFactory
from tests.workflows.fleet.factories import EquipmentModelFactory, EquipmentUnitFactory
from tests.workflows.leasing.factories import ContractTemplateFactory
from workflows.consultations import services as consultations
from workflows.core import roles
from workflows.leasing.choices import ClauseKind
from workflows.leasing.choices import ContractState as CS
from workflows.leasing.choices import PlanState as PS
from workflows.leasing.models import Contract, ContractCopy, LeasePlan, Requirement

pytestmark = pytest.mark.browser

FIXED_LIABILITY = "任一方違約時，應賠償他方所受損害，違約金以月租金之兩倍為上限。"
LEGAL_COMMENT = "第六條違約責任請明定違約金上限。"


def log_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")


def confirm(page, transition, **fields):
    """Click a transition button, fill its form, confirm, and wait for the success message."""
    page.click(f"[data-transition={transition}]")
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.click(f"[data-confirm-transition={transition}]")
    expect(page.locator(".messages .success")).to_be_visible()


@pytest.fixture
def setting(staff, cs, sales):
    """A consultation handed to Sales, its customer, the fleet and Legal's template."""
    excavator = EquipmentModelFactory(maker="Komatsu", name="PC200")
    for i in (1, 2, 3):
        EquipmentUnitFactory(equipment_model=excavator, asset_number=f"PC200-00{i}")
    ContractTemplateFactory(name="標準設備租賃契約（繁中）")
    consultation = consultations.hand_to_sales(
        ConsultationFactory(customer_name="林大明", email="lin@builder.example"),
        user=cs,
        salesperson=sales,
        sales_need="20 噸挖土機 2 台，租一個月，板橋工地",
    )
    customer = CustomerFactory(name="大明營造股份有限公司", source_consultation=consultation)
    return {"consultation": consultation, "customer": customer, "excavator": excavator}


class TestFromConsultationToSignedContract:
    def test_sales_and_legal_take_a_lease_through_to_signing(
        self, page, live_server, staff, setting, screenshots, tmp_path
    ):
        url = live_server.url
        sales, legal = staff[roles.SALES], staff[roles.LEGAL]
        start = timezone.localdate() + timedelta(days=14)

        # Sales records the requirement from the consultation (P2.1).
        log_in(page, url, sales.username)
        page.goto(
            url
            + reverse(
                "wagtailsnippets_consultations_consultation:inspect",
                args=[setting["consultation"].pk],
            )
        )
        page.click("[data-record-requirement]")
        page.fill("[name=period_start]", start.isoformat())
        page.fill("[name=period_end]", (start + timedelta(days=29)).isoformat())
        page.fill("[name=site_address]", "新北市板橋區文化路一段 1 號工地")
        page.select_option("[name=lines-0-equipment_model]", str(setting["excavator"].pk))
        page.fill("[name=lines-0-quantity]", "2")
        page.click("button.action-save")
        expect(page.locator("[data-requirement-lines]")).to_contain_text("PC200")
        requirement = Requirement.objects.get()
        assert requirement.customer == setting["customer"]
        assert requirement.consultation == setting["consultation"]

        # Sales builds the plan, sends it, and records the customer's acceptance (P2.2).
        page.click("[data-build-plan]")
        page.click("button.action-save")
        expect(page.locator("[name=lines-0-quantity]")).to_have_value("2")
        plan = LeasePlan.objects.get()
        assert plan.grand_total > 0
        confirm(page, "send")
        confirm(page, "accept")
        assert LeasePlan.objects.get().state == PS.ACCEPTED

        # Sales drafts the contract from the accepted plan and books the units (P2.3).
        page.click("[data-create-contract]")
        page.fill("[name=delivery_place]", "板橋工地大門")
        page.click("button.action-save")
        expect(page.locator("[data-confirm-units]")).to_be_visible()
        page.click("[data-confirm-units]")
        expect(page.locator("[data-bookings]")).to_contain_text("PC200-001")
        contract = Contract.objects.get()
        assert contract.bookings.filter(active=True).count() == 2
        confirm(page, "submit_for_review")
        page.screenshot(path=screenshots / "contract-in-review.png", full_page=True)

        # Legal asks for a change (P2.4).
        inspect = url + reverse("wagtailsnippets_leasing_contract:inspect", args=[contract.pk])
        log_in(page, url, legal.username)
        page.goto(inspect)
        expect(page.locator("[data-transition=sign]")).to_have_count(0)
        confirm(page, "request_changes", comments=LEGAL_COMMENT)
        assert Contract.objects.get().state == CS.CHANGES_REQUESTED

        # Sales reads the comment, fixes the clause and sends it again.
        log_in(page, url, sales.username)
        page.goto(inspect)
        expect(page.locator("[data-review-comments]")).to_contain_text(LEGAL_COMMENT)
        expect(page.locator("[data-transition=approve]")).to_have_count(0)
        page.goto(url + reverse("wagtailsnippets_leasing_contract:edit", args=[contract.pk]))
        kinds = [c.kind for c in contract.clauses.all()]
        liability = kinds.index(ClauseKind.LIABILITY)
        page.fill(f"[name=clauses-{liability}-text]", FIXED_LIABILITY)
        page.click("button.action-save")
        expect(page.locator(".messages .success")).to_be_visible()
        page.goto(inspect)
        confirm(page, "submit_for_review")

        # Legal approves this exact version.
        log_in(page, url, legal.username)
        page.goto(inspect)
        confirm(page, "approve")
        assert Contract.objects.get().state == CS.APPROVED

        # Sales records the signing with the scanned original (P2.4, P2.5).
        scan = tmp_path / "signed-contract.pdf"
        scan.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
        log_in(page, url, sales.username)
        page.goto(inspect)
        page.click("[data-transition=sign]")
        page.fill("[name=customer_signatory]", "林大明 董事長")
        page.fill("[name=company_signatory]", "王志明")
        page.set_input_files("[name=signed_original]", str(scan))
        page.fill("[name=archive_location]", "法務室 A 櫃 第 3 層")
        page.click("[data-confirm-transition=sign]")
        expect(page.locator(".messages .success")).to_be_visible()
        expect(page.locator("[data-copies]")).to_be_visible()
        page.screenshot(path=screenshots / "contract-signed.png", full_page=True)

        contract = Contract.objects.get()
        assert contract.state == CS.SIGNED
        assert contract.signed_original.name.endswith(".pdf")
        assert {copy.department for copy in ContractCopy.objects.filter(contract=contract)} == {
            roles.CUSTOMER_SERVICE,
            roles.AFTER_SALES,
        }

        # The printed contract shows the clauses, the fixed one included.
        with page.context.expect_page() as printed_page:
            page.click("[data-print]")
        printed = printed_page.value
        printed.wait_for_load_state()
        expect(printed.locator("h1")).to_have_text(contract.title)
        expect(printed.locator("[data-clause-kind]")).to_have_count(contract.clauses.count())
        expect(printed.locator("[data-clause-kind=liability] p")).to_have_text(FIXED_LIABILITY)
        expect(printed.locator("[data-clause-kind=delivery] p")).to_contain_text("板橋工地大門")
        expect(printed.locator("[data-lessee]")).to_contain_text("大明營造股份有限公司")
        expect(printed.locator(".signatures")).to_contain_text("林大明 董事長")
        assert re.search(r"size:\s*A4", printed.content())
        printed.screenshot(path=screenshots / "contract-printed.png", full_page=True)
