"""Business commands on follow-ups (P4.4). Views, jobs and tests call these."""

from .handling import record_follow_up, skip_follow_up
from .opening import can_open, may_open, open_complaint, open_consultation, open_suggestion
from .schedule import add_follow_up, schedule_due_follow_ups

__all__ = [
    "add_follow_up",
    "can_open",
    "may_open",
    "open_complaint",
    "open_consultation",
    "open_suggestion",
    "record_follow_up",
    "schedule_due_follow_ups",
    "skip_follow_up",
]
