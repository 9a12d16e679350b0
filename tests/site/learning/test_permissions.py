"""HR writes and publishes the staff section; a department head only submits their
department's plan to HR; Marketing, who edits the public site, cannot touch it (P8.3)."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from learning.models import CoursePage, DepartmentPlanPage, StaffIndexPage
from learning.staff_section import ensure_staff_section
from workflows.core import roles

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=["learning", model, parent.pk])


def plan_data(**extra):
    return {
        **nested_form_data(
            {
                "title": "客服部培訓計劃",
                "slug": "customer-service",
                "department": roles.CUSTOMER_SERVICE,
                "needs": rich_text("<p>投訴處理話術</p>"),
                "plan": rich_text("<p>每季一次角色扮演</p>"),
            }
        ),
        **extra,
    }


def course_data(**extra):
    return {
        **nested_form_data(
            {
                "title": "合約條款導讀",
                "slug": "contract-clauses",
                "topic": "contracts",
                "intro": "",
                "body": streamfield([("text", rich_text("<p>押金與違約金</p>"))]),
                "quiz": streamfield([]),
                "pass_mark": "80",
            }
        ),
        **extra,
    }


class TestHR:
    def test_publishes_a_course(self, client, staff, courses):
        client.force_login(staff[roles.HR])
        response = client.post(
            add_url("coursepage", courses), course_data(**{"action-publish": "1"})
        )
        assert response.status_code == 302
        course = CoursePage.objects.get(slug="contract-clauses")
        assert course.live and not course.has_unpublished_changes

    def test_approves_a_submitted_department_plan_which_publishes_it(
        self, client, staff, head, annual_plan
    ):
        client.force_login(head)
        client.post(add_url("departmentplanpage", annual_plan), plan_data(**{"action-submit": "1"}))
        plan = DepartmentPlanPage.objects.get(slug="customer-service")
        state = plan.current_workflow_state
        client.force_login(staff[roles.HR])
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[plan.pk, "approve", state.current_task_state.pk],
        )
        assert client.post(url, {"comment": "同意"}).status_code == 302
        plan.refresh_from_db()
        assert plan.live
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED


class TestDepartmentHead:
    def test_submits_a_department_plan_for_moderation(self, client, head, annual_plan):
        client.force_login(head)
        response = client.post(
            add_url("departmentplanpage", annual_plan), plan_data(**{"action-submit": "1"})
        )
        assert response.status_code == 302
        plan = DepartmentPlanPage.objects.get(slug="customer-service")
        assert not plan.live
        assert plan.workflow_in_progress
        assert plan.current_workflow_task.name == "HR approval"

    def test_cannot_publish_a_department_plan(self, client, head, annual_plan):
        client.force_login(head)
        client.post(
            add_url("departmentplanpage", annual_plan), plan_data(**{"action-publish": "1"})
        )
        plan = DepartmentPlanPage.objects.get(slug="customer-service")
        assert not plan.live
        perms = plan.permissions_for_user(head)
        assert perms.can_edit() and not perms.can_publish()

    def test_cannot_edit_hrs_annual_plan_or_courses(self, client, head, annual_plan, course):
        client.force_login(head)
        for page in (annual_plan, course):
            url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            assert client.get(url).status_code == 403
        assert client.get(add_url("coursepage", course.get_parent())).status_code == 403

    def test_an_employee_who_is_not_a_head_cannot_add_a_plan(self, client, staff, annual_plan):
        client.force_login(staff[roles.SALES])
        response = client.post(
            add_url("departmentplanpage", annual_plan), plan_data(**{"action-submit": "1"})
        )
        assert response.status_code == 403
        assert not DepartmentPlanPage.objects.exists()


class TestMarketing:
    def test_edits_the_public_site(self, client, staff, home_page, section):
        client.force_login(staff[roles.MARKETING])
        url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
        assert client.get(url).status_code == 200

    def test_cannot_touch_any_staff_page(self, client, staff, staff_pages):
        client.force_login(staff[roles.MARKETING])
        for page in staff_pages:
            for name in ("edit", "delete", "unpublish", "move", "copy"):
                url = reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
                assert client.post(url).status_code == 403, (name, page)
            assert (
                client.get(reverse("wagtailadmin_pages:add_subpage", args=[page.pk])).status_code
                == 403
            )
            perms = page.permissions_for_user(staff[roles.MARKETING])
            assert not (perms.can_edit() or perms.can_publish() or perms.can_add_subpage())
            assert not perms.can_set_view_restrictions()

    def test_cannot_add_a_page_in_the_section(self, client, staff, courses):
        client.force_login(staff[roles.MARKETING])
        response = client.post(
            add_url("coursepage", courses), course_data(**{"action-publish": "1"})
        )
        assert response.status_code == 403
        assert not CoursePage.objects.exists()

    def test_cannot_create_a_second_staff_section(self, staff, home_page, section):
        assert not StaffIndexPage.can_create_at(home_page)


def test_setting_up_the_section_twice_changes_nothing(home_page):
    first = ensure_staff_section(home_page)
    pages = Page.objects.count()
    again = ensure_staff_section(home_page)
    assert again.pk == first.pk
    assert Page.objects.count() == pages
    assert first.get_view_restrictions().count() == 1
