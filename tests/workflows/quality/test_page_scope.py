"""Who may open a quality record's own pages (inspect, history, edit), its bulk delete
confirmation and its chooser: the same people who find it in the listing.

- Problem reports: Supervision all; HR those due a reward; anyone else, Management
  included, only their own (a colleague's report stays between them and Supervision).
- Rectification orders: Supervision and Management (the supervision group) all; anyone
  else only the orders they own.
- Assessments: HR and Management all; the employee their own once published.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workflows.core.roles import (
    CUSTOMER_SERVICE,
    DEPARTMENT_HEADS,
    FINANCE,
    HR,
    MANAGEMENT,
    MARKETING,
    SALES,
    SUPERVISION,
)
from workflows.quality.choices import AssessmentState, RewardState
from workflows.quality.models import Assessment, ProblemReport

from .factories import AssessmentFactory, ProblemReportFactory, RectificationOrderFactory

pytestmark = pytest.mark.django_db


def pages(model, record):
    snippet = f"wagtailsnippets_quality_{model}"
    return [
        reverse(f"{snippet}:inspect", args=[record.pk]),
        reverse(f"{snippet}:history", args=[record.pk]),
        reverse("wagtail_bulk_action", args=["quality", model, "delete"]) + f"?id={record.pk}",
        reverse(f"wagtailsnippetchoosers_quality_{model}:chosen", args=[record.pk]),
    ]


def opens(client, user, url):
    client.force_login(user)
    response = client.get(url)
    client.logout()
    return response.status_code == 200 and str(getattr(response, "content", b""))


def who_sees(client, staff, model, record, url_index=0):
    url = pages(model, record)[url_index]
    return {role for role, user in staff.items() if opens(client, user, url)}


def test_a_problem_report_opens_for_supervision_and_its_reporter_only(client, staff):
    reporter = UserFactory(username="reporter", roles=[SALES])
    report = ProblemReportFactory(reporter=reporter, description="倉庫鑰匙由同事 王小明 保管不當")
    assert who_sees(client, staff, "problemreport", report) == {SUPERVISION, "admin"}
    for url in pages("problemreport", report)[:1]:
        assert opens(client, reporter, url)
    # No one else finds it through the other doors either.
    for url in pages("problemreport", report)[1:]:
        for role in (MANAGEMENT, MARKETING, HR, SALES, DEPARTMENT_HEADS):
            assert not opens(client, staff[role], url), (role, url)


def test_hr_sees_a_problem_report_once_it_is_due_a_reward(client, staff):
    report = ProblemReportFactory()
    ProblemReport.objects.filter(pk=report.pk).update(reward_state=RewardState.DUE)
    assert who_sees(client, staff, "problemreport", report) == {SUPERVISION, HR, "admin"}


def test_a_rectification_order_opens_for_the_supervision_group_and_its_owner(client, staff):
    owner = UserFactory(username="owner", roles=[CUSTOMER_SERVICE])
    order = RectificationOrderFactory(owner=owner)
    assert who_sees(client, staff, "rectificationorder", order) == {
        SUPERVISION,
        MANAGEMENT,
        "admin",
    }
    assert opens(client, owner, pages("rectificationorder", order)[0])
    for url in pages("rectificationorder", order)[2:]:
        assert not opens(client, staff[FINANCE], url), url


def test_an_assessment_opens_for_hr_management_and_the_employee_once_published(client, staff):
    employee = UserFactory(username="assessed", roles=[SALES])
    assessment = AssessmentFactory(employee=employee)
    assert who_sees(client, staff, "assessment", assessment) == {HR, MANAGEMENT, "admin"}
    url = pages("assessment", assessment)[0]
    assert not opens(client, employee, url)
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.PUBLISHED)
    assert opens(client, employee, url)
    for other in (staff[SALES], staff[SUPERVISION]):
        assert not opens(client, other, url)
    for url in pages("assessment", assessment)[2:]:
        assert not opens(client, staff[SUPERVISION], url), url
