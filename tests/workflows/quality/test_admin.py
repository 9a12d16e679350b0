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
    client.get(listing)  # settings and language rows read once per process, not per record
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


def test_supervision_records_a_finding_and_orders_its_rectification_in_the_admin(client):
    from datetime import timedelta

    from django.utils import timezone

    from workflows.quality.models import Finding, RectificationOrder
    from workflows.quality.services import start_inspection

    supervisor = UserFactory(roles=[SUPERVISION])
    owner = UserFactory(roles=[SALES])
    inspection = start_inspection(InspectionFactory(), user=supervisor)
    client.force_login(supervisor)

    response = client.post(
        reverse("wagtailsnippets_quality_finding:add"),
        {"inspection": inspection.pk, "description": "報價單未核對", "employee": owner.pk},
    )
    assert response.status_code == 302
    finding = Finding.objects.get()

    deadline = timezone.localtime() + timedelta(days=3)
    response = client.post(
        reverse("wagtailsnippets_quality_rectificationorder:add"),
        {
            "finding": finding.pk,
            "owner": owner.pk,
            "deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "required_action": "全部重新核對",
        },
    )
    assert response.status_code == 302
    assert RectificationOrder.objects.get().reference.startswith("QR")


def test_a_rectification_the_command_refuses_is_shown_on_the_form_and_nothing_saved(client):
    from workflows.quality.models import RectificationOrder

    from .factories import FindingFactory

    supervisor = UserFactory(roles=[SUPERVISION])
    client.force_login(supervisor)
    finding = FindingFactory(conforms=True)

    response = client.post(
        reverse("wagtailsnippets_quality_rectificationorder:add"),
        {
            "finding": finding.pk,
            "owner": supervisor.pk,
            "deadline": "2099-01-01 10:00",
            "required_action": "x",
        },
    )

    assert response.status_code == 200
    assert "Only a nonconformity is rectified." in response.content.decode()
    assert not RectificationOrder.objects.exists()


def test_a_salesperson_may_not_record_findings(client):
    client.force_login(UserFactory(roles=[SALES]))

    assert client.get(reverse("wagtailsnippets_quality_finding:add")).status_code == 403
