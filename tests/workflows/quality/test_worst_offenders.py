"""The dashboard's worst offenders (P7.2): departments and people with repeated complaints.

A person's complaints are those naming them as the staff member complained about and those a
special assessment of them was opened from, each complaint once; a department head sees their
department's people only; the query count does not grow with the records."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import UserFactory
from tests.workflows.complaints.factories import ComplaintFactory
from workflows.complaints.models import Complaint
from workflows.core import roles
from workflows.quality.choices import AssessmentKind
from workflows.quality.dashboard import OFFENDER_DAYS, REPEATED, QualityPanel, worst_offenders
from workflows.quality.models import Assessment

from .factories import AssessmentFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
RECENT = NOW - timedelta(days=10)
OLD = NOW - timedelta(days=OFFENDER_DAYS + 10)


def complaint(department, staff_member=None, received_at=RECENT):
    made = ComplaintFactory(received_at=received_at)
    Complaint.objects.filter(pk=made.pk).update(department=department, staff_member=staff_member)
    return made


def special(employee, about, department, created_at=RECENT):
    made = AssessmentFactory(
        kind=AssessmentKind.SPECIAL, employee=employee, complaint=about, department=department
    )
    Assessment.objects.filter(pk=made.pk).update(created_at=created_at)
    return made


def person(name, role):
    return UserFactory(username=name.lower(), first_name=name, last_name="Test", roles=[role])


@pytest.fixture
def data_set():
    """Hand-made: who should stand out, and who should not, and why."""
    sales, after_sales = roles.SALES, roles.AFTER_SALES
    anna, bert, carl = person("Anna", sales), person("Bert", sales), person("Carl", after_sales)
    dora, emil, fred = person("Dora", sales), person("Emil", sales), person("Fred", sales)
    # Anna: named twice; the special assessment from one of them is the same complaint.
    first = complaint("sales", anna)
    complaint("sales", anna)
    special(anna, first, "sales")
    # Bert: named once, and assessed after another complaint that names nobody.
    complaint("sales", bert)
    special(bert, complaint("sales"), "sales")
    # Carl (After-sales): named three times.
    for _i in range(3):
        complaint("after_sales", carl)
    # Dora: once in the period, once before it.
    complaint("sales", dora)
    complaint("sales", dora, received_at=OLD)
    # Emil: two special assessments from the same complaint are one complaint.
    same = complaint("sales")
    special(emil, same, "sales")
    special(emil, same, "sales")
    # Fred: named in an old complaint assessed in the period, and named in a recent one.
    special(fred, complaint("sales", fred, received_at=OLD), "sales")
    complaint("sales", fred)
    # Outside the period: an old special assessment of Dora.
    special(dora, complaint("sales"), "sales", created_at=OLD)


def expected_people(departments=None):
    """The list worked out by hand from the records: (person, complaint) pairs, each once."""
    since = NOW - timedelta(days=OFFENDER_DAYS)
    pairs = set()
    for c in Complaint.objects.exclude(staff_member=None):
        if c.received_at >= since and (departments is None or c.department in departments):
            pairs.add((c.staff_member_id, c.pk))
    for a in Assessment.objects.exclude(complaint=None):
        if a.created_at >= since and (departments is None or a.department in departments):
            pairs.add((a.employee_id, a.complaint_id))
    counts = {}
    for employee, _complaint in pairs:
        counts[employee] = counts.get(employee, 0) + 1
    rows = []
    for employee, count in counts.items():
        if count >= REPEATED:
            rows.append((get_user_model().objects.get(pk=employee).get_full_name(), count))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def people(rows):
    return [(row["label"], row["count"]) for row in rows]


def test_people_from_both_sources_each_complaint_once(data_set):
    _departments, rows = worst_offenders(now=NOW)

    assert people(rows) == expected_people()
    assert people(rows) == [
        ("Carl Test", 3),
        ("Anna Test", 2),
        ("Bert Test", 2),
        ("Fred Test", 2),
    ]


def test_departments_count_their_complaints_in_the_period(data_set):
    by_department, _people = worst_offenders(now=NOW)

    assert [(row["department"], row["count"]) for row in by_department] == [
        ("sales", 8),
        ("after_sales", 3),
    ]


def test_a_department_sees_its_own_people_only(data_set):
    _departments, rows = worst_offenders(now=NOW, departments=["sales"])

    assert people(rows) == expected_people(["sales"])
    assert "Carl Test" not in [label for label, _count in people(rows)]


def test_the_panel_of_a_department_head_shows_their_departments_people(data_set):
    head = UserFactory(roles=[roles.AFTER_SALES, roles.DEPARTMENT_HEADS])
    request = RequestFactory().get("/admin/")
    request.user = head

    context = QualityPanel(request).get_context_data({})

    assert [(row["label"], row["count"]) for row in context["offending_people"]] == [
        ("Carl Test", 3)
    ]
    assert [row["department"] for row in context["offending_departments"]] == ["after_sales"]


def test_management_sees_everyone(data_set):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(roles=[roles.MANAGEMENT])

    context = QualityPanel(request).get_context_data({})

    assert len(context["offending_people"]) == 4


def offenders(count):
    for _i in range(count):
        named = UserFactory(roles=[roles.SALES])
        about = complaint("sales", named)
        complaint("sales", named)
        special(named, about, "sales")
        special(UserFactory(roles=[roles.SALES]), complaint("sales"), "sales")


def test_query_count_does_not_grow_with_the_records():
    offenders(1)
    with CaptureQueriesContext(connection) as one:
        worst_offenders(now=NOW)
    offenders(49)
    with CaptureQueriesContext(connection) as fifty:
        _departments, rows = worst_offenders(now=NOW)

    assert len(fifty) == len(one)
    assert len(rows) == 10
