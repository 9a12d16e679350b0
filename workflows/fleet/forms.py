"""What After-sales fills in to move a unit, and the availability query."""

from django import forms as dj_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from workflows.core.forms import TransitionForm

from .models import EquipmentModel


class SendToServiceForm(TransitionForm):
    note_label = _("What is to be done")
    note_required = True

    expected_back_on = dj_forms.DateField(
        label=_("Expected back on"),
        widget=AdminDateInput,
        help_text=_("Sales promises dates from this; change it if the repair takes longer."),
    )

    def clean_expected_back_on(self):
        value = self.cleaned_data["expected_back_on"]
        if value < timezone.localdate():
            raise dj_forms.ValidationError(_("The date cannot lie in the past."))
        return value


class RetireForm(TransitionForm):
    reason = dj_forms.CharField(
        label=_("Reason for retiring"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sold, scrapped, stolen, beyond repair... The unit's record is kept."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise dj_forms.ValidationError(_("Say why the unit is retired."))
        return reason


class AvailabilityForm(dj_forms.Form):
    """A model and the first and last day of the period the customer asks for."""

    MAX_DAYS = 3 * 366

    equipment_model = dj_forms.ModelChoiceField(
        label=_("Model"),
        queryset=EquipmentModel.objects.select_related("category").order_by(
            "category__name", "maker", "name"
        ),
    )
    start = dj_forms.DateField(label=_("From"), widget=AdminDateInput)
    end = dj_forms.DateField(label=_("To (last day)"), widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day cannot come before the first."))
            elif (end - start).days > self.MAX_DAYS:
                self.add_error("end", _("Ask for at most three years at a time."))
        return cleaned
