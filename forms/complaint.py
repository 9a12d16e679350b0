"""The public complaint form: validates what a visitor sends (P9.1, P9.2)."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from workflows.complaints.choices import ComplaintCategory
from workflows.complaints.evidence import EvidenceField

from .base import IntakeForm


class ComplaintForm(IntakeForm):
    name_field = "complainant_name"

    category = dj_forms.ChoiceField(
        label=_("What is it about?"), choices=[("", "—"), *ComplaintCategory.choices]
    )
    matter_reference = dj_forms.CharField(
        label=_("Contract or equipment number, if you know it"), max_length=100, required=False
    )
    description = dj_forms.CharField(
        label=_("What happened"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 7})
    )
    urgent = dj_forms.BooleanField(
        label=_("This is urgent (for example, a breakdown stopping your work or a safety risk)"),
        required=False,
    )
    evidence = EvidenceField()
