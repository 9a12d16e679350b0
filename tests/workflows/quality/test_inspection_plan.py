"""Planned inspections generated from Supervision's plan by the periodic job (P7.1):
set-based, in turn among the inspector role's members, and a second run creates nothing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from workflows.core.periodic import run_all
from workflows.core.roles import AFTER_SALES, SUPERVISION
from workflows.quality.choices import InspectionFrequency, InspectionKind, InspectionState
from workflows.quality.models import Inspection, InspectionPlan
from workflows.quality.services.planning import (
    generate_planned_inspections,
    occurrences,
    shift_months,
)

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Taipei")
# 1 November 2026, 08:00 in Taipei: the job looks 14 days ahead, to 15 November.
NOW = datetime(2026, 11, 1, 8, 0, tzinfo=TZ)


def plan(**fields):
    values = {
        "area": "delivery",
        "department": "after_sales",
        "frequency": InspectionFrequency.MONTHLY,
        "first_on": date(2026, 1, 10),
    }
    values.update(fields)
    return InspectionPlan.objects.create(**values)


def test_month_ends_are_kept_in_shorter_months():
    assert shift_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert shift_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert shift_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_a_quarterly_plan_falls_every_third_month_from_its_first_date():
    quarterly = InspectionPlan(frequency=3, first_on=date(2026, 2, 20))

    days = [d for _n, d in occurrences(quarterly, date(2026, 1, 1), date(2027, 3, 1))]

    assert days == [
        date(2026, 2, 20),
        date(2026, 5, 20),
        date(2026, 8, 20),
        date(2026, 11, 20),
        date(2027, 2, 20),
    ]


def test_the_job_creates_the_inspections_due_within_fourteen_days_once():
    supervisors = [UserFactory(roles=[SUPERVISION]) for _ in range(2)]
    monthly = plan()  # 10 Nov: within the window
    quarterly = plan(area="billing", department="finance", frequency=3, first_on=date(2026, 2, 14))
    plan(area="leasing", department="sales", first_on=date(2026, 1, 20))  # 20 Nov: too far
    plan(area="complaints", department="sales", frequency=12, first_on=date(2025, 11, 5))
    plan(area="servicing", department="after_sales", active=False)  # not in use

    assert generate_planned_inspections(now=NOW) == 3
    assert generate_planned_inspections(now=NOW) == 0

    created = {
        (i.plan_id, i.area, i.department, i.planned_for)
        for i in Inspection.objects.select_related("plan")
    }
    assert (monthly.pk, "delivery", "after_sales", date(2026, 11, 10)) in created
    assert (quarterly.pk, "billing", "finance", date(2026, 11, 14)) in created
    assert len(created) == 3
    for inspection in Inspection.objects.all():
        assert inspection.kind == InspectionKind.PLANNED
        assert inspection.state == InspectionState.PLANNED
        assert inspection.reference.startswith("QI")
        assert inspection.inspector_id in {s.pk for s in supervisors}


def test_the_next_period_is_created_when_it_comes_within_the_window():
    UserFactory(roles=[SUPERVISION])
    monthly = plan()
    generate_planned_inspections(now=NOW)

    assert generate_planned_inspections(now=datetime(2026, 11, 27, 9, 0, tzinfo=TZ)) == 1
    assert list(
        monthly.inspections.order_by("planned_for").values_list("planned_for", flat=True)
    ) == [
        date(2026, 11, 10),
        date(2026, 12, 10),
    ]


def test_inspections_go_to_the_roles_members_in_turn():
    first, second = UserFactory(roles=[AFTER_SALES]), UserFactory(roles=[AFTER_SALES])
    UserFactory(roles=[AFTER_SALES], is_active=False)
    monthly = plan(inspector_role=AFTER_SALES, first_on=date(2026, 10, 10))

    generate_planned_inspections(now=datetime(2026, 10, 1, tzinfo=TZ))
    generate_planned_inspections(now=datetime(2026, 11, 1, tzinfo=TZ))
    generate_planned_inspections(now=datetime(2026, 12, 1, tzinfo=TZ))

    inspectors = list(
        monthly.inspections.order_by("planned_for").values_list("inspector", flat=True)
    )
    assert inspectors == [first.pk, second.pk, first.pk]


def test_without_members_in_the_role_the_inspection_waits_unassigned():
    monthly = plan(inspector_role=AFTER_SALES)

    assert generate_planned_inspections(now=NOW) == 1
    assert monthly.inspections.get().inspector is None


def test_the_queries_do_not_grow_with_the_plan():
    UserFactory(roles=[SUPERVISION])
    plan()
    generate_planned_inspections(now=NOW)  # warm-up: content types cached
    Inspection.objects.all().delete()

    with CaptureQueriesContext(connection) as one:
        generate_planned_inspections(now=NOW)
    Inspection.objects.all().delete()
    for department in ("sales", "legal", "finance", "hr", "marketing"):
        for area in ("consultation", "leasing", "delivery", "billing"):
            plan(area=area, department=department)

    with CaptureQueriesContext(connection) as many:
        assert generate_planned_inspections(now=NOW) == 21

    assert len(many) == len(one)


def test_the_periodic_job_runs_it():
    UserFactory(roles=[SUPERVISION])
    plan()

    assert run_all(now=NOW, only=["generate_planned_inspections"])[
        "generate_planned_inspections"
    ] == {"planned": 1}
