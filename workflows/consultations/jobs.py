"""Periodic jobs of consultations."""

from workflows.core.periodic import periodic_job

from .services import escalate_overdue


@periodic_job("escalate_overdue_consultations")
def escalate_overdue_consultations(now=None):
    return {"escalated": escalate_overdue(now=now)}
