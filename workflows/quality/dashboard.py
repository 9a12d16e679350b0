"""The quality panel of the admin home (P7.2, P7.3): KPIs against targets with their monthly
trend, and the worst offenders. Read from the monthly figures the periodic job keeps and
grouped queries, so its query count does not depend on the number of records."""

from datetime import timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.ui.components import Component

from workflows.complaints import access as complaint_access

from .kpi.registry import registry
from .models import Assessment, KPIMonth, KPITarget, Scope
from .services.kpis import last_months
from .views import VIEW_KPIS, trend_chart

#: How far back "repeated complaints" look, and how many make them repeated.
OFFENDER_DAYS = 90
REPEATED = 2


def worst_offenders(*, now=None, departments=None):
    """Departments with repeated complaints, and people with repeated complaints (P7.2), over
    the last OFFENDER_DAYS.

    A person's complaints are those naming them as the staff member complained about
    (received in the period) and those a special assessment of them was opened from (opened
    in the period); a complaint counted both ways counts once. `departments` limits both
    lists to the complaints of those departments (a department head's own). Three queries
    whatever the number of records: one grouped per list, one for the names.
    """
    from django.contrib.auth import get_user_model

    from workflows.complaints.choices import Department
    from workflows.complaints.models import Complaint

    since = (now or timezone.now()) - timedelta(days=OFFENDER_DAYS)
    complaints = Complaint.objects.filter(received_at__gte=since).exclude(department="")
    if departments is not None:
        complaints = complaints.filter(department__in=departments)
    by_department = list(
        complaints.order_by()
        .values("department")
        .annotate(count=Count("pk"))
        .filter(count__gte=REPEATED)
        .order_by("-count", "department")[:10]
    )
    labels = dict(Department.choices)
    for row in by_department:
        row["label"] = labels.get(row["department"], row["department"])
    return by_department, _people_with_repeated_complaints(
        get_user_model(), complaints, since, departments
    )


def _people_with_repeated_complaints(User, complaints, since, departments):
    named = (
        complaints.filter(staff_member=OuterRef("pk"))
        .order_by()
        .values("staff_member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    assessed = Assessment.objects.filter(
        employee=OuterRef("pk"), complaint__isnull=False, created_at__gte=since
    )
    if departments is not None:
        assessed = assessed.filter(department__in=departments)
    # A complaint already counted because it names this person is not counted again.
    counted_as_named = Q(complaint__staff_member=OuterRef("pk"), complaint__received_at__gte=since)
    if departments is not None:
        counted_as_named &= Q(complaint__department__in=departments)
    assessed = (
        assessed.exclude(counted_as_named)
        .order_by()
        .values("employee")
        .annotate(n=Count("complaint", distinct=True))
        .values("n")
    )
    zero = Value(0)
    rows = list(
        User.objects.annotate(
            named=Coalesce(Subquery(named, output_field=IntegerField()), zero),
            assessed=Coalesce(Subquery(assessed, output_field=IntegerField()), zero),
        )
        .annotate(count=F("named") + F("assessed"))
        .filter(count__gte=REPEATED)
        .order_by("-count", "last_name", "first_name", "pk")
        .values("pk", "first_name", "last_name", "username", "count")[:10]
    )
    for row in rows:
        row["employee"] = row.pop("pk")
        full = f"{row['first_name']} {row['last_name']}".strip()
        row["label"] = full or row["username"]
    return rows


def kpi_rows(*, department=None, now=None):
    """Each KPI's figure this month against its target, with twelve months of trend."""
    months = last_months(12, now=now)
    stored = KPIMonth.objects.filter(month__gte=months[0])
    if department:
        stored = stored.filter(scope=Scope.DEPARTMENT, department=department)
    else:
        stored = stored.filter(scope=Scope.COMPANY)
    figures = {(row.code, row.month): row for row in stored}
    targets = {t.code: t for t in KPITarget.objects.all()}
    rows = []
    for kpi in registry().values():
        target = targets.get(kpi.code)
        if target is not None and not target.active:
            continue
        values = []
        for month in months:
            row = figures.get((kpi.code, month))
            values.append(kpi.value(row.numerator, row.denominator) if row else None)
        goal = target.target if target else kpi.default_target
        rows.append(
            {
                "kpi": kpi,
                "value": values[-1],
                "target": goal,
                "meets": kpi.meets(values[-1], goal),
                "trend": trend_chart(values, title=kpi.label),
            }
        )
    return rows


class QualityPanel(Component):
    """Management (and whoever may read the KPIs) sees the company; a department's members
    see their department's figures and offenders."""

    name = "quality"
    template_name = "quality/panels/quality.html"
    order = 60

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        if user.is_superuser or user.has_perm(VIEW_KPIS):
            department, departments = None, None
        else:
            departments = sorted(complaint_access.departments_of(user))
            department = departments[0] if departments else None
        by_department, by_person = worst_offenders(departments=departments)
        return {
            "rows": kpi_rows(department=department),
            "department": department,
            "offending_departments": by_department,
            "offending_people": by_person,
            "report_url": "quality_kpis",
        }


def panel_for(request):
    user = request.user
    if user.is_superuser or user.has_perm(VIEW_KPIS):
        return QualityPanel(request)
    if complaint_access.departments_of(user):
        return QualityPanel(request)
    return None
