from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from workflows.customers.models import Customer
from workflows.leasing.models import Contract

from .choices import PaymentMethod


class RunBillingForm(forms.Form):
    on = forms.DateField(
        label=_("Invoice every period due by"), initial=timezone.localdate, widget=AdminDateInput
    )


class ConfirmForm(forms.Form):
    pass


class CreditNoteForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to credit (tax included)"), max_digits=14, decimal_places=2
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PaymentForm(forms.Form):
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.order_by("name")
    )
    received_on = forms.DateField(
        label=_("Received on"), initial=timezone.localdate, widget=AdminDateInput
    )
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0.01)
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)


class SettlementForm(forms.Form):
    contract = forms.ModelChoiceField(
        label=_("Contract"), queryset=Contract.objects.filter(final_settlement__isnull=True)
    )
    returned_on = forms.DateField(
        label=_("Returned on"), initial=timezone.localdate, widget=AdminDateInput
    )
    damage = forms.DecimalField(
        label=_("Damage charge"), max_digits=14, decimal_places=2, initial=0, min_value=0
    )
    other = forms.DecimalField(
        label=_("Other fees"), max_digits=14, decimal_places=2, initial=0, min_value=0
    )
