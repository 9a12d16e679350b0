"""The staff section under the test site's home page, and its users."""

import pytest
from wagtail.models import Page

from learning.models import CourseIndexPage, TrainingPlanIndexPage
from learning.staff_section import ensure_staff_section
from tests.factories import UserFactory
from workflows.core import roles

from .factories import (
    CoursePageFactory,
    DepartmentPlanPageFactory,
    TrainingNeedsSurveyPageFactory,
    TrainingPlanPageFactory,
)


@pytest.fixture
def section(home_page):
    return ensure_staff_section(home_page)


@pytest.fixture
def plans(section):
    return TrainingPlanIndexPage.objects.get()


@pytest.fixture
def annual_plan(plans):
    return TrainingPlanPageFactory(parent=plans, slug="2026")


@pytest.fixture
def department_plan(annual_plan):
    return DepartmentPlanPageFactory(parent=annual_plan, slug="sales")


@pytest.fixture
def courses(section):
    return CourseIndexPage.objects.get()


@pytest.fixture
def course(courses):
    return CoursePageFactory(parent=courses, slug="rent")


@pytest.fixture
def survey(plans):
    return TrainingNeedsSurveyPageFactory(parent=plans, slug="survey")


@pytest.fixture
def staff_pages(section, annual_plan, department_plan, course, survey):
    return [page.specific for page in Page.objects.descendant_of(section, inclusive=True)]


@pytest.fixture
def head(staff):
    """The head of Sales: in Sales and in Department heads."""
    return UserFactory(username="sales_head", roles=[roles.SALES, roles.DEPARTMENT_HEADS])
