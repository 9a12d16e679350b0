"""The public complaint form: validates what a visitor sends (P9.1, P9.2)."""

import uuid

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from workflows.complaints.choices import ComplaintCategory
from workflows.complaints.evidence import EvidenceField

from .consultation import phone_validator
from .safety import HONEYPOT_FIELD


class ComplaintForm(dj_forms.Form):
    complainant_name = dj_forms.CharField(label=_("Your name"), max_length=100)
    company = dj_forms.CharField(label=_("Company"), max_length=150, required=False)
    phone = dj_forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    email = dj_forms.EmailField(label=_("Email"), max_length=254, required=False)
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
    # Hidden from people by CSS and from assistive technology; bots fill it in.
    website = dj_forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=dj_forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    submission_token = dj_forms.UUIDField(widget=dj_forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"]
        # A quoted local part ("<b>any text</b>"@example.com) is legal but never a customer's.
        if '"' in email:
            raise dj_forms.ValidationError(_("Enter a valid email address."), code="invalid")
        return email

    def clean(self):
        cleaned = super().clean()
        contact_given = cleaned.get("phone") or cleaned.get("email")
        contact_invalid = self.has_error("phone") or self.has_error("email")
        if not contact_given and not contact_invalid:
            error = dj_forms.ValidationError(
                _("Give a phone number or an email address, so that we can reply."),
                code="no_contact",
            )
            self.add_error("phone", error)
            self.add_error("email", error)
        return cleaned

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data.pop(HONEYPOT_FIELD, None)
        return data
