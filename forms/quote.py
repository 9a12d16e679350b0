"""The "request a quote" form of the public catalogue (P1.1, P2.1).

A visitor looking at a model asks for a price: how many, for which period,
where. The catalogue page runs the same intake flow as every public form
(`pages/flow.py`); the request becomes a website consultation for Customer
Service, its subject naming the model and its question holding the needs.
"""

from django import forms as dj_forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import IntakeForm

MAX_QUANTITY = 99
MAX_LEASE_DAYS = 5 * 366


class QuoteForm(IntakeForm):
    name_field = "customer_name"

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

    def __init__(self, *args, equipment_model, **kwargs):
        super().__init__(*args, **kwargs)
        self.equipment_model = equipment_model

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
        return cleaned

    def service_kwargs(self):
        """What `receive_consultation` needs: the model as subject, the needs as question."""
        data = self.cleaned_data
        model = {"model": self.equipment_model, "code": self.equipment_model.code}
        days = (data["end"] - data["start"]).days + 1
        lines = [
            gettext("Model: %(model)s (%(code)s)") % model,
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
            "language": data["language"],
            "subject": (gettext("Quote request: %(model)s (%(code)s)") % model)[:150],
            "question": "\n".join(lines),
            "submission_token": data["submission_token"],
        }
