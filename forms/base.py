"""What every public intake form shares: who to reply to, and what keeps the form safe.

A visitor leaves their name, a company if any, a phone number or an email
address so that the company can reply (P1.2, P9.2), and the language of the
reply (the page's by default); a honeypot catches bots;
a one-time submission token makes a double click one record. Each form adds
its own fields and says under which name its service knows the sender.
"""

import uuid

from django import forms as dj_forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .safety import HONEYPOT_FIELD

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,28}$",
    _("Enter a phone number of digits, spaces, dashes or brackets, e.g. 02-2345-6789."),
)

CONTACT_FIELDS = ("company", "phone", "email", "language")
PROTECTION_FIELDS = (HONEYPOT_FIELD, "submission_token")


def page_language():
    """The language of the page the form is on, or the site's when it is none of ours."""
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class IntakeForm(dj_forms.Form):
    """The contact block, the honeypot and the submission token; validation only.

    The sender's name comes first under `name_field`, the keyword the owning
    service takes (`customer_name`, `complainant_name`...); the form's own
    fields follow the contact block, and the honeypot and token close it.
    A form never saves: the page hands `service_kwargs()` to the service.
    """

    name_field = "customer_name"

    company = dj_forms.CharField(label=_("Company"), max_length=150, required=False)
    phone = dj_forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    email = dj_forms.EmailField(label=_("Email"), max_length=254, required=False)
    # Every message to the sender and their tracking page's standard sentences are written
    # in this language, whoever on the staff acts and in whatever language they work.
    language = dj_forms.ChoiceField(
        label=_("Reply in"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The language of our replies to you."),
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
        self.fields[self.name_field] = dj_forms.CharField(label=_("Your name"), max_length=100)
        self.fields["language"].initial = page_language()
        contact = (self.name_field, *CONTACT_FIELDS)
        own = [name for name in self.fields if name not in (*contact, *PROTECTION_FIELDS)]
        self.order_fields([*contact, *own, *PROTECTION_FIELDS])

    def clean_email(self):
        email = self.cleaned_data["email"]
        # The standard allows a quoted local part ("<b>any text</b>"@example.com);
        # no customer writes one, and refusing it keeps markup out of the address.
        if '"' in email:
            raise dj_forms.ValidationError(_("Enter a valid email address."), code="invalid")
        return email

    def clean_language(self):
        return self.cleaned_data["language"] or page_language()

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
        """The validated data as the owning service's keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop(HONEYPOT_FIELD, None)
        return data
