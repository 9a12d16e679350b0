"""The public suggestion form: validates what a customer sends (P9.7)."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from workflows.suggestions.choices import SuggestionCategory

from .base import IntakeForm


class SuggestionForm(IntakeForm):
    name_field = "proposer_name"

    category = dj_forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("Choose if you like")), *SuggestionCategory.choices],
        required=False,
    )
    subject = dj_forms.CharField(label=_("Subject"), max_length=150)
    description = dj_forms.CharField(
        label=_("Your suggestion"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 8}),
    )
