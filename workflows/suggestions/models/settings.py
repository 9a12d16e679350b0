"""The deadlines of suggestions, set by Management in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="time")
class SuggestionSettings(BaseGenericSetting):
    """How long each step of a suggestion may take ("within the set time", P4.4, P9.7)."""

    classify_within_days = models.PositiveIntegerField(
        _("Customer Service classifies within (days)"), default=2
    )
    start_evaluation_within_days = models.PositiveIntegerField(
        _("the department starts evaluating within (days)"), default=3
    )
    evaluate_within_days = models.PositiveIntegerField(
        _("the evaluation is done within (days)"), default=10
    )
    decide_within_days = models.PositiveIntegerField(
        _("adopted, declined or put on a meeting's agenda within (days)"), default=5
    )
    decide_after_meeting_days = models.PositiveIntegerField(
        _("decided within (days after the meeting)"), default=2
    )
    start_implementation_within_days = models.PositiveIntegerField(
        _("the owner starts implementing within (days)"), default=7
    )
    escalate_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overdue suggestions are escalated to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When empty, every member of the Management group."),
    )

    class Meta:
        verbose_name = _("suggestion deadlines")
        verbose_name_plural = _("suggestion deadlines")
