"""Requirements in the admin (P2.1): recorded from a consultation, the start of a plan."""

from django import forms as dj_forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView, InspectView, SnippetViewSet

from workflows.core import roles
from workflows.core.exports import SafeExportIndexView
from workflows.core.forms import PersonPickersViewSetMixin, person

from .. import services
from ..models import LeasePlan, Requirement
from .common import RefusingViewSetMixin, ServiceFormMixin


class RequirementCreateView(ServiceFormMixin, CreateView):
    """From a consultation handed to Sales (`?consultation=`), the form comes prefilled."""

    def get_initial_form_instance(self):
        from workflows.consultations.models import Consultation

        consultation_pk = self.request.GET.get("consultation")
        if consultation_pk and consultation_pk.isdigit():
            consultation = get_object_or_404(Consultation, pk=consultation_pk)
            return services.requirement_from_consultation(consultation, user=self.request.user)
        return super().get_initial_form_instance() or Requirement(taken_by=self.request.user)

    def get_add_url(self):
        url = super().get_add_url()
        consultation_pk = self.request.GET.get("consultation", "")
        return f"{url}?consultation={consultation_pk}" if consultation_pk.isdigit() else url

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.record_requirement(instance, user=self.request.user)

    def get_success_url(self):
        return reverse("wagtailsnippets_leasing_requirement:inspect", args=[self.object.pk])


class RequirementInspectView(InspectView):
    template_name = "leasing/requirement_inspect.html"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("leasing.add_leaseplan"):
            buttons.append(
                HeaderButton(
                    _("Build a lease plan"),
                    url=reverse("wagtailsnippets_leasing_leaseplan:add")
                    + f"?requirement={self.object.pk}",
                    icon_name="plus",
                    attrs={"data-build-plan": "true"},
                    priority=10,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("equipment_model")
        context["plans"] = LeasePlan.objects.filter(requirement=self.object).order_by(
            "reference", "version"
        )
        return context


class RequirementViewSet(RefusingViewSetMixin, PersonPickersViewSetMixin, SnippetViewSet):
    model = Requirement
    person_pickers = {"taken_by": person(roles.SALES, current=True)}
    icon = "clipboard-list"
    menu_label = _("Requirements")
    menu_order = 10
    add_view_class = RequirementCreateView
    index_view_class = SafeExportIndexView
    inspect_view_class = RequirementInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "site_address", "taken_by", "taken_at"]
    list_filter = ["taken_by"]
    list_export = [
        "customer",
        "period_start",
        "period_end",
        "site_address",
        "usage_conditions",
        "consultation",
        "taken_by",
        "taken_at",
    ]
    export_filename = "requirements"
    search_fields = ["site_address", "usage_conditions", "customer__name"]
    # Substring search in the database (as the process listings): the models have no search
    # index, and Chinese text is not split into words.
    search_backend_name = None
    ordering = ["-taken_at"]
    inspect_view_fields = [
        "customer",
        "consultation",
        "period_start",
        "period_end",
        "site_address",
        "usage_conditions",
        "language",
        "taken_by",
        "taken_at",
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("customer"), FieldPanel("consultation"), FieldPanel("language")],
            heading=_("Customer"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("site_address"),
                FieldPanel("usage_conditions"),
            ],
            heading=_("Lease"),
        ),
        InlinePanel(
            "lines",
            heading=_("Equipment needed"),
            label=_("Equipment"),
            min_num=1,
            panels=[
                FieldPanel("equipment_model", widget=dj_forms.Select),
                FieldPanel("description"),
                FieldPanel("quantity"),
            ],
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("taken_by"), FieldPanel("taken_at")])],
            heading=_("Taken"),
        ),
    ]

    def get_queryset(self, request):
        return Requirement.objects.select_related("customer", "taken_by", "consultation")
