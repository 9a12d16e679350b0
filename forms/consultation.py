"""The "leave a message" form: validates what a visitor sends (P1.1, P1.2)."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from .base import IntakeForm


class ConsultationForm(IntakeForm):
    name_field = "customer_name"

    subject = dj_forms.CharField(label=_("Subject"), max_length=150)
    question = dj_forms.CharField(
        label=_("Your question"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 6})
    )
