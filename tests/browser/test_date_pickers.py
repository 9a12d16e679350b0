"""Dates are picked, not typed: Wagtail's date picker opens on a report filter (issue: the
console said `initDateChooser is not defined` and every date had to be typed)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_report_filter_opens_wagtails_date_picker(page, live_server, staff):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", staff["admin"].username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(live_server.url + "/admin/")

    page.goto(live_server.url + reverse("complaints_analysis"))
    start = page.locator("input[name=start]")
    start.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)[data-date='15']").first.click()
    expect(start).to_have_value(re.compile(r"^\d{4}-\d{2}-15$"))
    assert not [e for e in errors if "is not defined" in e], errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["complaints_analysis", "billing_run", "billing_payment"],
)
def test_pages_with_date_fields_load_the_pickers_script(client, staff, url_name):
    client.force_login(staff["admin"])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "wagtailadmin/js/date-time-chooser.js" in response.text
