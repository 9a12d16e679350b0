"""Lease contracts in the admin (P2.3-P2.5): drafted, reviewed, signed, copied, printed."""

from django import forms as dj_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView

from workflows.core.money import currency
from workflows.core.private_files import private_file_response
from workflows.core.refusal import refuse_unless
from workflows.core.viewsets import ProcessInspectView, ProcessRecordViewSet, StateColumn

from .. import services
from ..choices import ContractState as S
from ..forms import (
    AssignUnitsForm,
    CancelContractForm,
    ContractAddForm,
    ContractEditForm,
    RenewContractForm,
    RequestChangesForm,
    SignContractForm,
)
from ..models import Contract, LeasePlan
from ..related import section_rows
from .common import (
    ContractFormView,
    PrintView,
    ReadableFieldsMixin,
    RefusingViewSetMixin,
    ServiceFormMixin,
    StateLimitedEditView,
    print_button,
)
from .renewals import RenewalVersionView, renewal_button

CHANGE_UNITS = "leasing.change_contract"

DETAILS = MultiFieldPanel(
    [
        FieldRowPanel([FieldPanel("title"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldRowPanel([FieldPanel("delivery_date"), FieldPanel("delivery_place")]),
    ],
    heading=gettext_lazy("Contract details"),
)


class ContractCreateView(ServiceFormMixin, CreateView):
    """From an accepted plan (`?plan=`): the clauses come from the chosen template, filled in."""

    def get_initial_form_instance(self):
        plan_pk = self.request.GET.get("plan", "")
        plan = LeasePlan.objects.filter(pk=plan_pk).first() if plan_pk.isdigit() else None
        return services.new_contract(plan, user=self.request.user)

    def get_add_url(self):
        url = super().get_add_url()
        plan_pk = self.request.GET.get("plan", "")
        return f"{url}?plan={plan_pk}" if plan_pk.isdigit() else url

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.create_contract(instance, user=self.request.user)

    def get_success_url(self):
        return reverse("wagtailsnippets_leasing_contract:assign_units", args=[self.object.pk])


class ContractEditView(StateLimitedEditView):
    """Sales edits the draft; an edit of an approved contract sends it back to draft (P2.4)."""

    not_editable_message = gettext_lazy("“%(record)s” is “%(state)s”: it cannot be edited now.")

    def save_instance(self):
        self.lock_for_edit()
        contract = super().save_instance()
        if self.form.cleaned_data.get("rebuild_clauses"):
            contract = services.rebuild_clauses(contract, user=self.request.user)
        return services.after_contract_edit(contract, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.state == S.APPROVED:
            messages.warning(
                self.request,
                _(
                    "Legal approved this contract. Saving a change sends it back to draft: "
                    "it must be reviewed again before signing."
                ),
            )
        return context


class ContractInspectView(ReadableFieldsMixin, ProcessInspectView):
    template_name = "leasing/contract_inspect.html"
    print_url_name = None
    assign_url_name = None
    original_url_name = None
    renewal_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = [*super().header_buttons]
        if self.object.state in Contract.ASSIGNABLE_STATES and self.request.user.has_perm(
            CHANGE_UNITS
        ):
            buttons.append(
                HeaderButton(
                    _("Assign units"),
                    url=reverse(self.assign_url_name, args=[self.object.pk]),
                    icon_name="list-ul",
                    attrs={"data-assign-units": "true"},
                    priority=50,
                )
            )
        renewal = renewal_button(self.object, self.request.user, self.renewal_url_name)
        if renewal is not None:
            buttons.append(renewal)
        buttons.append(print_button(reverse(self.print_url_name, args=[self.object.pk])))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context["clauses"] = contract.clauses.all()
        context["lines"] = contract.plan.lines.select_related("equipment_model")
        context["bookings"] = contract.bookings.filter(active=True).select_related(
            "unit", "plan_line__equipment_model"
        )
        context["next_versions"] = [
            (version, reverse("wagtailsnippets_leasing_contract:inspect", args=[version.pk]))
            for version in contract.next_versions.exclude(state=S.CANCELLED)
        ]
        if contract.previous_version_id and contract.state in Contract.ASSIGNABLE_STATES:
            context["pending_bookings"] = contract.bookings.filter(active=False).select_related(
                "unit"
            )
        context["copies"] = contract.copies.select_related("recipient")
        context["sections"] = section_rows(contract, self.request.user)
        if contract.state in (S.DRAFT, S.CHANGES_REQUESTED):
            context["missing_kinds"] = contract_missing_kinds(contract, context["clauses"])
        if contract.signed_original:
            context["original_url"] = reverse(self.original_url_name, args=[contract.pk])
        context["handovers"] = handovers_of(contract, self.request.user)
        return context


def handovers_of(contract, user):
    """The contract's deliveries, returns and damage charges (P3, P6), when they are
    installed and the user may see them."""
    if not hasattr(contract, "deliveries"):
        return None
    if not (user.has_perm("handovers.view_delivery") or user.has_perm("handovers.add_delivery")):
        return None
    return {
        "deliveries": list(contract.deliveries.all()),
        "returns": list(contract.returns.all()),
        "damage_charges": list(contract.damage_charges.all()),
        "may_deliver": user.has_perm("handovers.add_delivery"),
        "may_return": user.has_perm("handovers.add_leasereturn"),
        "returnable_states": [S.ACTIVE, S.ENDING, S.RENEWED],
    }


def contract_missing_kinds(contract, clauses):
    from ..choices import REQUIRED_CLAUSE_KINDS, ClauseKind

    present = {clause.kind for clause in clauses if clause.text.strip()}
    return [ClauseKind(kind).label for kind in REQUIRED_CLAUSE_KINDS if kind not in present]


class AssignUnitsView(ContractFormView):
    """Choose the concrete units of each line for the lease period (issue item 5).

    For Sales (`leasing.change_contract`, 403 otherwise), until the contract is
    signed or cancelled.
    """

    refusal_permission = CHANGE_UNITS
    template_name = "leasing/assign_units.html"
    header_icon = "list-ul"
    form_class = AssignUnitsForm

    def refused_in_state(self):
        """Back to the contract, saying why, once it is signed or cancelled."""
        if self.contract.state in Contract.ASSIGNABLE_STATES:
            return None
        return _("Units can no longer be changed: the contract is “%(state)s”.") % {
            "state": self.contract.get_state_display()
        }

    def get_page_title(self):
        return _("Assign units")

    def form_valid(self, form):
        try:
            services.assign_units(
                self.contract, user=self.request.user, assignments=form.assignments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Units booked for “%(contract)s”.") % {"contract": self.contract}
        )
        return redirect(self.inspect_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contract=self.contract, inspect_url=self.inspect_url, **kwargs
        )


class ContractPrintView(PrintView):
    model = Contract
    template_name = "leasing/print/contract.html"
    queryset = Contract.objects.select_related("customer", "plan")

    def get_context_data(self, record):
        from contact.models import ContactSettings

        return {
            "object": record,
            "contract": record,
            "clauses": record.clauses.all(),
            "lines": record.plan.lines.select_related("equipment_model"),
            "bookings": record.bookings.filter(active=True).select_related("unit"),
            "company": ContactSettings.load(),
            "currency": currency(),
        }


def may_see_contracts(user, record=None):
    return any(user.has_perm(f"leasing.{action}_contract") for action in ("view", "change", "add"))


@refuse_unless(may_see_contracts)
def signed_original(request, pk):
    """The scan of the signed contract, for staff who may see the contract only (403 otherwise)."""
    contract = get_object_or_404(Contract, pk=pk)
    if not contract.signed_original:
        raise Http404
    name = f"{contract.number}.{contract.signed_original.name.rsplit('.', 1)[-1]}"
    return private_file_response(contract.signed_original, as_attachment=False, filename=name)


class ContractViewSet(RefusingViewSetMixin, ProcessRecordViewSet):
    model = Contract
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Lease contracts")
    menu_order = 30
    add_view_class = ContractCreateView
    edit_view_class = ContractEditView
    inspect_view_class = ContractInspectView
    list_display = [
        "number",
        "customer",
        StateColumn("state", label=gettext_lazy("State"), sort_key="state"),
        "period_start",
        "period_end",
        "submitted_at",
        "signed_on",
    ]
    list_filter = ["state", "first_review_outcome"]
    list_export = [
        "number",
        "state",
        "customer",
        "plan",
        "period_start",
        "period_end",
        "delivery_date",
        "delivery_place",
        "submitted_at",
        "review_rounds",
        "first_review_outcome",
        "approved_at",
        "signed_on",
        "signed_at",
        "archive_location",
        "cancelled_reason",
    ]
    export_filename = "lease-contracts"
    search_fields = ["number", "customer__name", "delivery_place"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "number",
        "state",
        "due_at",
        "customer",
        "plan",
        "previous_version",
        "template",
        "title",
        "language",
        "period_start",
        "period_end",
        "delivery_date",
        "delivery_place",
        "review_comments",
        "submitted_at",
        "review_rounds",
        "first_review_outcome",
        "approved_at",
        "approved_by",
        "signed_on",
        "customer_signatory",
        "company_signatory",
        "archive_location",
        "signed_at",
        "cancelled_reason",
    ]
    add_panels = [
        MultiFieldPanel(
            [FieldPanel("plan", widget=dj_forms.Select), FieldPanel("template")],
            heading=gettext_lazy("Drafted from"),
        ),
        DETAILS,
    ]
    panels = [
        DETAILS,
        InlinePanel(
            "clauses",
            heading=gettext_lazy("Clauses"),
            label=gettext_lazy("Clause"),
            panels=[FieldPanel("kind"), FieldPanel("title"), FieldPanel("text")],
        ),
        FieldPanel("rebuild_clauses"),
    ]
    transition_forms = {
        "request_changes": RequestChangesForm,
        "sign": SignContractForm,
        "cancel": CancelContractForm,
        "renew": RenewContractForm,
    }

    def get_queryset(self, request):
        return Contract.objects.select_related("customer", "plan")

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=ContractEditForm).bind_to_model(self.model)

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.add_panels, base_form_class=ContractAddForm).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            print_url_name=self.get_url_name("print"),
            assign_url_name=self.get_url_name("assign_units"),
            original_url_name=self.get_url_name("signed_original"),
            renewal_url_name=self.get_url_name("renewal_version"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("print/<int:pk>/", ContractPrintView.as_view(), name="print"),
            path("units/<int:pk>/", AssignUnitsView.as_view(), name="assign_units"),
            path("signed/<int:pk>/", signed_original, name="signed_original"),
            path("renewal/<int:pk>/", RenewalVersionView.as_view(), name="renewal_version"),
        ]
