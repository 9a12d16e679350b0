"""Periodic jobs of customer follow-up. Overdue follow-ups are escalated by the shared
`escalate_overdue` job (see `FollowUp.escalation`)."""

from workflows.core.periodic import periodic_job

from .services import schedule_due_follow_ups


@periodic_job("schedule_follow_ups")
def schedule_follow_ups(now=None):
    from django.utils import timezone

    today = timezone.localdate(now) if now is not None else None
    return {"scheduled": schedule_due_follow_ups(today=today)}
