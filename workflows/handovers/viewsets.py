"""The handovers in the admin: deliveries, returns and refurbishments, one menu group."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import CreateView, SnippetViewSetGroup

from workflows.core.columns import yes_no
from workflows.core.viewsets import ProcessInspectView, ProcessRecordViewSet, StateColumn
from workflows.leasing.models import Contract
from workflows.leasing.viewsets.common import RefusingViewSetMixin, ServiceFormMixin

from . import services
from .forms import (
    DeliveryAddForm,
    DemonstrateForm,
    DisputeForm,
    FinishRefurbishmentForm,
    ReturnAddForm,
)
from .models import Delivery, LeaseReturn, Refurbishment
from .views import DeliveryPrintView, DeliverySheetView, ReturnSheetView, handover_file


class FromContractCreateView(ServiceFormMixin, CreateView):
    """Scheduled from a contract (`?contract=`): date and place come from the contract."""

    new_record = None
    create_service = None

    def get_initial_form_instance(self):
        pk = self.request.GET.get("contract", "")
        contract = Contract.objects.filter(pk=pk).first() if pk.isdigit() else None
        if contract is None:
            return self.model()
        return type(self).new_record(contract)

    def get_add_url(self):
        url = super().get_add_url()
        pk = self.request.GET.get("contract", "")
        return f"{url}?contract={pk}" if pk.isdigit() else url

    def save_instance(self):
        instance = self.form.save(commit=False)
        return type(self).create_service(instance, user=self.request.user)


class DeliveryCreateView(FromContractCreateView):
    new_record = staticmethod(services.new_delivery)
    create_service = staticmethod(services.schedule_delivery)

    def get_success_url(self):
        return reverse("handovers_delivery_sheet", args=[self.object.pk])


class ReturnCreateView(FromContractCreateView):
    new_record = staticmethod(services.new_return)
    create_service = staticmethod(services.schedule_return)

    def get_success_url(self):
        return reverse("handovers_return_sheet", args=[self.object.pk])


class SheetInspectView(ProcessInspectView):
    sheet_url_name = None
    print_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = [*super().header_buttons]
        buttons.append(
            HeaderButton(
                _("Work sheet"),
                url=reverse(self.sheet_url_name, args=[self.object.pk]),
                icon_name="list-ul",
                priority=40,
            )
        )
        if self.print_url_name:
            buttons.append(
                HeaderButton(
                    _("Print the checklist"),
                    url=reverse(self.print_url_name, args=[self.object.pk]),
                    icon_name="doc-full",
                    priority=45,
                )
            )
        return buttons


class DeliveryInspectView(SheetInspectView):
    sheet_url_name = "handovers_delivery_sheet"
    print_url_name = "handovers_delivery_print"


class ReturnInspectView(SheetInspectView):
    sheet_url_name = "handovers_return_sheet"


SCHEDULE = MultiFieldPanel(
    [
        FieldRowPanel(
            [FieldPanel("scheduled_on"), FieldPanel("window_start"), FieldPanel("window_end")]
        ),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("crew"), FieldPanel("vehicle")]),
    ],
    heading=gettext_lazy("Schedule"),
)


class DeliveryViewSet(RefusingViewSetMixin, ProcessRecordViewSet):
    model = Delivery
    icon = "tick"
    menu_label = gettext_lazy("Deliveries")
    add_view_class = DeliveryCreateView
    inspect_view_class = DeliveryInspectView
    list_display = [
        "reference",
        "contract",
        "scheduled_on",
        "place",
        StateColumn("state", label=gettext_lazy("State"), sort_key="state"),
        yes_no(Delivery, "on_time"),
    ]
    list_filter = ["state", "on_time"]
    list_export = [
        "reference",
        "contract",
        "state",
        "scheduled_on",
        "place",
        "crew",
        "vehicle",
        "dispatched_at",
        "demonstrated_at",
        "accepted_at",
        "on_time",
    ]
    search_fields = ["reference", "contract__number", "place"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "contract",
        "scheduled_on",
        "window_start",
        "window_end",
        "place",
        "crew",
        "vehicle",
        "dispatched_at",
        "demonstrated_at",
        "attendees",
        "demonstration_notes",
        "accepted_at",
        "on_time",
    ]
    transition_forms = {"demonstrate": DemonstrateForm}
    add_panels = [FieldPanel("contract"), SCHEDULE]
    panels = [SCHEDULE]

    def get_queryset(self, request):
        return Delivery.objects.select_related("contract")

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.add_panels, base_form_class=DeliveryAddForm).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


RETURN_SCHEDULE = MultiFieldPanel(
    [
        FieldRowPanel(
            [FieldPanel("return_on"), FieldPanel("window_start"), FieldPanel("window_end")]
        ),
        FieldPanel("place"),
    ],
    heading=gettext_lazy("Time and place agreed"),
)


class ReturnViewSet(RefusingViewSetMixin, ProcessRecordViewSet):
    model = LeaseReturn
    icon = "undo"
    menu_label = gettext_lazy("Returns")
    add_view_class = ReturnCreateView
    inspect_view_class = ReturnInspectView
    list_display = [
        "reference",
        "contract",
        "return_on",
        "place",
        StateColumn("state", label=gettext_lazy("State"), sort_key="state"),
    ]
    list_filter = ["state"]
    list_export = [
        "reference",
        "contract",
        "state",
        "return_on",
        "place",
        "inspected_at",
        "dispute_reason",
        "agreed_at",
    ]
    search_fields = ["reference", "contract__number", "place"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "contract",
        "return_on",
        "window_start",
        "window_end",
        "place",
        "inspected_at",
        "dispute_reason",
        "agreed_at",
    ]
    transition_forms = {"dispute": DisputeForm}
    add_panels = [FieldPanel("contract"), RETURN_SCHEDULE]
    panels = [RETURN_SCHEDULE]

    def get_queryset(self, request):
        return LeaseReturn.objects.select_related("contract")

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.add_panels, base_form_class=ReturnAddForm).bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class RefurbishmentViewSet(RefusingViewSetMixin, ProcessRecordViewSet):
    model = Refurbishment
    icon = "cogs"
    menu_label = gettext_lazy("Refurbishments")
    add_view_enabled = False
    list_display = [
        "reference",
        "unit",
        "expected_done_on",
        StateColumn("state", label=gettext_lazy("State"), sort_key="state"),
    ]
    list_filter = ["state"]
    list_export = ["reference", "unit", "state", "expected_done_on", "work_done", "done_at"]
    search_fields = ["reference", "unit__asset_number"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "unit",
        "return_unit",
        "expected_done_on",
        "work_done",
        "done_at",
    ]
    transition_forms = {"finish": FinishRefurbishmentForm}
    panels = [FieldPanel("expected_done_on")]

    def get_queryset(self, request):
        return Refurbishment.objects.select_related("unit__equipment_model")


class HandoverViewSetGroup(SnippetViewSetGroup):
    items = (DeliveryViewSet, ReturnViewSet, RefurbishmentViewSet)
    menu_icon = "tick"
    menu_label = gettext_lazy("Handovers")
    menu_name = "handovers"
    menu_order = 35


def urls():
    return [
        path(
            "handovers/delivery/<int:pk>/sheet/",
            DeliverySheetView.as_view(),
            name="handovers_delivery_sheet",
        ),
        path(
            "handovers/delivery/<int:pk>/print/",
            DeliveryPrintView.as_view(),
            name="handovers_delivery_print",
        ),
        path(
            "handovers/return/<int:pk>/sheet/",
            ReturnSheetView.as_view(),
            name="handovers_return_sheet",
        ),
        path("handovers/file/<str:kind>/<int:pk>/", handover_file, name="handovers_file"),
    ]
