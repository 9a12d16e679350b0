"""Business commands on complaints, one function each (README.md lists who may call which)."""

from .closing import close_complaint, explain_and_close, mark_urgent, reopen_complaint
from .compensation import apply_rent_credit, complete_service_task
from .handling import agree_plan, assign_complaint, communicate_result, resolve_complaint
from .intake import add_evidence, receive_complaint, record_complaint, submitted_complaint
from .rating import rate_complaint

__all__ = [
    "add_evidence",
    "agree_plan",
    "apply_rent_credit",
    "assign_complaint",
    "close_complaint",
    "communicate_result",
    "complete_service_task",
    "explain_and_close",
    "mark_urgent",
    "rate_complaint",
    "receive_complaint",
    "record_complaint",
    "reopen_complaint",
    "resolve_complaint",
    "submitted_complaint",
]
