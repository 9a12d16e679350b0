"""The monthly KPI figures the dashboard reads, refreshed by the periodic job (P7.3)."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from ..kpi.registry import registry
from ..models import KPIMonth, Scope


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_bounds(month):
    """The aware datetimes [first day, first day of next month) in the local time zone."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(timezone.datetime(month.year, month.month, 1), tz)
    following = add_months(month, 1)
    end = timezone.make_aware(timezone.datetime(following.year, following.month, 1), tz)
    return start, end


def last_months(count, *, now=None):
    this_month = month_start(timezone.localdate(now))
    return [add_months(this_month, -i) for i in range(count - 1, -1, -1)]


def refresh_kpi_months(*, months=13, now=None):
    """Recompute the last `months` months of every KPI, per company, department and employee.

    One grouped query per KPI and month, whatever the number of records; the rows
    of those months are replaced in one transaction, so a reader never sees half.
    """
    now = now or timezone.now()
    rows = []
    for month in last_months(months, now=now):
        start, end = month_bounds(month)
        for kpi in registry().values():
            groups = kpi.grouped(start, end, now=now)
            departments = defaultdict(lambda: [0.0, 0])
            company = [0.0, 0]
            for (department, employee), (numerator, denominator) in groups.items():
                company[0] += numerator
                company[1] += denominator
                if department:
                    departments[department][0] += numerator
                    departments[department][1] += denominator
                if employee is not None:
                    rows.append(
                        KPIMonth(
                            code=kpi.code,
                            month=month,
                            scope=Scope.EMPLOYEE,
                            department=department,
                            employee_id=employee,
                            numerator=numerator,
                            denominator=denominator,
                            computed_at=now,
                        )
                    )
            for department, (numerator, denominator) in departments.items():
                rows.append(
                    KPIMonth(
                        code=kpi.code,
                        month=month,
                        scope=Scope.DEPARTMENT,
                        department=department,
                        numerator=numerator,
                        denominator=denominator,
                        computed_at=now,
                    )
                )
            if company[1]:
                rows.append(
                    KPIMonth(
                        code=kpi.code,
                        month=month,
                        scope=Scope.COMPANY,
                        numerator=company[0],
                        denominator=company[1],
                        computed_at=now,
                    )
                )
    first = last_months(months, now=now)[0]
    with transaction.atomic():
        KPIMonth.objects.filter(month__gte=first).delete()
        KPIMonth.objects.bulk_create(rows, batch_size=500)
    return len(rows)
