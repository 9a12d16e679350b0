"""Periodic jobs of suggestions."""

from workflows.core.periodic import periodic_job

from .services import escalate_overdue


@periodic_job("escalate_overdue_suggestions")
def escalate_overdue_suggestions(now=None):
    return {"escalated": escalate_overdue(now=now)}
