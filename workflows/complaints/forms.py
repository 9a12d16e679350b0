"""What staff fill in to move a complaint, a rent credit or a service task."""

import re
from datetime import timedelta

from django import forms as dj_forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from workflows.core.forms import PersonChoiceField, TransitionForm, person_label
from workflows.core.money import currency

from .choices import (
    DEPARTMENT_GROUPS,
    Compensation,
    ComplaintState,
    ContactMethod,
    Department,
    RootCause,
)
from .exceptions import ComplaintInvalid
from .models import ComplaintSettings
from .services.common import check_investigator, check_method, check_staff_member
from .services.handling import NO_CONTRACT
from .services.messages import preferred_method


class StaffChoiceField(PersonChoiceField):
    """An active member of a complaint department, shown with their departments."""

    def __init__(self, **kwargs):
        super().__init__(roles=DEPARTMENT_GROUPS.values(), **kwargs)
        self.queryset = self.queryset.prefetch_related("groups")

    def label_from_instance(self, user):
        name = person_label(user)
        groups = ", ".join(str(Department(d).label) for d in _departments(user))
        return f"{name} ({groups})" if groups else name


def _departments(user):
    names = {group.name for group in user.groups.all()}
    return [d for d, group in DEPARTMENT_GROUPS.items() if group in names]


def public_update_field():
    return dj_forms.CharField(
        label=_("Update for the complainant (optional)"),
        required=False,
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the complainant's tracking page. Write it for the complainant: "
            "no staff names, no internal notes. Leave empty to publish nothing."
        ),
    )


def _raise_on_fields(form, error):
    """Show a service's ComplaintInvalid at the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class AssignmentFields(TransitionForm):
    department = dj_forms.ChoiceField(label=_("Department"), choices=Department.choices)
    investigator = StaffChoiceField(
        label=_("Investigator"),
        help_text=_("A member of the department, who finds out what happened."),
    )
    staff_member = StaffChoiceField(
        label=_("Staff member complained about"),
        required=False,
        help_text=_(
            "When the complaint is about a person: a member of the department. For the "
            "quality review of repeated complaints; never shown to the complainant."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].initial = self.record.department or None
        self.fields["investigator"].initial = self.record.investigator_id
        self.fields["staff_member"].initial = self.record.staff_member_id
        self.order_fields(["department", "investigator", "staff_member"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("department") and cleaned.get("investigator"):
            try:
                check_investigator(cleaned["department"], cleaned["investigator"])
            except ComplaintInvalid as exc:
                _raise_on_fields(self, exc)
        if cleaned.get("department") and cleaned.get("staff_member"):
            try:
                check_staff_member(cleaned["department"], cleaned["staff_member"])
            except ComplaintInvalid as exc:
                _raise_on_fields(self, exc)
        return cleaned


def mentioned_contract(complaint):
    """The lease contract the complaint seems to be about, to propose when assigning it:
    the contract whose number the complainant gave (`matter_reference`, in their words: the
    number may come with other text), else the one contract in force of the customer the
    complaint is linked to; None when neither tells one contract."""
    from workflows.leasing.choices import CONTRACT_IN_FORCE
    from workflows.leasing.models import Contract

    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", complaint.matter_reference or ""))
    if words:
        number_is = Q()
        for word in words:
            number_is |= Q(number__iexact=word)
        named = list(Contract.objects.filter(number_is).values_list("pk", flat=True)[:2])
        if len(named) == 1:
            return named[0]
    if complaint.customer_id:
        running = list(
            Contract.objects.filter(
                customer_id=complaint.customer_id, state__in=CONTRACT_IN_FORCE
            ).values_list("pk", flat=True)[:2]
        )
        if len(running) == 1:
            return running[0]
    return None


class AssignForm(AssignmentFields):
    contract = dj_forms.ModelChoiceField(
        label=_("Contract"),
        queryset=None,
        required=False,
        help_text=_("The lease contract the complaint is about, if any."),
    )
    customer = dj_forms.ModelChoiceField(
        label=_("Customer"),
        queryset=None,
        required=False,
        help_text=_("Link the complaint to the customer of record, if the complainant is one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from workflows.customers.models import Customer
        from workflows.leasing.models import Contract

        self.fields["contract"].queryset = Contract.objects.order_by("-pk")
        # Proposed only: staff see the contract and may change or clear it.
        self.fields["contract"].initial = self.record.contract_id or mentioned_contract(self.record)
        self.fields["customer"].queryset = Customer.objects.order_by("name")
        self.fields["customer"].initial = self.record.customer_id
        self.fields["customer"].help_text = _(
            "The customer of record, if the complainant is one; taken from the contract "
            "when left empty."
        )


class ReopenForm(AssignmentFields):
    note_required = True
    note_label = _("Why it is reopened")


class AgreePlanForm(TransitionForm):
    measures = dj_forms.CharField(
        label=_("Measures"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )
    plan_owner = StaffChoiceField(label=_("Owner"))
    plan_deadline = dj_forms.DateTimeField(label=_("Deadline"), widget=AdminDateTimeInput)
    compensation = dj_forms.ChoiceField(
        label=_("Compensation"),
        choices=Compensation.choices,
        initial=Compensation.NONE,
        widget=dj_forms.RadioSelect,
    )
    credit_amount = dj_forms.DecimalField(
        label=_("Rent reduction"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
    )
    service_description = dj_forms.CharField(
        label=_("Extra service"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )
    service_due_date = dj_forms.DateField(
        label=_("Extra service due"), required=False, widget=AdminDateInput
    )
    public_update = public_update_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_owner"].initial = self.record.investigator_id
        limit = ComplaintSettings.load().limit(
            ComplaintState.PLAN_AGREED, urgent=self.record.urgent
        )
        self.fields["plan_deadline"].initial = timezone.localtime() + limit
        self.fields["credit_amount"].help_text = _(
            "In %(currency)s; Finance applies it to the customer's rent."
        ) % {"currency": currency()}
        self.fields["service_due_date"].initial = timezone.localdate() + timedelta(days=7)

    def clean_plan_deadline(self):
        value = self.cleaned_data["plan_deadline"]
        if value <= timezone.now():
            raise dj_forms.ValidationError(_("The deadline must lie in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        compensation = cleaned.get("compensation")
        if compensation == Compensation.RENT_CREDIT and cleaned.get("credit_amount") is None:
            self.add_error("credit_amount", _("Give the amount of the rent reduction."))
        if compensation == Compensation.EXTRA_SERVICE:
            if not cleaned.get("service_description"):
                self.add_error("service_description", _("Describe the extra service."))
            if cleaned.get("service_due_date") is None and not self.has_error("service_due_date"):
                self.add_error("service_due_date", _("Give a due date from today on."))
        if compensation == Compensation.RENT_CREDIT and self.record.contract_id is None:
            self.add_error("compensation", NO_CONTRACT)
        return cleaned


class ResolveForm(TransitionForm):
    resolution = dj_forms.CharField(
        label=_("What was done"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )
    public_update = public_update_field()


class CommunicateResultForm(TransitionForm):
    result_message = dj_forms.CharField(
        label=_("Result told to the complainant"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent as written by email or text message, and shown on the tracking page."),
    )
    communicated_via = dj_forms.ChoiceField(label=_("Told by"), choices=ContactMethod.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_message"].initial = self.record.resolution
        self.fields["communicated_via"].initial = preferred_method(self.record)

    def clean_communicated_via(self):
        value = self.cleaned_data["communicated_via"]
        try:
            check_method(self.record, value)
        except ComplaintInvalid as exc:
            raise dj_forms.ValidationError(exc.message_dict["communicated_via"]) from None
        return value


class CauseFields(TransitionForm):
    root_cause = dj_forms.ChoiceField(label=_("Root cause"), choices=RootCause.choices)
    root_cause_detail = dj_forms.CharField(
        label=_("Root cause (details)"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )
    corrective_action = dj_forms.CharField(
        label=_("Corrective action"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changes so that it does not happen again, or why nothing needs to."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record.root_cause:
            self.fields["root_cause"].initial = self.record.root_cause
            self.fields["root_cause_detail"].initial = self.record.root_cause_detail
            self.fields["corrective_action"].initial = self.record.corrective_action


class CloseForm(CauseFields):
    pass


class ExplainAndCloseForm(CauseFields):
    explanation = dj_forms.CharField(
        label=_("Explanation for the complainant"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why the demand cannot be met, patiently explained; sent to the complainant."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root_cause"].initial = RootCause.UNFOUNDED
        self.order_fields(["explanation", "root_cause", "root_cause_detail", "corrective_action"])


class MarkUrgentForm(TransitionForm):
    note_required = True
    note_label = _("Why it is urgent")


class ApplyRentCreditForm(TransitionForm):
    finance_reference = dj_forms.CharField(
        label=_("Applied in"),
        max_length=100,
        help_text=_("The invoice or settlement number the reduction was applied to."),
    )


class CompleteServiceTaskForm(TransitionForm):
    outcome = dj_forms.CharField(
        label=_("What was done"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )
