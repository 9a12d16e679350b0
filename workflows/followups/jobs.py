"""Periodic jobs of customer follow-up."""

from workflows.core.periodic import periodic_job

from .services import escalate_overdue, schedule_due_follow_ups


@periodic_job("schedule_follow_ups")
def schedule_follow_ups(now=None):
    from django.utils import timezone

    today = timezone.localdate(now) if now is not None else None
    return {"scheduled": schedule_due_follow_ups(today=today)}


@periodic_job("escalate_overdue_follow_ups")
def escalate_overdue_follow_ups(now=None):
    return {"escalated": escalate_overdue(now=now)}
