from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from workflows.customers.models import Customer
from workflows.leasing.models import Contract

from .choices import DeductionReason, InvoiceKind, PaymentMethod
from .models import Invoice


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
        label=_("Damage charge"),
        max_digits=14,
        decimal_places=2,
        initial=0,
        min_value=0,
        help_text=_(
            "Besides the damage charges agreed at the return inspection, which are taken in "
            "by themselves."
        ),
    )
    other = forms.DecimalField(
        label=_("Other fees"), max_digits=14, decimal_places=2, initial=0, min_value=0
    )


class DepositForm(forms.Form):
    contract = forms.ModelChoiceField(
        label=_("Contract"),
        queryset=Contract.objects.filter(deposit_held__isnull=True)
        .select_related("customer")
        .order_by("-pk"),
    )
    amount = forms.DecimalField(
        label=_("Amount received"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate)


class DeductionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeductionReason.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=_("Details"), max_length=300)


class AllocationForm(forms.Form):
    """The payment's open invoices to pay, oldest due first among those ticked."""

    invoices = forms.ModelMultipleChoiceField(
        label=_("Invoices to pay"),
        queryset=Invoice.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, payment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invoices"].queryset = Invoice.objects.filter(
            customer_id=payment.customer_id,
            kind=InvoiceKind.INVOICE,
            state__in=Invoice.OPEN_STATES,
        ).order_by("due_on", "pk")
        self.fields["invoices"].label_from_instance = lambda invoice: (
            _("%(number)s, due %(due)s: %(open)s open")
            % {"number": invoice.number, "due": invoice.due_on, "open": invoice.balance}
        )
