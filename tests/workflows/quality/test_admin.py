"""The quality listings, inspect pages and forms open for the roles that use them; listings
run as many queries for 50 rows as for 1; a problem report filed in the admin names nobody."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core.roles import HR, MANAGEMENT, SALES, SUPERVISION
from workflows.quality.models import ProblemReport

from .factories import (
    AssessmentFactory,
    InspectionFactory,
    ProblemReportFactory,
    RectificationOrderFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

LISTINGS = [
    ("survey", SurveyFactory),
    ("inspection", InspectionFactory),
    ("rectificationorder", RectificationOrderFactory),
    ("problemreport", ProblemReportFactory),
    ("assessment", AssessmentFactory),
]


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(("model", "factory"), LISTINGS, ids=[m for m, _f in LISTINGS])
def test_listing_and_inspect_open_and_the_listing_stays_flat(client, model, factory):
    client.force_login(UserFactory(roles=[SUPERVISION, HR, MANAGEMENT]))
    record = factory()
    listing = reverse(f"wagtailsnippets_quality_{model}:list")
    one = count(client, listing)
    factory.create_batch(49)
    fifty = count(client, listing)

    assert fifty == one
    assert count(client, reverse(f"wagtailsnippets_quality_{model}:inspect", args=[record.pk]))


def test_an_employee_files_a_problem_report_in_the_admin_and_the_history_names_nobody(client):
    reporter = UserFactory(roles=[SALES])
    client.force_login(reporter)

    response = client.post(
        reverse("wagtailsnippets_quality_problemreport:add"),
        {
            "area": "delivery",
            "department": "after_sales",
            "description": "油量不足",
            "anonymous": "on",
        },
    )

    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert report.reporter == reporter and report.reference.startswith("QP")
    assert ModelLogEntry.objects.get(object_id=str(report.pk)).user is None


def test_a_salesperson_sees_only_their_own_reports(client):
    mine = ProblemReportFactory()
    ProblemReportFactory()
    client.force_login(mine.reporter)
    mine.reporter.groups.add(*UserFactory(roles=[SALES]).groups.all())

    response = client.get(reverse("wagtailsnippets_quality_problemreport:list"))

    assert response.status_code == 200
    assert response.content.count(b"QP") >= 1
    assert mine.reference.encode() in response.content
