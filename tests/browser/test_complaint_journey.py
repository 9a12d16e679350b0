"""An urgent complaint from the website to the complainant's rating (P9.1-P9.5), in a browser.

A visitor files an urgent complaint in Traditional Chinese with a photo; the
supervisor sees it at once; Customer Service assigns it; After-sales agrees a
plan with a rent credit and resolves it; Customer Service tells the result and
closes it; the visitor follows each public stage and rates the handling.
"""

import io
import re

import pytest
from django.utils import translation
from PIL import Image
from playwright.sync_api import expect

from tests.site.factories import ContactSettingsFactory
from tests.workflows.complaints.factories import ComplaintFormPageFactory, make_contract
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department
from workflows.complaints.models import Complaint, RentCredit
from workflows.complaints.models.complaint import PUBLIC_STAGES
from workflows.core import roles

pytestmark = pytest.mark.browser

DESCRIPTION = "今天早上送到工地的 20 噸挖土機液壓管爆裂，漏油滿地，整個工地停工，請立即派人處理！"
MEASURES = "兩小時內派技師更換液壓管，並清理漏油。"
RESULT = "液壓管已更換並清理完畢，停工期間減免租金新台幣 3,000 元。"


def log_in(page, url, user):
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")


def public_stage(state):
    with translation.override("zh-hant"):
        return str(PUBLIC_STAGES[state])


def transition(page, name):
    page.click(f"[data-transition={name}]")
    expect(page.locator(f"[data-confirm-transition={name}]")).to_be_visible()


def confirm(page, name, reference):
    page.click(f"[data-confirm-transition={name}]")
    expect(page.locator(".messages .success")).to_contain_text(reference)


@pytest.fixture(autouse=True)
def clean_site_state(transactional_db):
    """What earlier tests may have left behind in this process, put right.

    Transactional tests empty every table when they end, Wagtail's default
    locale (made by a migration) included; and a test that changed
    LANGUAGE_CODE leaves the URL resolver's cached language prefixes wrong.
    """
    from django.conf import settings
    from django.urls import clear_url_caches
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    clear_url_caches()


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "現場照片.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (180, 40, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def complaint_page(home_page):
    ContactSettingsFactory()
    return ComplaintFormPageFactory(parent=home_page)


class TestAnUrgentComplaintFromTheWebsite:
    def test_is_handled_to_the_end_and_rated(
        self, page, live_server, complaint_page, staff, photo, screenshots
    ):
        url = live_server.url
        contract = make_contract()
        cs, aftersales = staff[roles.CUSTOMER_SERVICE], staff[roles.AFTER_SALES]

        # The visitor files it, in Traditional Chinese, with a photo.
        page.goto(url + "/complaint/")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
        expect(page.locator("h1")).to_have_text("線上投訴")
        expect(page.locator("[data-complaint-hotline]")).to_contain_text("0800-123-456")
        page.fill("[name=complainant_name]", "陳建國")
        page.fill("[name=company]", "建國營造有限公司")
        page.fill("[name=phone]", "0912-888-777")
        page.fill("[name=email]", "jianguo@example.com")
        page.select_option("[name=category]", "equipment_fault")
        page.fill("[name=matter_reference]", contract.number)
        page.fill("[name=description]", DESCRIPTION)
        page.check("[name=urgent]")
        page.set_input_files("[name=evidence]", str(photo))
        page.click("form.intake-form button[type=submit]")
        reference = page.locator("[data-reference]")
        expect(reference).to_have_text(re.compile(r"^K\d{4}-\d{6}$"))
        reference = reference.inner_text()
        tracking_url = page.locator("[data-tracking-link]").get_attribute("href")
        page.screenshot(path=screenshots / "complaint-thanks.png", full_page=True)

        complaint = Complaint.objects.get(reference=reference)
        assert complaint.urgent
        assert complaint.description == DESCRIPTION
        assert complaint.language == "zh-hant"
        assert [a.original_name for a in complaint.attachments.all()] == ["現場照片.jpg"]

        def tracking_shows(state, *texts):
            page.context.clear_cookies()
            page.goto(tracking_url)
            expect(page.locator("[data-stage]")).to_have_text(public_stage(state))
            for text in texts:
                expect(page.locator(".tracking__updates")).to_contain_text(text)

        def open_as(user):
            log_in(page, url, user)
            page.goto(url + f"/admin/snippets/complaints/complaint/inspect/{complaint.pk}/")

        tracking_shows(S.RECEIVED)

        # The supervisor sees it at once on the admin home.
        log_in(page, url, staff[roles.SUPERVISION])
        expect(page.locator("#my-messages-section")).to_contain_text(reference)
        page.screenshot(path=screenshots / "complaint-supervisor.png", full_page=True)

        # Customer Service assigns it to After-sales, linking the contract.
        log_in(page, url, cs)
        page.locator("#work-queue-section").get_by_role(
            "link", name=re.compile(re.escape(reference))
        ).click()
        expect(page.locator("main")).to_contain_text(DESCRIPTION)
        expect(page.locator("[data-evidence]")).to_contain_text("現場照片.jpg")
        transition(page, "assign")
        page.select_option("[name=department]", "after_sales")
        page.select_option("[name=investigator]", str(aftersales.pk))
        page.select_option("[name=contract]", str(contract.pk))
        confirm(page, "assign", reference)
        with translation.override("zh-hant"):
            department = str(Department.AFTER_SALES.label)
        tracking_shows(S.INVESTIGATING, department)

        # After-sales, the owner, agrees a plan with a rent credit, then resolves it.
        log_in(page, url, aftersales)
        page.locator("#work-queue-section").get_by_role(
            "link", name=re.compile(re.escape(reference))
        ).click()
        transition(page, "agree_plan")
        page.fill("[name=measures]", MEASURES)
        page.select_option("[name=plan_owner]", str(aftersales.pk))
        page.check("[name=compensation][value=rent_credit]")
        page.fill("[name=credit_amount]", "3000")
        page.fill("[name=public_update]", "技師將於兩小時內到場處理。")
        confirm(page, "agree_plan", reference)
        credit = RentCredit.objects.get(complaint=complaint)
        assert (credit.contract, str(credit.amount)) == (contract, "3000.00")
        tracking_shows(S.PLAN_AGREED, "技師將於兩小時內到場處理。")

        open_as(aftersales)
        transition(page, "resolve")
        page.fill("[name=resolution]", "已更換液壓管並清理漏油，試車正常。")
        confirm(page, "resolve", reference)

        # Customer Service tells the result (by email, as the visitor wrote online).
        open_as(cs)
        transition(page, "communicate_result")
        page.fill("[name=result_message]", RESULT)
        confirm(page, "communicate_result", reference)
        tracking_shows(S.RESULT_COMMUNICATED, RESULT)
        expect(page.locator(".tracking__rating")).to_have_count(0)

        # ... and closes it with the root cause; the rating link appears.
        open_as(cs)
        transition(page, "close")
        page.select_option("[name=root_cause]", "equipment_quality")
        page.fill("[name=corrective_action]", "出車前加做液壓管耐壓測試。")
        confirm(page, "close", reference)
        tracking_shows(S.CLOSED)
        page.screenshot(path=screenshots / "complaint-tracking.png", full_page=True)
        for hidden in (aftersales.username, cs.username, MEASURES):
            expect(page.locator("article.tracking")).not_to_contain_text(hidden)

        # The visitor rates the handling.
        page.locator(".tracking__rating a").click()
        page.check("[name=satisfaction][value='5']")
        page.fill("[name=comment]", "處理很快，謝謝！")
        page.click("form.intake-form button[type=submit]")
        expect(page.locator("[data-rated]")).to_contain_text("5")
        complaint.refresh_from_db()
        assert complaint.state == S.CLOSED
        assert (complaint.satisfaction, complaint.rating_comment) == (5, "處理很快，謝謝！")
