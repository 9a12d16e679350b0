"""A KPI is a registered definition, computed from the records' own timestamps (P7.3).

Each definition gives one queryset, `records(start, end, now)`: exactly the
records the figure counts for the period [start, end), each annotated with

- `kpi_value`: what the record adds to the numerator (1 or 0 for a rate, a
  duration for a cycle time, a score for an average);
- `kpi_employee`: the id of the person the record is counted for (or None);
- `kpi_department`: the code of the department it is counted for.

The figure is Sum(kpi_value) / Count(records), one aggregate query; the
drill-down lists the same queryset, so it shows exactly the records counted.
Another process registers its KPIs in its AppConfig.ready() with `register(KPI(...))`.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from ..choices import KPIUnit

_registry = {}


@dataclass(frozen=True)
class Figure:
    kpi: "KPI"
    numerator: float
    denominator: int

    @property
    def value(self):
        return self.kpi.value(self.numerator, self.denominator)


@dataclass(frozen=True)
class KPI:
    code: str
    label: str
    definition: str
    unit: str
    records: object
    higher_is_better: bool = True
    default_target: Decimal = Decimal("0")
    #: Drill-down columns: (heading, attribute path on the record).
    columns: tuple = field(default_factory=tuple)
    #: The drill-down's order.
    order_by: tuple = ("pk",)
    #: The training topic (`workflows.people.choices.Topic`) that helps an employee who
    #: missed the KPI's target; an assessment's training needs enrol them in it.
    training_topic: str = ""

    def get_unit_display(self):
        return KPIUnit(self.unit).label

    def counted(self, start, end, *, now=None, employee=None, department=None):
        queryset = self.records(start, end, now or timezone.now())
        if employee is not None:
            queryset = queryset.filter(kpi_employee=getattr(employee, "pk", employee))
        if department:
            queryset = queryset.filter(kpi_department=department)
        return queryset

    def measure(self, start, end, **scope):
        totals = (
            self.counted(start, end, **scope)
            .order_by()
            .aggregate(numerator=Sum("kpi_value"), denominator=Count("pk"))
        )
        return Figure(self, self.number(totals["numerator"]), totals["denominator"])

    def grouped(self, start, end, *, now=None):
        """{(department, employee id): (numerator, denominator)} in one query."""
        rows = (
            self.counted(start, end, now=now)
            .order_by()
            .values("kpi_department", "kpi_employee")
            .annotate(numerator=Sum("kpi_value"), denominator=Count("pk"))
        )
        return {
            (row["kpi_department"] or "", row["kpi_employee"]): (
                self.number(row["numerator"]),
                row["denominator"],
            )
            for row in rows
        }

    def number(self, total):
        """A numerator as a float in the KPI's unit (durations become hours or days)."""
        if total is None:
            return 0.0
        if isinstance(total, timedelta):
            seconds = total.total_seconds()
            return seconds / 86400 if self.unit == KPIUnit.DAYS else seconds / 3600
        if isinstance(total, int) and self.unit in (KPIUnit.HOURS, KPIUnit.DAYS):
            # SQLite sums durations as microseconds.
            seconds = total / 1_000_000
            return seconds / 86400 if self.unit == KPIUnit.DAYS else seconds / 3600
        return float(total)

    def value(self, numerator, denominator):
        if not denominator:
            return None
        share = numerator / denominator
        return share * 100 if self.unit == KPIUnit.PERCENT else share

    def meets(self, value, target):
        if value is None or target is None:
            return None
        return value >= float(target) if self.higher_is_better else value <= float(target)


def register(kpi):
    _registry[kpi.code] = kpi
    return kpi


def registry():
    return dict(_registry)
