"""Lease plans in the admin (P2.2): built from a requirement, sent, answered, revised, printed."""

from django import forms as dj_forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView

from workflows.core.money import currency
from workflows.core.views import TransitionView
from workflows.core.viewsets import ProcessInspectView, ProcessRecordViewSet, StateColumn

from .. import services
from ..choices import PlanState as S
from ..forms import DeclinePlanForm, PlanAddForm
from ..models import LeasePlan, Requirement
from .common import (
    PrintView,
    ReadableFieldsMixin,
    RefusingViewSetMixin,
    ServiceFormMixin,
    StateLimitedEditView,
    print_button,
)

TERMS = MultiFieldPanel(
    [
        FieldRowPanel([FieldPanel("payment_method"), FieldPanel("billing_cycle")]),
        FieldRowPanel([FieldPanel("valid_until"), FieldPanel("language")]),
    ],
    heading=_("Payment and validity"),
)
SERVICES = MultiFieldPanel(
    [
        FieldRowPanel(
            [
                FieldPanel("includes_delivery"),
                FieldPanel("includes_maintenance"),
                FieldPanel("includes_training"),
            ]
        ),
        FieldPanel("services_note"),
    ],
    heading=_("Included services"),
)


class PlanCreateView(ServiceFormMixin, CreateView):
    """A plan starts from a requirement (`?requirement=`): its lines come from what was asked."""

    def get_initial_form_instance(self):
        requirement_pk = self.request.GET.get("requirement", "")
        requirement = None
        if requirement_pk.isdigit():
            requirement = Requirement.objects.filter(pk=requirement_pk).first()
        return services.new_plan(requirement, user=self.request.user)

    def get_add_url(self):
        url = super().get_add_url()
        requirement_pk = self.request.GET.get("requirement", "")
        return f"{url}?requirement={requirement_pk}" if requirement_pk.isdigit() else url

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.create_plan(instance, user=self.request.user)

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class PlanEditView(StateLimitedEditView):
    not_editable_message = _(
        "“%(record)s” is “%(state)s”: what the customer received stays as it is. "
        "Revise it to make a new version."
    )

    def save_instance(self):
        self.lock_for_edit()
        return super().save_instance()


class PlanInspectView(ReadableFieldsMixin, ProcessInspectView):
    template_name = "leasing/plan_inspect.html"
    print_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = [*super().header_buttons, print_button(self.print_url())]
        if (
            self.object.state == S.ACCEPTED
            and self.request.user.has_perm("leasing.add_contract")
            and not self.object.contracts.exclude(state="cancelled").exists()
        ):
            buttons.append(
                HeaderButton(
                    _("Create the contract"),
                    url=reverse("wagtailsnippets_leasing_contract:add") + f"?plan={self.object.pk}",
                    icon_name="doc-full-inverse",
                    attrs={"data-create-contract": "true"},
                    priority=5,
                )
            )
        return buttons

    def print_url(self):
        return reverse(self.print_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("equipment_model")
        context["versions"] = LeasePlan.objects.filter(reference=self.object.reference).order_by(
            "version"
        )
        context["contracts"] = self.object.contracts.order_by("-pk")
        return context


class PlanTransitionView(TransitionView):
    """A revision opens the new version for editing; other transitions return as usual."""

    def get_service(self):
        service = super().get_service()

        def run(record, **kwargs):
            self.result = service(record, **kwargs)
            return self.result

        return run

    def get_success_url(self):
        result = getattr(self, "result", None)
        if result is not None and result.pk != self.object.pk:
            return reverse("wagtailsnippets_leasing_leaseplan:edit", args=[result.pk])
        return super().get_success_url()


class PlanPrintView(PrintView):
    model = LeasePlan
    template_name = "leasing/print/plan.html"
    queryset = LeasePlan.objects.select_related("customer", "requirement", "prepared_by")

    def get_context_data(self, record):
        from contact.models import ContactSettings

        return {
            "object": record,
            "plan": record,
            "lines": record.lines.select_related("equipment_model"),
            "company": ContactSettings.load(),
            "currency": currency(),
        }


class TotalColumn(Column):
    cell_template_name = "leasing/tables/amount_cell.html"


class LeasePlanViewSet(RefusingViewSetMixin, ProcessRecordViewSet):
    model = LeasePlan
    icon = "calculator"
    menu_label = _("Lease plans")
    menu_order = 20
    add_view_class = PlanCreateView
    edit_view_class = PlanEditView
    inspect_view_class = PlanInspectView
    transition_view_class = PlanTransitionView
    list_display = [
        "__str__",
        "customer",
        StateColumn("state", label=_("State"), sort_key="state"),
        "valid_until",
        TotalColumn("grand_total", label=_("Total")),
        "sent_at",
    ]
    list_filter = ["state", "payment_method"]
    list_export = [
        "reference",
        "version",
        "state",
        "customer",
        "valid_until",
        "payment_method",
        "billing_cycle",
        "rent_total",
        "deposit",
        "grand_total",
        "sent_at",
        "answered_at",
        "decline_reason",
        "prepared_by",
    ]
    export_filename = "lease-plans"
    search_fields = ["reference", "customer__name"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "reference",
        "version",
        "state",
        "due_at",
        "customer",
        "requirement",
        "valid_until",
        "payment_method",
        "billing_cycle",
        "includes_delivery",
        "includes_maintenance",
        "includes_training",
        "services_note",
        "rent_total",
        "deposit",
        "grand_total",
        "language",
        "prepared_by",
        "sent_at",
        "answered_at",
        "decline_reason",
    ]
    add_panels = [FieldPanel("requirement"), TERMS, SERVICES]
    panels = [
        InlinePanel(
            "lines",
            heading=_("Equipment"),
            label=_("Line"),
            min_num=1,
            panels=[
                FieldRowPanel(
                    [
                        FieldPanel("equipment_model", widget=dj_forms.Select),
                        FieldPanel("configuration"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("quantity"),
                        FieldPanel("rate_basis"),
                        FieldPanel("periods"),
                        FieldPanel("unit_rate"),
                    ]
                ),
            ],
        ),
        FieldPanel("deposit_agreed"),
        TERMS,
        SERVICES,
    ]
    transition_forms = {"decline": DeclinePlanForm}

    def get_queryset(self, request):
        return LeasePlan.objects.select_related("customer", "prepared_by")

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.add_panels, base_form_class=PlanAddForm).bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(print_url_name=self.get_url_name("print"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("print/<int:pk>/", PlanPrintView.as_view(), name="print"),
        ]
