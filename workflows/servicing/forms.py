"""What After-sales fills in on a visit or a repair before its transition."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from workflows.core.forms import PersonChoiceField, TransitionForm
from workflows.core.roles import AFTER_SALES


class RecordVisitForm(TransitionForm):
    technician = PersonChoiceField(
        label=_("Technician"), roles=[AFTER_SALES], superusers=True, default_to_current=True
    )
    cleaned = dj_forms.BooleanField(label=_("Cleaned"), required=False)
    lubricated = dj_forms.BooleanField(label=_("Lubricated"), required=False)
    tightened = dj_forms.BooleanField(label=_("Tightened"), required=False)
    checked = dj_forms.BooleanField(label=_("Checked"), required=False)
    readings = dj_forms.CharField(
        label=_("Readings"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 3})
    )
    wear_parts = dj_forms.CharField(
        label=_("Wear parts replaced"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: part, quantity (e.g. “Oil filter, 2”)."),
    )
    findings = dj_forms.CharField(
        label=_("Findings"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("Faults found: a repair can be opened from them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_wear_parts(self):
        parts = []
        for number, line in enumerate(self.cleaned_data["wear_parts"].splitlines(), start=1):
            if not line.strip():
                continue
            part, _sep, quantity = line.rpartition(",")
            if not part.strip() or not quantity.strip().isdigit() or int(quantity) < 1:
                raise dj_forms.ValidationError(
                    _("Line %(n)s: write the part, a comma and a quantity of 1 or more."),
                    params={"n": number},
                )
            parts.append((part.strip(), int(quantity)))
        return parts


class SignOffForm(TransitionForm):
    customer_signatory = dj_forms.CharField(
        label=_("Signed off by (customer's representative)"), max_length=150
    )


class CancelVisitForm(TransitionForm):
    reason = dj_forms.CharField(
        label=_("Why the visit is cancelled"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class DiagnoseForm(TransitionForm):
    diagnosis = dj_forms.CharField(
        label=_("Diagnosis"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )
    major = dj_forms.BooleanField(
        label=_("Major repair or part replacement"),
        required=False,
        help_text=_("The customer is told the expected completion date."),
    )
    expected_completion_on = dj_forms.DateField(
        label=_("Expected completion"),
        required=False,
        widget=AdminDateInput,
    )

    def clean(self):
        data = super().clean()
        if data.get("major") and not data.get("expected_completion_on"):
            self.add_error(
                "expected_completion_on", _("A major repair needs its expected completion date.")
            )
        return data


class FinishRepairForm(TransitionForm):
    work_done = dj_forms.CharField(
        label=_("Work done"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )


class VerifyRepairForm(TransitionForm):
    verification = dj_forms.CharField(
        label=_("How the repair was checked"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class OpenRepairForm(dj_forms.Form):
    """The fault, and (from a follow-up or a complaint) which unit of the contract has it."""

    unit = dj_forms.ModelChoiceField(label=_("Unit"), queryset=None)
    fault = dj_forms.CharField(
        label=_("Fault"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units=None, fault="", **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
        self.fields["fault"].initial = fault


class ReplacementForm(dj_forms.Form):
    replacement = dj_forms.ModelChoiceField(label=_("Replacement unit"), queryset=None)
    last_day = dj_forms.DateField(label=_("Last day on the contract"), widget=AdminDateInput)

    def __init__(self, *args, repair, **kwargs):
        from workflows.fleet.choices import UnitState
        from workflows.fleet.models import EquipmentUnit

        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = (
            EquipmentUnit.objects.exclude(pk=repair.unit_id)
            .exclude(state=UnitState.RETIRED)
            .filter(equipment_model_id=repair.unit.equipment_model_id)
            .select_related("equipment_model")
        )


class RepairAddForm(WagtailAdminModelForm):
    """A customer's call: who called, the unit and (when on lease) its contract."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reported_by_name" in self.fields:
            self.fields["reported_by_name"].required = True

    def clean(self):
        from workflows.leasing.models import UnitBooking

        data = super().clean()
        unit, contract = data.get("unit"), data.get("contract")
        if (
            unit
            and contract
            and not UnitBooking.objects.filter(unit=unit, contract=contract).exists()
        ):
            self.add_error(
                "unit",
                _("Unit %(unit)s is not booked on contract %(contract)s.")
                % {"unit": unit.asset_number, "contract": contract.number},
            )
        return data
