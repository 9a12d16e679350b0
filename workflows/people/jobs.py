"""Periodic jobs of training and development: reminders of development-plan reviews.

Overdue reviews are escalated by the shared `escalate_overdue` job (the plan's `escalation`).
"""

from workflows.core.periodic import periodic_job

from .career_services import remind_development_reviews


@periodic_job("remind_development_reviews")
def remind_reviews(now=None):
    return {"reminded": remind_development_reviews(now=now)}
