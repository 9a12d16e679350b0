"""What Sales and Legal fill in to move plans and contracts, assign units and keep templates."""

from django import forms as dj_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from workflows.core.forms import TransitionForm
from workflows.core.uploads import validate_upload
from workflows.fleet.choices import UnitState
from workflows.fleet.models import EquipmentUnit

from .bookings import bookings_overlapping
from .choices import REQUIRED_CLAUSE_KINDS, ClauseKind
from .choices import PlanState as PS
from .models import LeasePlan


class DeclinePlanForm(TransitionForm):
    reason = dj_forms.CharField(
        label=_("Why the customer declined"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class RequestChangesForm(TransitionForm):
    comments = dj_forms.CharField(
        label=_("What has to change"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 6}),
        help_text=_("Sales sees these comments on the contract."),
    )


class CancelContractForm(TransitionForm):
    reason = dj_forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class RenewContractForm(TransitionForm):
    """The customer renews (P6.1): the new last day of the lease."""

    new_end = dj_forms.DateField(
        label=_("New end date"),
        help_text=_(
            "The units stay booked until then. A renewal that changes other terms is a new "
            "contract version, reviewed by Legal."
        ),
        widget=AdminDateInput,
    )


class SignContractForm(TransitionForm):
    """The signing as it happened (P2.4, P2.5): when, who, the scan, where the paper is."""

    signed_on = dj_forms.DateField(label=_("Signed on"), widget=AdminDateInput)
    customer_signatory = dj_forms.CharField(label=_("Signed for the customer by"), max_length=150)
    company_signatory = dj_forms.CharField(label=_("Signed for the company by"), max_length=150)
    signed_original = dj_forms.FileField(
        label=_("Scanned signed original"),
        help_text=_("PDF, JPEG or PNG."),
        widget=dj_forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    archive_location = dj_forms.CharField(
        label=_("Paper original archived at"),
        max_length=200,
        help_text=_("Cabinet, binder or box where the signed paper is kept."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()
        self.fields["company_signatory"].initial = self.user.get_full_name()

    def clean_signed_on(self):
        value = self.cleaned_data["signed_on"]
        if value > timezone.localdate():
            raise dj_forms.ValidationError(_("The signing date cannot be in the future."))
        return value

    def clean_signed_original(self):
        upload = self.cleaned_data["signed_original"]
        validate_upload(upload, kinds=("pdf", "jpeg", "png"))
        return upload


class AssignUnitsForm(dj_forms.Form):
    """One choice of units per plan line, of the line's model, free units offered first."""

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        start, end = contract.booking_period()
        self.lines = list(contract.plan.lines.select_related("equipment_model"))
        model_ids = {line.equipment_model_id for line in self.lines}
        units = list(
            EquipmentUnit.objects.filter(equipment_model_id__in=model_ids)
            .exclude(state=UnitState.RETIRED)
            .order_by("asset_number")
        )
        taken = {
            booking.unit_id: booking
            for booking in bookings_overlapping(
                EquipmentUnit.objects.filter(pk__in=[u.pk for u in units]), start, end
            ).exclude(contract=contract)
        }
        current = {}
        for booking in contract.bookings.filter(active=True):
            current.setdefault(booking.plan_line_id, []).append(booking.unit_id)
        self.busy = taken
        for line in self.lines:
            choices = []
            for unit in units:
                if unit.equipment_model_id != line.equipment_model_id:
                    continue
                label = unit.asset_number
                if unit.serial_number:
                    label += f" ({unit.serial_number})"
                if unit.pk in taken:
                    label += " — " + str(
                        _("booked by %(contract)s") % {"contract": taken[unit.pk].contract.number}
                    )
                choices.append((unit.pk, label))
            initial = current.get(line.pk)
            if initial is None:
                free = [pk for pk, _label in choices if pk not in taken]
                initial = free[: line.quantity]
            self.fields[self.field_name(line)] = dj_forms.TypedMultipleChoiceField(
                label=_("%(line)s: %(quantity)s units") % {"line": line, "quantity": line.quantity},
                choices=choices,
                coerce=int,
                initial=initial,
                widget=dj_forms.CheckboxSelectMultiple,
            )
        self.units = {unit.pk: unit for unit in units}

    @staticmethod
    def field_name(line):
        return f"line_{line.pk}"

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            name = self.field_name(line)
            chosen = cleaned.get(name)
            if chosen is not None and len(chosen) != line.quantity:
                self.add_error(
                    name,
                    _("Choose exactly %(quantity)s units; %(count)s chosen.")
                    % {"quantity": line.quantity, "count": len(chosen)},
                )
        return cleaned

    def assignments(self):
        return {
            line: [self.units[pk] for pk in self.cleaned_data[self.field_name(line)]]
            for line in self.lines
        }


class PlanAddForm(WagtailAdminModelForm):
    """A plan is built for a requirement; its lines come from what the customer asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "requirement" in self.fields:
            self.fields["requirement"].queryset = self.fields[
                "requirement"
            ].queryset.select_related("customer")

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value is not None and value < timezone.localdate():
            raise dj_forms.ValidationError(_("The plan cannot be valid only in the past."))
        return value


class ContractAddForm(WagtailAdminModelForm):
    """Only plans the customer accepted, without a contract yet, are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "plan" in self.fields:
            self.fields["plan"].queryset = (
                LeasePlan.objects.filter(state=PS.ACCEPTED)
                .exclude(contracts__state__in=_live_contract_states())
                .order_by("-pk")
            )
        if "template" in self.fields:
            self.fields["template"].queryset = self.fields["template"].queryset.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The lease cannot end before it starts."))
        return cleaned


def _live_contract_states():
    from .choices import ContractState

    return [s for s in ContractState.values if s != ContractState.CANCELLED]


class ContractEditForm(WagtailAdminModelForm):
    rebuild_clauses = dj_forms.BooleanField(
        label=_("Fill the clauses in again from the template"),
        required=False,
        help_text=_(
            "Use after changing the dates or the place: the clauses are rebuilt from the "
            "template with the details above, replacing any edits made to them."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The lease cannot end before it starts."))
        return cleaned


class ContractTemplateForm(WagtailAdminModelForm):
    """A template holds every clause the regulation requires (P2.3), each with text."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("clauses")
        if formset is None or not formset.is_valid():
            return cleaned
        kinds = {
            form.cleaned_data.get("kind")
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.cleaned_data.get("text") or "").strip()
        }
        missing = [ClauseKind(kind).label for kind in REQUIRED_CLAUSE_KINDS if kind not in kinds]
        if missing:
            raise dj_forms.ValidationError(
                _("The template lacks clauses the regulation requires: %(missing)s.")
                % {"missing": ", ".join(str(label) for label in missing)},
                code="missing_clauses",
            )
        return cleaned
