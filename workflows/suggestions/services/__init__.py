"""Business commands on suggestions (P9.7, P7.1). Views, forms, jobs and tests call these."""

from .decisions import (
    adopt_suggestion,
    classify_suggestion,
    decline_suggestion,
    evaluate_suggestion,
    schedule_discussion,
    start_evaluation,
)
from .implementation import (
    complete_implementation,
    give_reward,
    mark_reward_due,
    record_progress,
    start_implementation,
)
from .intake import file_employee_suggestion, receive_customer_suggestion, submitted_suggestion

__all__ = [
    "adopt_suggestion",
    "classify_suggestion",
    "complete_implementation",
    "decline_suggestion",
    "evaluate_suggestion",
    "file_employee_suggestion",
    "give_reward",
    "mark_reward_due",
    "receive_customer_suggestion",
    "record_progress",
    "schedule_discussion",
    "start_evaluation",
    "start_implementation",
    "submitted_suggestion",
]
