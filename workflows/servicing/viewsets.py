"""Maintenance visits and repairs in the admin: one "Maintenance" menu for After-sales."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from workflows.core import roles
from workflows.core.forms import person
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .forms import (
    CancelVisitForm,
    DiagnoseForm,
    FinishRepairForm,
    RecordVisitForm,
    RepairAddForm,
    SignOffForm,
    VerifyRepairForm,
)
from .models import MaintenanceVisit, Repair
from .services import (
    cancel_visit,
    diagnose_repair,
    finish_repair,
    record_visit,
    sign_off_visit,
    verify_repair,
)
from .views import RepairCreateView


class MaintenanceVisitViewSet(ProcessRecordViewSet):
    model = MaintenanceVisit
    person_pickers = {"technician": person(roles.AFTER_SALES, superusers=True, current=True)}
    icon = "calendar-check"
    menu_label = _("Maintenance visits")
    add_view_enabled = False
    list_display = [
        "reference",
        "unit",
        "customer",
        "contract",
        "due_on",
        StateColumn("state", label=_("State"), sort_key="state"),
        "technician",
    ]
    list_filter = ["state", "technician"]
    list_export = [
        "reference",
        "state",
        "unit",
        "customer",
        "contract",
        "due_on",
        "technician",
        "visited_at",
        "cleaned",
        "lubricated",
        "tightened",
        "checked",
        "readings",
        "findings",
        "customer_signatory",
        "signed_off_at",
    ]
    export_filename = "maintenance_visits"
    search_fields = ["reference", "findings", "readings"]
    ordering = ["due_on"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "unit",
        "customer",
        "contract",
        "due_on",
        "technician",
        "visited_at",
        "cleaned",
        "lubricated",
        "tightened",
        "checked",
        "readings",
        "findings",
        "customer_signatory",
        "signed_off_at",
        "cancel_reason",
    ]
    panels = [FieldPanel("technician")]
    transition_forms = {
        "record": RecordVisitForm,
        "sign_off": SignOffForm,
        "cancel": CancelVisitForm,
    }
    transition_services = {
        "record": record_visit,
        "sign_off": sign_off_visit,
        "cancel": cancel_visit,
    }

    def get_queryset(self, request):
        return MaintenanceVisit.objects.select_related(
            "unit__equipment_model", "customer", "contract", "technician"
        )


class RepairViewSet(ProcessRecordViewSet):
    model = Repair
    icon = "cogs"
    menu_label = _("Repairs")
    add_view_class = RepairCreateView
    list_display = [
        "reference",
        "unit",
        "customer",
        "source",
        StateColumn("state", label=_("State"), sort_key="state"),
        "major",
        "expected_completion_on",
        "reported_at",
    ]
    list_filter = ["state", "source", "major"]
    list_export = [
        "reference",
        "state",
        "unit",
        "customer",
        "contract",
        "source",
        "reported_at",
        "reported_by_name",
        "fault",
        "diagnosis",
        "major",
        "expected_completion_on",
        "work_done",
        "repaired_by",
        "verification",
        "verified_by",
    ]
    export_filename = "repairs"
    search_fields = ["reference", "fault", "diagnosis"]
    ordering = ["-reported_at"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "unit",
        "customer",
        "contract",
        "source",
        "visit",
        "follow_up",
        "service_task",
        "reported_at",
        "reported_by_name",
        "fault",
        "diagnosis",
        "major",
        "expected_completion_on",
        "replacement_booking",
        "work_done",
        "repaired_by",
        "verification",
        "verified_by",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit"), FieldPanel("contract")]),
            FieldPanel("reported_by_name"),
            FieldPanel("fault"),
        ],
        base_form_class=RepairAddForm,
    )
    transition_forms = {
        "diagnose": DiagnoseForm,
        "finish": FinishRepairForm,
        "verify": VerifyRepairForm,
    }
    transition_services = {
        "diagnose": diagnose_repair,
        "finish": finish_repair,
        "verify": verify_repair,
    }

    def get_queryset(self, request):
        return Repair.objects.select_related("unit__equipment_model", "customer", "contract")


class ServicingViewSetGroup(SnippetViewSetGroup):
    items = (MaintenanceVisitViewSet, RepairViewSet)
    menu_label = _("Maintenance")
    menu_icon = "cogs"
    menu_order = 160
