"""The Content-Security-Policy (workflows/core/csp.py) in a real browser: the public form
and the admin work under it, and an inline script on a public page does not run."""

import re

import pytest
from playwright.sync_api import expect

from workflows.consultations.models import Consultation

pytestmark = pytest.mark.browser


def csp_violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_public_form_and_admin_work_under_the_policy(page, live_server, form_page, cs):
    url = live_server.url
    violations = csp_violations(page)

    response = page.goto(url + "/message/")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.fill("[name=customer_name]", "王大明")
    page.fill("[name=email]", "daming@example.com")
    page.fill("[name=subject]", "詢價")
    page.fill("[name=question]", "請問挖土機月租多少？")
    page.click("form.intake-form button[type=submit]")
    expect(page.locator("[data-reference]")).to_have_text(re.compile(r"^C\d{4}-\d{6}$"))
    assert Consultation.objects.count() == 1

    # An injected inline script does not run on a public page.
    page.goto(url + "/message/")
    page.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.body.appendChild(s); }"""
    )
    assert page.evaluate("() => window.__injected === true") is False
    assert violations, "the browser reports the refused inline script"

    violations.clear()
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", cs.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")
    page.goto(url + "/admin/snippets/consultations/consultation/")
    expect(page.locator("main")).to_contain_text("詢價")
    # The admin's own scripts run: the sidebar toggle is rendered by JavaScript.
    expect(page.locator("[data-side-panel-toggle], #wagtail-sidebar")).not_to_have_count(0)
    assert violations == []
