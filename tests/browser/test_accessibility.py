"""Every public page type passes axe-core with no serious or critical violation, desktop and phone.

axe-core is vendored (tests/browser/assets/axe.min.js, see the README there) and injected into each
page after it loads, so the test needs no network.
"""

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from home.models import HomePage
from tests.site.conftest import locales, public_site  # noqa: F401 (fixtures shared with the site tests)

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "assets" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def site_with_everything(public_site):  # noqa: F811
    """The three-language site, its home page with every section, and one published model."""
    from tests.workflows.fleet.factories import EquipmentModelFactory

    equipment = EquipmentModelFactory(code="EX-PC200", name="PC200 20 噸挖土機", published=True)
    pages = public_site["zh-hant"]
    home = HomePage.objects.get(pk=pages["home"].pk)
    block = HomePage._meta.get_field("body").stream_block
    home.body = block.to_python(
        [
            {
                "type": "hero",
                "value": {
                    "heading": "設備租賃，從諮詢到歸還都有人負責",
                    "text": "日租、週租、月租皆可。",
                    "image": None,
                    "page": pages["message"].pk,
                    "button_label": "線上詢價",
                    "secondary_page": pages["catalogue"].pk,
                    "secondary_label": "看設備型錄",
                },
            },
            {
                "type": "services",
                "value": {
                    "heading": "我們的服務",
                    "services": [{"title": "短期租賃", "text": "一天起租。", "page": None}],
                },
            },
            {
                "type": "featured_equipment",
                "value": {
                    "heading": "熱門設備",
                    "equipment": [equipment.pk],
                    "catalogue": pages["catalogue"].pk,
                },
            },
            {"type": "channels", "value": {"heading": "怎麼找到我們", "text": ""}},
            {
                "type": "steps",
                "value": {
                    "heading": "租賃流程",
                    "steps": [{"title": "諮詢", "text": "告訴我們需求。"}],
                },
            },
            {
                "type": "quotes",
                "value": {
                    "heading": "客戶怎麼說",
                    "quotes": [{"quote": "準時送達。", "name": "陳先生", "company": "奕迅建設"}],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "常見問題",
                    "questions": [{"question": "最短租多久？", "answer": "<p>一天。</p>"}],
                },
            },
        ]
    )
    home.save_revision().publish()
    return public_site


PAGE_TYPES = {
    "home": "/",
    "home in English": "/en/",
    "catalogue": "/catalogue/",
    "catalogue model with quote form": "/catalogue/EX-PC200/",
    "consultation form": "/message/",
    "complaint form": "/complaint/",
    "suggestion form": "/suggestion/",
    "channels and contact": "/channels/",
    "standard page": "/about/",
    "search results": "/search/?q=挖土",
    "simplified Chinese form": "/zh-hans/message/",
    "not found": "/no-such-page/",
}


CONTACT = {"phone": "0912-345-678", "email": "visitor@example.com"}
TODAY = date.today()
#: The forms whose thank-you page is checked: the form's address and what a visitor types.
SENT_FORMS = {
    "consultation thank-you page": (
        "/message/",
        {"customer_name": "王大明", **CONTACT, "subject": "挖土機詢價", "question": "月租多少？"},
    ),
    "complaint thank-you page": (
        "/complaint/",
        {
            "complainant_name": "陳建國",
            **CONTACT,
            "category": "equipment_fault",
            "description": "挖土機第二天就漏油，工地停工半天。",
        },
    ),
    "suggestion thank-you page": (
        "/en/suggestion/",
        {
            "proposer_name": "Amy Chen",
            **CONTACT,
            "subject": "Test run before delivery",
            "description": "Please run the machine once on site before handing it over.",
        },
    ),
    "quote request thank-you page": (
        "/zh-hans/catalogue/EX-PC200/",
        {
            "customer_name": "李建国",
            **CONTACT,
            "quantity": "2",
            "start": (TODAY + timedelta(days=7)).isoformat(),
            "end": (TODAY + timedelta(days=20)).isoformat(),
            "site": "台中市西屯区工地",
        },
    ),
}


@pytest.fixture
def tracking_pages(db):
    """A complaint closed and waiting for its rating, and a suggestion with a published update."""
    from tests.workflows.complaints.factories import ComplaintFactory
    from tests.workflows.suggestions.factories import SuggestionFactory
    from workflows.complaints.choices import ComplaintState
    from workflows.complaints.models import Complaint
    from workflows.core.tracking import publish_update

    complaint = ComplaintFactory()
    publish_update(complaint, "技師已於今天下午到場更換液壓管，\n試車正常。")
    Complaint.objects.filter(pk=complaint.pk).update(
        state=ComplaintState.CLOSED, root_cause="液壓管老化", corrective_action="更換並全面檢查"
    )
    suggestion = SuggestionFactory()
    publish_update(suggestion, "我們已收到您的建議，下個月的部門會議會討論。")
    return {
        "complaint tracking page": complaint.get_tracking_url(),
        "complaint rating page": complaint.get_tracking_url() + "rate/",
        "suggestion tracking page": suggestion.get_tracking_url(),
        "suggestion tracking page in English": "/en" + suggestion.get_tracking_url(),
    }


def send(page, url, fields):
    page.goto(url)
    for name, value in fields.items():
        field = page.locator(f"form.intake-form [name={name}]")
        if field.evaluate("node => node.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    page.click("form.intake-form button[type=submit]")
    expect(page.locator("[data-reference]")).to_be_visible()


def blocking_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_public_page_type_passes_axe(
    browser, live_server, site_with_everything, tracking_pages, viewport
):
    context = browser.new_context(
        locale="zh-TW",
        viewport=VIEWPORTS[viewport],
        # axe is injected as a script of the test, which the pages' CSP rightly refuses.
        bypass_csp=True,
    )
    page = context.new_page()
    failures = {}
    try:
        for name, path in {**PAGE_TYPES, **tracking_pages}.items():
            page.goto(live_server.url + path)
            found = blocking_violations(page)
            if found:
                failures[name] = found
        # The thank-you pages show what was just sent: reached by sending each form.
        for name, (path, fields) in SENT_FORMS.items():
            send(page, live_server.url + path, fields)
            found = blocking_violations(page)
            if found:
                failures[name] = found
    finally:
        context.close()
    assert failures == {}


def test_the_message_form_is_usable_by_keyboard_alone(page, live_server, site_with_everything):
    page.goto(live_server.url + "/message/")
    page.focus("[name=customer_name]")
    page.keyboard.type("王大明")
    for name, text in (
        ("company", "大明營造"),
        ("phone", "0912-345-678"),
        ("email", "daming@example.com"),
        ("language", ""),  # the reply language: the page's, kept as it is
        ("subject", "挖土機詢價"),
        ("question", "請問月租多少？"),
    ):
        page.keyboard.press("Tab")
        expect(page.locator(f"form.intake-form [name={name}]")).to_be_focused()
        if text:
            page.keyboard.type(text)
    page.keyboard.press("Tab")
    expect(page.locator("form.intake-form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-reference]")).to_be_visible()
