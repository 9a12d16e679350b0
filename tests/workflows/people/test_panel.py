"""HR's admin home shows the sessions coming up and the department plans awaiting approval."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from tests.site.learning.factories import DepartmentPlanPageFactory
from workflows.core import roles
from workflows.people.panels import TrainingPanel

from .factories import DevelopmentPlanFactory, TrainingSessionFactory

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


def overdue_plan(name, days_late):
    plan = DevelopmentPlanFactory(employee__first_name=name)
    plan.review_on = timezone.localdate() - datetime.timedelta(days=days_late)
    plan.save()
    return plan


def test_hr_sees_overdue_reviews_oldest_first_and_not_the_others(client, staff):
    overdue_plan("王小明", 3)
    overdue_plan("李大華", 10)
    DevelopmentPlanFactory(employee__first_name="準時者")  # reviewed in a month
    client.force_login(staff[roles.HR])
    section = panel(client)
    text = section.get_text()
    assert text.index("李大華") < text.index("王小明")
    assert "準時者" not in text


def test_the_panel_query_count_does_not_grow(staff, annual_plan, django_assert_max_num_queries):
    hr = staff[roles.HR]
    TrainingSessionFactory()
    submitted_plan(annual_plan, hr, 0)
    overdue_plan("逾期 0", 1)
    with django_assert_max_num_queries(10) as one:
        TrainingPanel(hr).render_html({})
    for n in range(1, 8):
        TrainingSessionFactory()
        submitted_plan(annual_plan, hr, n)
        overdue_plan(f"逾期 {n}", n + 1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = TrainingPanel(hr).render_html({})
    assert html.count("部門計劃") == 8
    assert len(re.findall(r"逾期 \d", html)) == 8  # the plans, not the section's own words


@pytest.mark.parametrize("role", [roles.SALES, roles.MARKETING], ids=str)
def test_other_roles_do_not_see_it(client, staff, role):
    client.force_login(staff[role])
    assert panel(client) is None
