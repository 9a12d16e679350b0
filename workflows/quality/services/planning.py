"""The inspections of Supervision's plan (P7.1), created by the periodic job a few days
before their date: set-based, and a second run creates nothing."""

import calendar
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from workflows.core.people import members_queryset
from workflows.core.records import create_records

from ..choices import InspectionKind
from ..models import Inspection, InspectionPlan

#: How many days ahead the job plans an inspection.
LEAD_DAYS = 14


def shift_months(day, months):
    """`day` moved `months` months on; the 31st becomes the month's last day when shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrences(plan, first, last):
    """The plan's dates in [first, last], with their number in the series (0 = first_on)."""
    elapsed = (first.year - plan.first_on.year) * 12 + first.month - plan.first_on.month
    step = max(elapsed // plan.frequency - 1, 0)
    while True:
        day = shift_months(plan.first_on, step * plan.frequency)
        if day > last:
            return
        if day >= first:
            yield step, day
        step += 1


def generate_planned_inspections(*, now=None):
    """Create every inspection of the active plan lines falling in the next LEAD_DAYS days.

    A few queries whatever the size of the plan: the plan lines (locked, so that two hosts
    running the job wait for each other), the members of the inspectors' roles, the
    inspections the plan already has in the window, and one insert with one block of
    numbers and one History insert. The unique (plan, date) constraint holds besides.
    Each inspection goes to the members of the plan's inspector role in turn.
    """
    today = timezone.localdate(now)
    last = today + timedelta(days=LEAD_DAYS)
    with transaction.atomic():
        plans = list(InspectionPlan.objects.select_for_update().filter(active=True).order_by("pk"))
        if not plans:
            return 0
        roles = {plan.inspector_role for plan in plans}
        inspectors = {
            role: list(members_queryset(role).order_by("pk").values_list("pk", flat=True))
            for role in roles
        }
        existing = set(
            Inspection.objects.filter(
                plan__in=plans, planned_for__gte=today, planned_for__lte=last
            ).values_list("plan_id", "planned_for")
        )
        drafts = []
        for plan in plans:
            people = inspectors[plan.inspector_role]
            for number, day in occurrences(plan, today, last):
                if (plan.pk, day) in existing:
                    continue
                drafts.append(
                    Inspection(
                        kind=InspectionKind.PLANNED,
                        area=plan.area,
                        department=plan.department,
                        planned_for=day,
                        inspector_id=people[number % len(people)] if people else None,
                        plan=plan,
                    )
                )
        create_records(drafts)
    return len(drafts)
