"""The complaint analysis (P9.6, P7.2): counts, times and ratings, aggregated in the database.

Every figure of the report is one query over the period's complaints, so the
report costs the same number of queries for ten complaints or ten thousand.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Lower, NullIf, Trim, TruncMonth
from django.utils import timezone

from ..choices import ComplaintCategory, ComplaintChannel, Department, RootCause
from ..choices import ComplaintState as S
from ..models import Complaint

#: A customer or department with at least this many complaints in the period stands out.
REPEATED = 2


@dataclass
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def last_twelve_months(cls, today=None):
        today = today or timezone.localdate()
        month = today.month - 11
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return cls(date(year, month, 1), today)

    def bounds(self):
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.combine(self.start, time.min), tz)
        end = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), tz)
        return start, end

    def months(self):
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            yield date(year, month, 1)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass
class Row:
    key: object
    label: str
    count: int
    repeated: bool = False
    extra: dict = field(default_factory=dict)


@dataclass
class Analysis:
    period: Period
    total: int
    closed: int
    urgent: int
    reopened: int
    within_deadline: int
    average_time_to_close: timedelta | None
    average_satisfaction: float | None
    rated: int
    by_month: list
    by_category: list
    by_channel: list
    by_department: list
    by_root_cause: list
    repeated_customers: list

    @property
    def share_within_deadline(self):
        return None if not self.closed else self.within_deadline / self.closed


def complaints_in(period):
    start, end = period.bounds()
    return Complaint.objects.filter(received_at__gte=start, received_at__lt=end)


def _counted(queryset, field_name, choices):
    labels = dict(choices)
    counts = {
        row[field_name]: row["count"]
        for row in queryset.values(field_name).annotate(count=Count("pk")).order_by()
    }
    rows = [Row(value, str(label), counts.get(value, 0)) for value, label in labels.items()]
    if counts.get("", 0):
        rows.append(Row("", "—", counts[""]))
    return rows


def _by_department(queryset):
    stats = {
        row["department"]: row
        for row in queryset.values("department")
        .annotate(
            count=Count("pk"),
            closed=Count("pk", filter=Q(state=S.CLOSED)),
            satisfaction=Avg("satisfaction"),
        )
        .order_by()
    }
    rows = []
    for value, label in [*Department.choices, ("", "—")]:
        row = stats.get(value)
        if row is None and value == "":
            continue
        count = row["count"] if row else 0
        rows.append(
            Row(
                value,
                str(label),
                count,
                repeated=count >= REPEATED,
                extra={
                    "closed": row["closed"] if row else 0,
                    "satisfaction": row["satisfaction"] if row else None,
                },
            )
        )
    return rows


def _by_month(queryset, period):
    counts = {
        timezone.localtime(row["month"]).date()
        if isinstance(row["month"], datetime)
        else row["month"]: row["count"]
        for row in queryset.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return [Row(month, f"{month:%Y-%m}", counts.get(month, 0)) for month in period.months()]


def _repeated_customers(queryset):
    """Who complained at least twice: a customer of record, or the same company or name."""
    who = Coalesce("customer__name", NullIf(Trim("company"), Value("")), Trim("complainant_name"))
    key = Case(
        When(
            customer__isnull=False,
            then=Concat(Value("customer:"), Cast("customer_id", CharField())),
        ),
        default=Concat(
            Value("name:"),
            Lower(Coalesce(NullIf(Trim("company"), Value("")), Trim("complainant_name"))),
        ),
        output_field=CharField(),
    )
    rows = (
        queryset.annotate(who_key=key)
        .values("who_key")
        .annotate(count=Count("pk"), name=Max(who), last=Max("received_at"))
        .filter(count__gte=REPEATED)
        .order_by("-count", "name")
    )
    return [Row(row["who_key"], row["name"], row["count"], repeated=True) for row in rows]


def analyse(period):
    queryset = complaints_in(period)
    closed = Q(state=S.CLOSED)
    summary = queryset.aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=closed),
        urgent=Count("pk", filter=Q(urgent=True)),
        reopened=Count("pk", filter=Q(reopened_count__gt=0)),
        within_deadline=Count("pk", filter=closed & Q(deadlines_missed=0)),
        average_time_to_close=Avg(
            ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField()),
            filter=closed,
        ),
        average_satisfaction=Avg("satisfaction"),
        rated=Count("pk", filter=Q(satisfaction__isnull=False)),
    )
    return Analysis(
        period=period,
        by_month=_by_month(queryset, period),
        by_category=_counted(queryset, "category", ComplaintCategory.choices),
        by_channel=_counted(queryset, "channel", ComplaintChannel.choices),
        by_department=_by_department(queryset),
        by_root_cause=_counted(queryset.filter(closed), "root_cause", RootCause.choices),
        repeated_customers=_repeated_customers(queryset),
        **summary,
    )
