"""Training in the staff section, in a browser (P8.2, P8.3).

HR publishes a course; an employee reads it and passes its quiz; a department head drafts
the department's training plan and submits it; HR approves it, which publishes it.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learning.models import CourseIndexPage, DepartmentPlanPage, TrainingPlanIndexPage
from learning.staff_section import ensure_staff_section
from tests.factories import UserFactory
from tests.site.learning.factories import CoursePageFactory, TrainingPlanPageFactory
from workflows.core import roles
from workflows.people.models import QuizAttempt

pytestmark = pytest.mark.browser


def log_in(page, url, user):
    page.context.clear_cookies()
    page.goto(url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("form button[type=submit]")
    expect(page).to_have_url(url + "/admin/")


def footer_action(page, name):
    """Wagtail keeps the page editor's other actions in the footer's dropdown."""
    button = page.locator(f'footer button[name="{name}"]')
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()


@pytest.fixture(autouse=True)
def clean_site_state(transactional_db):
    from django.conf import settings
    from django.urls import clear_url_caches
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    clear_url_caches()


@pytest.fixture
def section(home_page):
    return ensure_staff_section(home_page)


def test_hr_publishes_a_course_staff_pass_its_quiz_and_a_department_plan_is_approved(
    page, live_server, staff, section
):
    url = live_server.url
    hr = staff[roles.HR]
    head = UserFactory(username="sales_head", roles=[roles.SALES, roles.DEPARTMENT_HEADS])
    employee = staff[roles.AFTER_SALES]
    course = CoursePageFactory(parent=CourseIndexPage.objects.get(), slug="rent", title="租金計算")
    course.unpublish()
    annual = TrainingPlanPageFactory(parent=TrainingPlanIndexPage.objects.get(), slug="2026")

    # HR publishes the course drafted earlier.
    log_in(page, url, hr)
    page.goto(url + reverse("wagtailadmin_pages:edit", args=[course.pk]))
    footer_action(page, "action-publish")
    expect(page.locator(".messages .success")).to_be_visible()
    course.refresh_from_db()
    assert course.live

    # An employee reads it and passes the quiz.
    log_in(page, url, employee)
    page.goto(url + course.url)
    expect(page.locator("h1")).to_have_text("租金計算")
    page.get_by_label("30 天").check()
    page.get_by_label("歸還驗收後").check()
    page.click(".quiz button[type=submit]")
    expect(page.locator(".quiz-result")).to_contain_text("100%")
    attempt = QuizAttempt.objects.get()
    assert (attempt.employee, attempt.passed) == (employee, True)

    # The head of Sales drafts the department's plan and submits it to HR.
    log_in(page, url, head)
    page.goto(
        url + reverse("wagtailadmin_pages:add", args=["learning", "departmentplanpage", annual.pk])
    )
    page.fill("#id_title", "業務部培訓計劃")
    page.select_option("#id_department", roles.SALES)
    editor = page.locator('[data-contentpath="plan"] [contenteditable="true"]')
    editor.click()
    editor.press_sequentially("Monthly contract clinic")
    expect(editor).to_contain_text("Monthly contract clinic")
    page.locator("#id_title").click()
    # Draftail saves its content into the form a moment after the last keystroke.
    page.wait_for_timeout(1000)
    expect(page.locator('footer button[name="action-publish"]')).to_have_count(0)
    footer_action(page, "action-submit")
    expect(page.locator(".messages .success")).to_be_visible()
    plan = DepartmentPlanPage.objects.get()
    assert plan.workflow_in_progress and not plan.live

    # HR approves it from the page editor, which publishes it.
    log_in(page, url, hr)
    page.goto(url + reverse("wagtailadmin_pages:edit", args=[plan.pk]))
    # "Approve" without a comment; "Approve with comment" opens a dialog.
    approve = page.locator(
        'footer [data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    if not approve.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    approve.click()
    expect(page.locator(".messages .success")).to_be_visible()
    plan.refresh_from_db()
    assert plan.live
