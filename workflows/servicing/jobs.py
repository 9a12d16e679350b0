"""Periodic jobs of maintenance. Overdue visits and repairs are escalated by the shared
`escalate_overdue` job (see each model's `escalation`)."""

from django.utils import timezone

from workflows.core.periodic import periodic_job

from .services import generate_maintenance_visits


@periodic_job("generate_maintenance_visits")
def generate_visits(now=None):
    today = timezone.localdate(now) if now is not None else None
    return {"created": generate_maintenance_visits(today=today)}
