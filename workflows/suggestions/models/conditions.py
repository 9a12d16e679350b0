"""The rules a suggestion's transitions check (P9.7, P7.1), each with the message staff read."""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import SuggestionSource, SuggestionState


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def _filled(value):
    return bool((value or "").strip())


def is_classified(suggestion):
    """Classification names the category and the department that evaluates it."""
    return bool(suggestion.category) and bool(suggestion.department)


is_classified.message = _("Choose the category and the department that evaluates it.")


def is_scored(suggestion):
    """An evaluation scores feasibility, novelty and value (1-5) and says why."""
    scores = (suggestion.feasibility, suggestion.novelty, suggestion.value)
    return all(s is not None and 1 <= s <= 5 for s in scores) and _filled(
        suggestion.evaluation_remark
    )


is_scored.message = _("Score feasibility, novelty and value from 1 to 5 and write a remark.")


def has_meeting_ahead(suggestion):
    """A valuable suggestion is discussed in a meeting, which must still lie ahead."""
    return suggestion.meeting_at is not None and suggestion.meeting_at > timezone.now()


has_meeting_ahead.message = _("The meeting must lie in the future.")


def has_plan(suggestion):
    """An adopted suggestion has an implementation plan, an owner and a target date."""
    return (
        _filled(suggestion.implementation_plan)
        and suggestion.owner_id is not None
        and suggestion.target_date is not None
        and suggestion.target_date >= timezone.localdate()
    )


has_plan.message = _(
    "Write the implementation plan, name the owner and give a target date that is not past."
)


def has_decline_reason(suggestion):
    """A declined suggestion is explained to the proposer, with thanks."""
    return _filled(suggestion.decline_reason)


has_decline_reason.message = _("Say why the suggestion is not adopted.")


def has_progress(suggestion):
    """Each progress update says what was done, for the proposer to read."""
    return _filled(suggestion.latest_progress)


has_progress.message = _("Write what has been done, as the proposer should read it.")


def is_implemented_employee_suggestion(suggestion):
    """Only an employee's suggestion earns a reward, once it is implemented (P7.1)."""
    return (
        suggestion.source == SuggestionSource.EMPLOYEE
        and suggestion.state == SuggestionState.IMPLEMENTED
    )


is_implemented_employee_suggestion.message = _(
    "Only an employee's suggestion earns a reward, once it is implemented."
)


def has_reward_note(suggestion):
    """HR writes down what the employee received, for the employee and the records."""
    return _filled(suggestion.reward_note)


has_reward_note.message = _("Say what the employee received.")
