"""The quality panel of the admin home (P7.2, P7.3): KPIs against targets with their monthly
trend, and the worst offenders. Read from the monthly figures the periodic job keeps and two
grouped queries, so its query count does not depend on the number of records."""

from datetime import timedelta

from django.db.models import Count
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
    """Departments with repeated complaints, and the people named responsible in repeated
    special assessments opened from complaints, over the last OFFENDER_DAYS."""
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
    people = Assessment.objects.filter(complaint__isnull=False, created_at__gte=since)
    if departments is not None:
        people = people.filter(department__in=departments)
    by_person = list(
        people.order_by()
        .values("employee", "employee__first_name", "employee__last_name", "employee__username")
        .annotate(count=Count("pk"))
        .filter(count__gte=REPEATED)
        .order_by("-count", "employee")[:10]
    )
    from workflows.complaints.choices import Department

    labels = dict(Department.choices)
    for row in by_department:
        row["label"] = labels.get(row["department"], row["department"])
    for row in by_person:
        full = f"{row['employee__first_name']} {row['employee__last_name']}".strip()
        row["label"] = full or row["employee__username"]
    return by_department, by_person


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
