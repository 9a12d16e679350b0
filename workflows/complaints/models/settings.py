"""The complaint deadlines management sets in the admin (Settings → Complaint deadlines)."""

from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from ..choices import ComplaintState as S

#: state → the settings field prefix holding its time limit.
STATE_LIMITS = {
    S.RECEIVED: "received",
    S.INVESTIGATING: "investigating",
    S.PLAN_AGREED: "plan_agreed",
    S.RESOLVED: "resolved",
    S.RESULT_COMMUNICATED: "result_communicated",
}


def _hours(label, default, help_text):
    return models.PositiveIntegerField(
        label, default=default, validators=[MinValueValidator(1)], help_text=help_text
    )


def _row(prefix, heading):
    return MultiFieldPanel(
        [FieldRowPanel([FieldPanel(f"{prefix}_hours"), FieldPanel(f"{prefix}_urgent_hours")])],
        heading=heading,
    )


@register_setting(icon="warning")
class ComplaintSettings(BaseGenericSetting):
    """How long a complaint may stay in each state ("within the set time", P4.4, P9.2-P9.5).

    Urgent complaints (P9.2: the emergency procedure) get the short limits.
    """

    received_hours = _hours(_("normal (hours)"), 24, _("From receipt until it is assigned."))
    received_urgent_hours = _hours(_("urgent (hours)"), 2, "")
    investigating_hours = _hours(
        _("normal (hours)"), 72, _("From assignment until a handling plan is agreed.")
    )
    investigating_urgent_hours = _hours(_("urgent (hours)"), 24, "")
    plan_agreed_hours = _hours(
        _("normal (hours)"),
        168,
        _("The plan's deadline proposed to its owner; the plan may set another."),
    )
    plan_agreed_urgent_hours = _hours(_("urgent (hours)"), 48, "")
    resolved_hours = _hours(
        _("normal (hours)"), 24, _("From resolution until the complainant is told the result.")
    )
    resolved_urgent_hours = _hours(_("urgent (hours)"), 4, "")
    result_communicated_hours = _hours(
        _("normal (hours)"), 72, _("From telling the result until the complaint is closed.")
    )
    result_communicated_urgent_hours = _hours(_("urgent (hours)"), 24, "")
    reopen_window_days = models.PositiveIntegerField(
        _("reopen within (days)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("A closed complaint can be reopened for this many days after closing."),
    )

    panels = [
        _row("received", _("Received: assign it")),
        _row("investigating", _("Investigating: agree a handling plan")),
        _row("plan_agreed", _("Plan agreed: carry it out")),
        _row("resolved", _("Resolved: tell the complainant")),
        _row("result_communicated", _("Result communicated: close it")),
        FieldPanel("reopen_window_days"),
    ]

    class Meta:
        verbose_name = _("complaint deadlines")
        verbose_name_plural = _("complaint deadlines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    received_hours__gte=1,
                    received_urgent_hours__gte=1,
                    investigating_hours__gte=1,
                    investigating_urgent_hours__gte=1,
                    plan_agreed_hours__gte=1,
                    plan_agreed_urgent_hours__gte=1,
                    resolved_hours__gte=1,
                    resolved_urgent_hours__gte=1,
                    result_communicated_hours__gte=1,
                    result_communicated_urgent_hours__gte=1,
                    reopen_window_days__gte=1,
                ),
                name="complaint_limits_at_least_one",
            )
        ]

    def limit(self, state, *, urgent):
        """How long a complaint may stay in `state`, or None for a closed one."""
        prefix = STATE_LIMITS.get(state)
        if prefix is None:
            return None
        hours = getattr(self, f"{prefix}_urgent_hours" if urgent else f"{prefix}_hours")
        return timedelta(hours=hours)

    @property
    def reopen_window(self):
        return timedelta(days=self.reopen_window_days)
