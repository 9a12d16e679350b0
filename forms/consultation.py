"""The "leave a message" form: validates what a visitor sends (P1.1, P1.2)."""

import uuid

from django import forms as dj_forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .safety import HONEYPOT_FIELD

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,28}$",
    _("Enter a phone number of digits, spaces, dashes or brackets, e.g. 02-2345-6789."),
)


class ConsultationForm(dj_forms.Form):
    customer_name = dj_forms.CharField(label=_("Your name"), max_length=100)
    company = dj_forms.CharField(label=_("Company"), max_length=150, required=False)
    phone = dj_forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    email = dj_forms.EmailField(label=_("Email"), max_length=254, required=False)
    subject = dj_forms.CharField(label=_("Subject"), max_length=150)
    question = dj_forms.CharField(
        label=_("Your question"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 6})
    )
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
        # The standard allows a quoted local part ("<b>any text</b>"@example.com);
        # no customer writes one, and refusing it keeps markup out of the address.
        if '"' in email:
            raise dj_forms.ValidationError(_("Enter a valid email address."), code="invalid")
        return email

    def clean(self):
        cleaned = super().clean()
        contact_given = cleaned.get("phone") or cleaned.get("email")
        contact_invalid = self.has_error("phone") or self.has_error("email")
        if not contact_given and not contact_invalid:
            # Shown at both fields: the visitor fills in whichever they prefer.
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
