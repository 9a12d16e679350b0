"""What Customer Service fills in on a follow-up: the contact made, and what it opens."""

from django import forms as dj_forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from workflows.core.forms import PersonChoiceField, TransitionForm
from workflows.core.roles import SALES

from .choices import FollowUpMethod
from .choices import FollowUpState as S


class RecordForm(TransitionForm):
    method = dj_forms.ChoiceField(label=_("Method"), choices=FollowUpMethod.choices)
    contacted_person = dj_forms.CharField(label=_("Who was contacted"), max_length=150)
    feedback = dj_forms.CharField(
        label=_("The customer's feedback"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
        help_text=_("How the equipment works for them, how satisfied they are with us."),
    )
    needs = dj_forms.CharField(
        label=_("Needs"),
        max_length=4000,
        required=False,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
        help_text=_("More units, a longer lease, other equipment… Sales can be told in one click."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacted_person"].initial = prefill(self.record)["name"]


class SkipForm(TransitionForm):
    skip_reason = dj_forms.CharField(
        label=_("Why it is skipped"), max_length=2000, widget=dj_forms.Textarea(attrs={"rows": 3})
    )


class FollowUpAddForm(WagtailAdminModelForm):
    """An extra follow-up, added by hand: only for a signed contract with none due."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from workflows.leasing.choices import CONTRACT_IN_FORCE

        if "contract" in self.fields:
            self.fields["contract"].queryset = (
                self.fields["contract"]
                .queryset.filter(state__in=CONTRACT_IN_FORCE)
                .select_related("customer")
            )

    def clean_contract(self):
        contract = self.cleaned_data["contract"]
        if contract.follow_ups.filter(state=S.DUE).exists():
            raise dj_forms.ValidationError(gettext("This contract already has a follow-up due."))
        return contract


def prefill(follow_up):
    """Who the follow-up was with, and how to reach them, as best known."""
    customer = follow_up.customer
    contact = customer.contacts.first()
    return {
        "name": follow_up.contacted_person or (contact.name if contact else customer.name),
        "company": customer.name if customer.kind == "company" else "",
        "phone": (contact.phone if contact and contact.phone else customer.phone),
        "email": (contact.email if contact and contact.email else customer.email),
    }


class ContactFields(dj_forms.Form):
    company = dj_forms.CharField(label=_("Company"), max_length=150, required=False)
    phone = dj_forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = dj_forms.EmailField(label=_("Email"), max_length=254, required=False)

    def __init__(self, *args, follow_up, **kwargs):
        self.follow_up = follow_up
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        no_contact = (
            not (cleaned.get("phone") or "").strip() and not (cleaned.get("email") or "").strip()
        )
        if no_contact and not self.has_error("email"):
            self.add_error(
                "phone",
                gettext("Give a phone number or an email address, so that we can reply."),
            )
        return cleaned


def _summary(follow_up):
    return "\n\n".join(part for part in (follow_up.needs, follow_up.feedback) if part)


class OpenConsultationForm(ContactFields):
    channel = dj_forms.ModelChoiceField(label=_("Channel"), queryset=None)
    customer_name = dj_forms.CharField(label=_("Customer name"), max_length=100)
    salesperson = PersonChoiceField(label=_("Salesperson"), roles=[SALES])
    subject = dj_forms.CharField(label=_("Subject"), max_length=150)
    question = dj_forms.CharField(
        label=_("Question"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 4})
    )
    sales_need = dj_forms.CharField(
        label=_("What the customer needs"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["channel", "salesperson", "customer_name", "company", "phone", "email"]

    def __init__(self, *args, follow_up, **kwargs):
        super().__init__(*args, follow_up=follow_up, **kwargs)
        from contact.models import ChannelKind, ConsultationChannel

        channels = ConsultationChannel.objects.published()
        self.fields["channel"].queryset = channels
        kind = ChannelKind.EMAIL if follow_up.method == "email" else ChannelKind.PHONE
        self.fields["channel"].initial = channels.filter(kind=kind).first()
        known = prefill(follow_up)
        self.initial.update(
            {
                "customer_name": known["name"],
                "company": known["company"],
                "phone": known["phone"],
                "email": known["email"],
                "subject": gettext("Needs heard in follow-up %(reference)s")
                % {"reference": follow_up.reference},
                "question": _summary(follow_up),
                "sales_need": follow_up.needs,
            }
        )


class OpenSuggestionForm(ContactFields):
    proposer_name = dj_forms.CharField(label=_("Proposer"), max_length=100)
    category = dj_forms.ChoiceField(label=_("Category"), required=False, choices=())
    subject = dj_forms.CharField(label=_("Subject"), max_length=150)
    description = dj_forms.CharField(
        label=_("Suggestion"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 5})
    )
    field_order = ["proposer_name", "company", "phone", "email", "category"]

    def __init__(self, *args, follow_up, **kwargs):
        super().__init__(*args, follow_up=follow_up, **kwargs)
        from workflows.suggestions.choices import SuggestionCategory

        self.fields["category"].choices = [("", "—"), *SuggestionCategory.choices]
        known = prefill(follow_up)
        self.initial.update(
            {
                "proposer_name": known["name"],
                "company": known["company"],
                "phone": known["phone"],
                "email": known["email"],
                "subject": gettext("Suggestion made in follow-up %(reference)s")
                % {"reference": follow_up.reference},
                "description": follow_up.feedback,
            }
        )


class OpenComplaintForm(ContactFields):
    complainant_name = dj_forms.CharField(label=_("Complainant"), max_length=100)
    channel = dj_forms.ChoiceField(label=_("Channel"), choices=())
    category = dj_forms.ChoiceField(label=_("Category"), choices=())
    description = dj_forms.CharField(
        label=_("What happened"), max_length=4000, widget=dj_forms.Textarea(attrs={"rows": 5})
    )
    urgent = dj_forms.BooleanField(
        label=_("Urgent"),
        required=False,
        help_text=_("Starts the emergency procedure: Supervision and Management are told at once."),
    )
    field_order = ["complainant_name", "company", "phone", "email", "channel", "category"]

    def __init__(self, *args, follow_up, **kwargs):
        super().__init__(*args, follow_up=follow_up, **kwargs)
        from workflows.complaints.choices import ComplaintCategory, ComplaintChannel

        self.fields["channel"].choices = ComplaintChannel.choices
        self.fields["category"].choices = ComplaintCategory.choices
        known = prefill(follow_up)
        self.initial.update(
            {
                "complainant_name": known["name"],
                "company": known["company"],
                "phone": known["phone"],
                "email": known["email"],
                "channel": ComplaintChannel.VISIT
                if follow_up.method == "visit"
                else ComplaintChannel.PHONE,
                "description": follow_up.feedback,
            }
        )
