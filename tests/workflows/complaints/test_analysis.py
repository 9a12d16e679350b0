"""Reports → Complaint analysis (P9.6): figures, repeated complaints, chart, Excel, permissions."""

import io
from datetime import datetime, timedelta

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.workflows.customers.factories import CustomerFactory
from workflows.complaints.choices import ComplaintCategory as C
from workflows.complaints.choices import ComplaintChannel as Ch
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import Department as D
from workflows.complaints.choices import RootCause as R
from workflows.core import roles

from .factories import ComplaintFactory

pytestmark = pytest.mark.django_db

REPORT = reverse("complaints_analysis")
PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}


def moment(month, day, hour=10):
    return timezone.make_aware(datetime(2026, month, day, hour))


def closed(received, hours, **fields):
    """A complaint closed `hours` after it was received."""
    return ComplaintFactory(
        received_at=received,
        state=S.CLOSED,
        closed_at=received + timedelta(hours=hours),
        due_at=None,
        department=fields.pop("department", D.AFTER_SALES),
        root_cause=fields.pop("root_cause", R.EQUIPMENT_QUALITY),
        corrective_action="出車前檢查",
        **fields,
    )


@pytest.fixture
def complaints(investigator):
    acme = CustomerFactory(name="Acme 營造")
    made = {
        "jan_fault": closed(
            moment(1, 5),
            24,
            category=C.EQUIPMENT_FAULT,
            customer=acme,
            satisfaction=4,
            investigator=investigator,
        ),
        "jan_billing": closed(
            moment(1, 20),
            48,
            category=C.BILLING,
            channel=Ch.MAILBOX,
            department=D.FINANCE,
            root_cause=R.BILLING_ERROR,
            deadlines_missed=1,
            satisfaction=2,
            investigator=investigator,
        ),
        "mar_fault": ComplaintFactory(
            received_at=moment(3, 2), category=C.EQUIPMENT_FAULT, customer=acme, urgent=True
        ),
        "mar_delivery": ComplaintFactory(
            received_at=moment(3, 3),
            category=C.DELIVERY,
            company=" 信義工程 ",
            channel=Ch.WEBSITE,
        ),
        "mar_delivery_again": ComplaintFactory(
            received_at=moment(3, 30),
            category=C.DELIVERY,
            company="信義工程",
            channel=Ch.WEBSITE,
        ),
        "before": ComplaintFactory(received_at=moment(1, 1, 0) - timedelta(minutes=1)),
        "after": ComplaintFactory(received_at=moment(4, 1, 0)),
    }
    return made


def report(client, user, **params):
    client.force_login(user)
    response = client.get(REPORT, {**PERIOD, **params})
    assert response.status_code == 200
    return response


class TestTheFigures:
    def test_counts_the_period_only(self, client, cs, complaints):
        analysis = report(client, cs).context["analysis"]

        assert analysis.total == 5
        assert analysis.closed == 2
        assert analysis.urgent == 1

    def test_by_month_with_empty_months_shown(self, client, cs, complaints):
        analysis = report(client, cs).context["analysis"]

        assert [(row.label, row.count) for row in analysis.by_month] == [
            ("2026-01", 2),
            ("2026-02", 0),
            ("2026-03", 3),
        ]

    def test_by_category_channel_department_and_root_cause(self, client, cs, complaints):
        analysis = report(client, cs).context["analysis"]

        def counts(rows):
            return {row.key: row.count for row in rows if row.count}

        assert counts(analysis.by_category) == {C.EQUIPMENT_FAULT: 2, C.BILLING: 1, C.DELIVERY: 2}
        assert counts(analysis.by_channel) == {Ch.HOTLINE: 2, Ch.MAILBOX: 1, Ch.WEBSITE: 2}
        assert counts(analysis.by_department) == {D.AFTER_SALES: 1, D.FINANCE: 1, "": 3}
        assert counts(analysis.by_root_cause) == {R.EQUIPMENT_QUALITY: 1, R.BILLING_ERROR: 1}

    def test_average_time_to_close_share_within_deadline_and_satisfaction(
        self, client, cs, complaints
    ):
        response = report(client, cs)
        analysis = response.context["analysis"]

        assert analysis.average_time_to_close == timedelta(hours=36)
        assert analysis.share_within_deadline == 0.5
        assert analysis.average_satisfaction == 3.0
        soup = BeautifulSoup(response.text, "html.parser")
        assert (
            soup.select_one('[data-figure="hours_to_close"]').get_text(strip=True) == "36.0 hours"
        )
        assert soup.select_one('[data-figure="within_deadline"]').get_text(strip=True) == "50.0%"

    def test_customers_with_repeated_complaints_stand_out(self, client, cs, complaints):
        response = report(client, cs)

        repeated = response.context["analysis"].repeated_customers
        assert sorted((row.label, row.count) for row in repeated) == [
            ("Acme 營造", 2),
            ("信義工程", 2),
        ]
        rows = BeautifulSoup(response.text, "html.parser").select(
            '[data-table="repeated"] tr[data-repeated]'
        )
        assert len(rows) == 2

    def test_departments_with_repeated_complaints_stand_out(self, client, cs, investigator):
        for day in (1, 2):
            closed(moment(2, day), 5, department=D.SALES, investigator=investigator)
        closed(moment(2, 3), 5, department=D.LEGAL, investigator=investigator)

        response = report(client, cs)

        marked = [
            tr.td.get_text(" ", strip=True)
            for tr in BeautifulSoup(response.text, "html.parser").select(
                '[data-table="department"] tr[data-repeated]'
            )
        ]
        assert len(marked) == 1 and marked[0].startswith("Sales")

    def test_a_period_with_nothing_shows_dashes(self, client, cs):
        response = report(client, cs)

        assert response.context["analysis"].total == 0
        soup = BeautifulSoup(response.text, "html.parser")
        assert soup.select_one('[data-figure="satisfaction"]').get_text(strip=True) == "—"

    def test_an_end_before_the_start_is_refused_with_a_message(self, client, cs):
        response = report(client, cs, start="2026-03-01", end="2026-01-01")

        assert "must not come before its start" in response.text


class TestTheChart:
    def test_is_inline_svg_without_scripts_or_outside_files(self, client, cs, complaints):
        response = report(client, cs)

        soup = BeautifulSoup(response.text, "html.parser")
        charts = soup.select("svg.complaint-chart")
        assert len(charts) == 4
        assert all(not chart.select("script") for chart in charts)
        assert all("http" not in (chart.get("href") or "") for chart in charts)
        month_chart = charts[0]
        assert len(month_chart.select("rect")) == 3

    def test_labels_are_text(self, client, cs):
        ComplaintFactory(received_at=moment(2, 1), company="<script>alert(1)</script>")
        ComplaintFactory(received_at=moment(2, 2), company="<script>alert(1)</script>")

        response = report(client, cs)

        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


class TestTheExcelExport:
    def workbook(self, client, user):
        client.force_login(user)
        response = client.get(REPORT, {**PERIOD, "export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        return openpyxl.load_workbook(io.BytesIO(response.content))

    def test_has_every_table_and_the_period_complaints(self, client, cs, complaints):
        book = self.workbook(client, cs)

        assert book.sheetnames == [
            "Summary",
            "By month",
            "By category",
            "By channel",
            "By department",
            "By root cause",
            "Repeated complaints",
            "Complaints",
        ]
        summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
        assert summary["Complaints"] == 5
        assert summary["Average time to close (hours)"] == 36.0
        months = list(book["By month"].iter_rows(min_row=2, values_only=True))
        assert months == [("2026-01", 2), ("2026-02", 0), ("2026-03", 3)]
        references = [row[0] for row in book["Complaints"].iter_rows(min_row=2, values_only=True)]
        assert references == [
            complaints[key].reference
            for key in (
                "jan_fault",
                "jan_billing",
                "mar_fault",
                "mar_delivery",
                "mar_delivery_again",
            )
        ]

    def test_text_that_looks_like_a_formula_stays_text(self, client, cs):
        for day in (1, 2):
            ComplaintFactory(received_at=moment(2, day), company='=HYPERLINK("http://x","y")')

        book = self.workbook(client, cs)

        repeated = list(book["Repeated complaints"].iter_rows(min_row=2, values_only=True))
        assert repeated == [('\'=HYPERLINK("http://x","y")', 2)]
        companies = [row[8] for row in book["Complaints"].iter_rows(min_row=2, values_only=True)]
        assert companies == ['\'=HYPERLINK("http://x","y")'] * 2


class TestWhoMayAnalyse:
    @pytest.mark.parametrize(
        "role", [roles.CUSTOMER_SERVICE, roles.SUPERVISION, roles.MANAGEMENT, "admin"]
    )
    def test_those_who_see_every_complaint(self, client, staff, role):
        client.force_login(staff[role])

        assert client.get(REPORT).status_code == 200
        assert "/admin/reports/complaints/" in client.get(reverse("wagtailadmin_home")).text

    @pytest.mark.parametrize(
        "role",
        [roles.SALES, roles.AFTER_SALES, roles.FINANCE, roles.LEGAL, roles.HR, roles.MARKETING],
    )
    def test_not_a_single_department(self, client, staff, role):
        client.force_login(staff[role])

        assert client.get(REPORT).status_code == 403
        assert client.get(REPORT, {"export": "xlsx"}).status_code == 403
        assert "/admin/reports/complaints/" not in client.get(reverse("wagtailadmin_home")).text


def test_the_number_of_queries_does_not_grow_with_the_complaints(client, cs, investigator):
    def add(count, offset):
        for i in range(count):
            customer = CustomerFactory()
            for _ in range(2):
                closed(
                    moment(1 + i % 3, 1 + i % 27),
                    5 + i,
                    customer=customer,
                    satisfaction=1 + i % 5,
                    investigator=investigator,
                    category=list(C)[i % len(C)],
                )

    add(1, 0)
    client.force_login(cs)
    client.get(REPORT, PERIOD)
    with CaptureQueriesContext(connection) as few:
        small = client.get(REPORT, PERIOD)
    add(25, 1)
    with CaptureQueriesContext(connection) as many:
        large = client.get(REPORT, PERIOD)

    assert len(many) == len(few)
    assert large.context["analysis"].total == small.context["analysis"].total + 50
    with CaptureQueriesContext(connection) as export_few:
        client.get(REPORT, {**PERIOD, "export": "xlsx"})
    add(5, 26)
    with CaptureQueriesContext(connection) as export_many:
        client.get(REPORT, {**PERIOD, "export": "xlsx"})
    assert len(export_many) == len(export_few)
