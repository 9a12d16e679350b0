"""Suggestions and their deadline settings (see suggestion.py)."""

from .conditions import (
    has_decline_reason,
    has_meeting_ahead,
    has_plan,
    has_progress,
    has_reward_note,
    is_classified,
    is_implemented_employee_suggestion,
    is_scored,
)
from .settings import SuggestionSettings
from .suggestion import DEPARTMENTS, Suggestion

__all__ = [
    "DEPARTMENTS",
    "Suggestion",
    "SuggestionSettings",
    "has_decline_reason",
    "has_meeting_ahead",
    "has_plan",
    "has_progress",
    "has_reward_note",
    "is_classified",
    "is_implemented_employee_suggestion",
    "is_scored",
]
