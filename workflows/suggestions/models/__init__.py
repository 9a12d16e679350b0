"""Suggestions and their deadline settings (see suggestion.py)."""

from .conditions import (
    has_decline_reason,
    has_meeting_ahead,
    has_plan,
    has_progress,
    is_classified,
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
    "is_classified",
    "is_scored",
]
