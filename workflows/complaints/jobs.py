"""Periodic jobs of complaints."""

from workflows.core.periodic import periodic_job

from .services import escalate_overdue


@periodic_job("escalate_overdue_complaints")
def escalate_overdue_complaints(now=None):
    return {"escalated": escalate_overdue(now=now)}
