"""The rules a complaint's transitions check on the locked row (P9.3-P9.6).

Each condition carries the `message` staff read when it fails.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .settings import ComplaintSettings


def _filled(value):
    return bool((value or "").strip())


def has_assignee(complaint):
    """Investigated by a named person of the responsible department (P9.3)."""
    return bool(complaint.department) and complaint.investigator_id is not None


has_assignee.message = _("Choose the department and the investigator.")


def has_plan(complaint):
    """A handling plan names its measures, its owner and a deadline still ahead (P9.4)."""
    return (
        _filled(complaint.measures)
        and complaint.plan_owner_id is not None
        and complaint.plan_deadline is not None
        and complaint.plan_deadline > timezone.now()
    )


has_plan.message = _("Write the measures, name the owner and set a deadline in the future.")


def has_resolution(complaint):
    return _filled(complaint.resolution)


has_resolution.message = _("Write what was done to resolve the complaint.")


def has_result_message(complaint):
    """The complainant is told the result, and how they were told is on record (P9.5)."""
    return _filled(complaint.result_message) and bool(complaint.communicated_via)


has_result_message.message = _("Write the result told to the complainant and how it was told.")


def has_root_cause(complaint):
    """Every closed complaint names its root cause and corrective action (P9.6)."""
    return bool(complaint.root_cause) and _filled(complaint.corrective_action)


has_root_cause.message = _("Choose the root cause and write the corrective action.")


def has_explanation(complaint):
    """An unreasonable demand is explained to the complainant, not just refused (P9.4)."""
    return _filled(complaint.explanation)


has_explanation.message = _("Write the explanation given to the complainant.")


def within_reopen_window(complaint):
    """A closed complaint comes back only within the set number of days after closing."""
    if complaint.closed_at is None:
        return False
    window = ComplaintSettings.load().reopen_window
    return timezone.now() <= complaint.closed_at + window


within_reopen_window.message = _(
    "This complaint was closed too long ago to be reopened; record a new complaint instead."
)


def not_urgent_yet(complaint):
    return not complaint.urgent


not_urgent_yet.message = _("This complaint is already urgent.")
