"""The "request a quote" form of the public catalogue (P1.1, P2.1).

A visitor looking at a model asks for a price: how many, for which period,
where. The request becomes a website consultation for Customer Service, its
subject naming the model and its question holding the visitor's needs, with
the same protections as every public form (see README): CSRF, honeypot, rate
limit, one record per submission, never cached.
"""

import uuid

from django import forms as dj_forms
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workflows.consultations.exceptions import ConsultationInvalid
from workflows.consultations.services import receive_consultation, submitted_consultation

from .base import phone_validator
from .safety import count_submission, honeypot_filled, rate_limited

SESSION_KEY = "intake_quote_reference"
MAX_QUANTITY = 99
MAX_LEASE_DAYS = 5 * 366


class QuoteForm(dj_forms.Form):
    customer_name = dj_forms.CharField(label=_("Your name"), max_length=100)
    company = dj_forms.CharField(label=_("Company"), max_length=150, required=False)
    phone = dj_forms.CharField(
        label=_("Phone"), max_length=30, required=False, validators=[phone_validator]
    )
    email = dj_forms.EmailField(label=_("Email"), max_length=254, required=False)
    quantity = dj_forms.IntegerField(
        label=_("How many units"), min_value=1, max_value=MAX_QUANTITY, initial=1
    )
    start = dj_forms.DateField(label=_("From"), widget=dj_forms.DateInput(attrs={"type": "date"}))
    end = dj_forms.DateField(
        label=_("Until (last day)"), widget=dj_forms.DateInput(attrs={"type": "date"})
    )
    site = dj_forms.CharField(
        label=_("Where will it be used"),
        max_length=200,
        help_text=_("The site address or at least the city, for delivery."),
    )
    needs = dj_forms.CharField(
        label=_("Anything else we should know"),
        max_length=2000,
        required=False,
        widget=dj_forms.Textarea(attrs={"rows": 4}),
        help_text=_("Usage conditions, operator, delivery, questions..."),
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
        # A quoted local part may carry markup; no customer writes one.
        if '"' in email:
            raise dj_forms.ValidationError(_("Enter a valid email address."), code="invalid")
        return email

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < timezone.localdate():
            raise dj_forms.ValidationError(_("The lease cannot start in the past."), code="past")
        return start

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error(
                    "end", dj_forms.ValidationError(_("The last day comes after the first."))
                )
            elif (end - start).days >= MAX_LEASE_DAYS:
                self.add_error(
                    "end", dj_forms.ValidationError(_("For more than five years, please call us."))
                )
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

    def consultation_kwargs(self, equipment_model):
        """What `receive_consultation` needs: the model as subject, the needs as question."""
        data = self.cleaned_data
        days = (data["end"] - data["start"]).days + 1
        subject = gettext("Quote request: %(model)s (%(code)s)") % {
            "model": equipment_model,
            "code": equipment_model.code,
        }
        lines = [
            gettext("Model: %(model)s (%(code)s)")
            % {"model": equipment_model, "code": equipment_model.code},
            gettext("Quantity: %(quantity)s") % {"quantity": data["quantity"]},
            gettext("Period: %(start)s to %(end)s (%(days)s days)")
            % {"start": data["start"].isoformat(), "end": data["end"].isoformat(), "days": days},
            gettext("Site: %(site)s") % {"site": data["site"]},
        ]
        if data["needs"].strip():
            lines.append(gettext("Needs: %(needs)s") % {"needs": data["needs"].strip()})
        return {
            "customer_name": data["customer_name"],
            "company": data["company"],
            "phone": data["phone"],
            "email": data["email"],
            "subject": subject[:150],
            "question": "\n".join(lines),
            "submission_token": data["submission_token"],
        }


def handle_quote_request(request, *, equipment_model, channel, render, thanks_url):
    """Validate a quote request and hand it to the consultations service.

    `render(form, status)` shows the model page with the form; `thanks_url` is
    where the visitor reads the reference number afterwards.
    """
    if request.method != "POST":
        return render(QuoteForm(), 200)
    form = QuoteForm(request.POST)
    if honeypot_filled(request.POST):
        # A bot: look as if it worked, store nothing.
        count_submission(request)
        return redirect(thanks_url)
    if not form.is_valid():
        return render(form, 400)
    already = submitted_consultation(form.cleaned_data["submission_token"])
    if already is not None:  # the same form sent again: one record, same answer
        request.session[SESSION_KEY] = already.reference
        return redirect(thanks_url)
    if rate_limited(request):
        form.add_error(
            None,
            _(
                "You have sent several messages in a short time. "
                "Please wait a few minutes, or call us."
            ),
        )
        return render(form, 429)
    if channel is None:
        form.add_error(None, _("Requests cannot be received at the moment. Please call us."))
        return render(form, 503)
    try:
        consultation = receive_consultation(
            channel=channel,
            language=translation.get_language(),
            **form.consultation_kwargs(equipment_model),
        )
    except ConsultationInvalid as exc:
        form.add_error(None, exc)
        return render(form, 400)
    count_submission(request)
    request.session[SESSION_KEY] = consultation.reference
    return redirect(thanks_url)


def never_cached(response):
    add_never_cache_headers(response)
    return response


__all__ = ["QuoteForm", "handle_quote_request", "never_cached"]
