"""HR's admin home shows the sessions coming up and the department plans awaiting approval."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Workflow

from tests.site.learning.factories import DepartmentPlanPageFactory
from workflows.core import roles
from workflows.people.panels import TrainingPanel

from .factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db


def panel(client):
    html = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return html.select_one("#training-section")


def submitted_plan(annual_plan, user, n):
    plan = DepartmentPlanPageFactory(parent=annual_plan, slug=f"plan-{n}", title=f"部門計劃 {n}")
    Workflow.objects.get(name="Staff section approval").start(plan, user)
    return plan


def test_hr_sees_upcoming_sessions_and_plans_in_moderation(client, staff, annual_plan):
    TrainingSessionFactory(title="設備保養課")
    submitted_plan(annual_plan, staff[roles.HR], 1)
    client.force_login(staff[roles.HR])
    text = panel(client).get_text()
    assert "設備保養課" in text
    assert "部門計劃 1" in text


def test_the_panel_query_count_does_not_grow(staff, annual_plan, django_assert_max_num_queries):
    hr = staff[roles.HR]
    TrainingSessionFactory()
    submitted_plan(annual_plan, hr, 0)
    with django_assert_max_num_queries(10) as one:
        TrainingPanel(hr).render_html({})
    for n in range(1, 8):
        TrainingSessionFactory()
        submitted_plan(annual_plan, hr, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = TrainingPanel(hr).render_html({})
    assert html.count("部門計劃") == 8


@pytest.mark.parametrize("role", [roles.SALES, roles.MARKETING], ids=str)
def test_other_roles_do_not_see_it(client, staff, role):
    client.force_login(staff[role])
    assert panel(client) is None
