"""A visitor leaves a message, Customer Service answers it (P1.1-P1.3), all in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core.choices import MessageStatus
from workflows.core.models import OutboundMessage

pytestmark = pytest.mark.browser

QUESTION = "請問 20 噸挖土機下個月在台中工地租用三個月，月租多少？是否含司機與運費？"
REPLY = "王先生您好，20 噸挖土機月租 9 萬元，含運費，不含司機。歡迎來電洽詢。"


def leave_a_message(page, url):
    page.goto(url + "/message/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hant")
    expect(page.locator("h1")).to_have_text("線上留言")
    page.fill("[name=customer_name]", "王大明")
    page.fill("[name=company]", "大明營造有限公司")
    page.fill("[name=email]", "daming@example.com")
    page.fill("[name=subject]", "挖土機租賃詢價")
    page.fill("[name=question]", QUESTION)
    page.click("form.intake-form button[type=submit]")
    reference = page.locator("[data-reference]")
    expect(reference).to_have_text(re.compile(r"^C\d{4}-\d{6}$"))
    return reference.inner_text()


def log_in(page, url, username):
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")


class TestAWebsiteConsultationIsAnswered:
    def test_visitor_leaves_a_message_and_customer_service_answers_it(
        self, page, live_server, form_page, cs, screenshots
    ):
        url = live_server.url

        reference = leave_a_message(page, url)
        page.screenshot(path=screenshots / "thanks.png", full_page=True)
        consultation = Consultation.objects.get(reference=reference)
        assert consultation.state == S.RECEIVED
        assert consultation.customer_name == "王大明"
        assert consultation.question == QUESTION

        page.context.clear_cookies()
        log_in(page, url, cs.username)
        queue = page.locator("#work-queue-section")
        queue.get_by_role("link", name=re.compile(re.escape(reference))).click()
        expect(page.locator("main")).to_contain_text(QUESTION)

        page.click("[data-transition=answer]")
        page.fill("textarea[name=reply]", REPLY)
        page.click("[data-confirm-transition=answer]")
        expect(page.locator(".messages .success")).to_contain_text(reference)
        expect(page.locator("main")).to_contain_text(REPLY)
        page.locator(".messages").scroll_into_view_if_needed()
        page.screenshot(path=screenshots / "inspect.png", full_page=True)

        consultation.refresh_from_db()
        assert consultation.state == S.ANSWERED
        assert consultation.reply == REPLY
        assert consultation.handler == cs

        sent = OutboundMessage.objects.filter(object_id=str(consultation.pk)).order_by("pk")
        assert [(m.template, m.status, m.recipient_address) for m in sent] == [
            ("consultations/acknowledgement", MessageStatus.SENT, "daming@example.com"),
            ("consultations/reply", MessageStatus.SENT, "daming@example.com"),
        ]
        # The live server runs in this process, so its email lands in the same outbox.
        assert [m.to for m in mail.outbox] == [["daming@example.com"]] * 2
        assert reference in mail.outbox[0].subject
        assert REPLY in mail.outbox[1].body
