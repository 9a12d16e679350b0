"""What After-sales, Sales and Legal fill in to move handovers."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from workflows.core.forms import TransitionForm
from workflows.leasing.choices import ContractState
from workflows.leasing.models import Contract

from .choices import SignatureSide


class DeliveryAddForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contract" in self.fields:
            self.fields["contract"].queryset = Contract.objects.filter(
                state=ContractState.SIGNED
            ).select_related("customer")


class ReturnAddForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contract" in self.fields:
            self.fields["contract"].queryset = Contract.objects.filter(
                state__in=[ContractState.ACTIVE, ContractState.ENDING, ContractState.RENEWED]
            ).select_related("customer")


class DemonstrateForm(TransitionForm):
    attendees = dj_forms.CharField(
        label=_("Who attended"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and roles of the customer's people who watched the demonstration."),
    )
    notes = dj_forms.CharField(
        label=_("Operation, precautions and daily care explained"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class DisputeForm(TransitionForm):
    reason = dj_forms.CharField(
        label=_("What the customer disputes"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )


class FinishRefurbishmentForm(TransitionForm):
    work_done = dj_forms.CharField(
        label=_("Work done"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("Cleaning, service and repairs done before the next lease."),
    )


class TickForm(dj_forms.Form):
    item = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    readings = dj_forms.CharField(label=_("Readings"), required=False, max_length=2000)


class ProblemForm(dj_forms.Form):
    delivery_unit = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    description = dj_forms.CharField(label=_("Problem"), max_length=4000)
    photo = dj_forms.FileField(label=_("Photo"), required=False)


class FixForm(dj_forms.Form):
    problem = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    fix = dj_forms.CharField(label=_("Fix"), max_length=4000)


class ReinspectForm(dj_forms.Form):
    problem = dj_forms.IntegerField(widget=dj_forms.HiddenInput)


class AcceptUnitForm(dj_forms.Form):
    delivery_unit = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    appearance_ok = dj_forms.BooleanField(label=_("Appearance"), required=False)
    performance_ok = dj_forms.BooleanField(label=_("Performance"), required=False)
    accessories_ok = dj_forms.BooleanField(label=_("Accessories"), required=False)
    notes = dj_forms.CharField(label=_("Notes"), required=False, max_length=2000)


class SignForm(dj_forms.Form):
    side = dj_forms.ChoiceField(label=_("Side"), choices=SignatureSide.choices)
    name = dj_forms.CharField(label=_("Name"), max_length=150)
    image = dj_forms.CharField(widget=dj_forms.HiddenInput, label=_("Signature"))


class ScanForm(dj_forms.Form):
    scan = dj_forms.FileField(label=_("Signed paper checklist (PDF, JPEG or PNG)"))


class ReceiveForm(dj_forms.Form):
    return_unit = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    condition_notes = dj_forms.CharField(
        label=_("Condition on return"), required=False, max_length=4000
    )


class DamageForm(dj_forms.Form):
    return_unit = dj_forms.IntegerField(widget=dj_forms.HiddenInput)
    description = dj_forms.CharField(label=_("Damage"), max_length=4000)
    proposed_charge = dj_forms.DecimalField(
        label=_("Proposed charge"), min_value=0, max_digits=12, decimal_places=2
    )
    photo = dj_forms.FileField(label=_("Photo"), required=False)
