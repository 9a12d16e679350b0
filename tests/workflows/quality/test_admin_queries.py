"""The KPI report and drill-down run as many queries for 50 records as for 1; 403 without
the permission."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.workflows.complaints.factories import ComplaintFactory
from workflows.complaints.models import Complaint
from workflows.core.roles import MANAGEMENT, SALES
from workflows.quality.services import refresh_kpi_months

pytestmark = pytest.mark.django_db


def closed_complaints(count):
    investigator = UserFactory()
    for _i in range(count):
        c = ComplaintFactory()
        Complaint.objects.filter(pk=c.pk).update(
            state="closed",
            closed_at=timezone.now(),
            root_cause="process",
            corrective_action="改善流程",
            department="sales",
            investigator=investigator,
            satisfaction=4,
            rated_at=timezone.now(),
        )
    refresh_kpi_months(months=2)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize(
    "url",
    [
        reverse("quality_kpis"),
        reverse("quality_kpi_drill_down", args=["complaint_resolution_in_time"]),
        reverse("quality_kpi_drill_down", args=["complaint_satisfaction"]) + "?department=sales",
    ],
)
def test_query_count_does_not_grow_with_the_records(client, url):
    client.force_login(UserFactory(roles=[MANAGEMENT]))
    closed_complaints(1)
    client.get(url)  # settings and language rows read once per process, not per record
    one, _response = queries(client, url)
    closed_complaints(49)
    fifty, response = queries(client, url)

    assert fifty == one
    assert b"data-definition" in response.content or b"data-kpis" in response.content


def test_the_drill_down_lists_each_counted_record(client):
    client.force_login(UserFactory(roles=[MANAGEMENT]))
    closed_complaints(3)

    response = client.get(reverse("quality_kpi_drill_down", args=["complaint_resolution_in_time"]))

    for reference in Complaint.objects.values_list("reference", flat=True):
        assert reference.encode() in response.content


def test_a_salesperson_is_refused(client):
    client.force_login(UserFactory(roles=[SALES]))

    assert client.get(reverse("quality_kpis")).status_code == 403
    assert client.get(reverse("quality_kpi_drill_down", args=["survey_average"])).status_code == 403


def render_panel(user):
    from django.test import RequestFactory

    from workflows.quality.dashboard import panel_for

    request = RequestFactory().get("/admin/")
    request.user = user
    panel = panel_for(request)
    with CaptureQueriesContext(connection) as captured:
        html = panel.render_html({"request": request})
    return len(captured), html


@pytest.mark.parametrize("role", [MANAGEMENT, SALES])
def test_the_home_panel_runs_the_same_queries_for_50_records_as_for_1(role):
    user = UserFactory(roles=[role])
    closed_complaints(1)
    one, _html = render_panel(user)
    closed_complaints(49)
    fifty, html = render_panel(UserFactory(roles=[role]))

    assert fifty == one
    assert "data-quality-kpis" in html
    assert "100.0" in html  # every complaint closed in time this month


def test_repeated_complaints_name_the_department():
    closed_complaints(2)
    user = UserFactory(roles=[MANAGEMENT])

    _count, html = render_panel(user)

    assert "<li>Sales: 2</li>" in html


def test_the_excel_export_holds_each_kpi_with_its_definition(client):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(UserFactory(roles=[MANAGEMENT]))
    closed_complaints(3)

    response = client.get(reverse("quality_kpis") + "?export=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    in_time = rows["Complaints resolved within deadline"]
    assert (in_time[1], in_time[4]) == (100.0, 3)
    assert "deadline" in in_time[5]


def answered_surveys(count):
    from tests.workflows.quality.factories import SurveyFactory
    from workflows.quality.services import answer_survey

    employee = UserFactory()
    for _i in range(count):
        answer_survey(
            SurveyFactory(employee=employee),
            attitude=5,
            efficiency=4,
            quality=4,
            problem_solving=3,
        )


def test_survey_results_run_the_same_queries_for_50_answers_as_for_1(client):
    client.force_login(UserFactory(roles=[MANAGEMENT]))
    url = reverse("quality_survey_results")
    answered_surveys(1)
    one, _response = queries(client, url)
    answered_surveys(49)
    fifty, response = queries(client, url)

    assert fifty == one
    assert b"50 answers to 50 surveys sent." in response.content
    assert b"4.00" in response.content and b"3.00" in response.content


def test_survey_results_are_refused_to_whoever_may_not_read_surveys(client):
    client.force_login(UserFactory(roles=[SALES]))

    assert client.get(reverse("quality_survey_results")).status_code == 403
