"""Complaints in the admin, with Finance's rent credits and After-sales' service tasks."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    SnippetViewSetGroup,
)

from workflows.core.forms import person
from workflows.core.private_files import private_file_response
from workflows.core.refusal import RefusalMixin, refuse_unless
from workflows.core.viewsets import (
    ProcessEditView,
    ProcessHistoryView,
    ProcessIndexView,
    ProcessInspectView,
    ProcessRecordViewSet,
    StateColumn,
)

from . import access, services
from .choices import DEPARTMENT_GROUPS
from .evidence import EvidenceField
from .forms import (
    AgreePlanForm,
    ApplyRentCreditForm,
    AssignForm,
    CloseForm,
    CommunicateResultForm,
    CompleteServiceTaskForm,
    ExplainAndCloseForm,
    MarkUrgentForm,
    ReopenForm,
    ResolveForm,
)
from .models import Complaint, ComplaintAttachment, RentCredit, ServiceTask

DETAIL_RELATIONS = (
    "customer",
    "contract",
    "unit",
    "recorded_by",
    "investigator",
    "staff_member",
    "plan_owner",
)


class ComplaintAdminForm(WagtailAdminModelForm):
    """Recording or correcting a complaint, with evidence files checked by their content."""

    evidence = EvidenceField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Urgency raised later goes through "Mark as urgent": it starts the emergency procedure.
            self.fields["urgent"].disabled = True
            self.fields["urgent"].help_text = _("To raise the urgency, use “Mark as urgent”.")
            self.fields["evidence"].already = self.instance.attachments.count()
            self.fields["evidence"].label = _("Add photos or documents")


class UrgentColumn(Column):
    cell_template_name = "complaints/tables/urgent_cell.html"


class Refusing(RefusalMixin):
    """Wagtail's own permission check (its permission policy) stays; the PermissionDenied it
    or a command raises becomes the project's 403 instead of a redirect to the dashboard.

    RefusalMixin's `permission_required` would hide Wagtail's (the action, "add" or
    "change"), so each view below names Wagtail's again.
    """

    def has_refusal_permission(self):
        return True


class IndexRefusing(Refusing, ProcessIndexView):
    permission_required = ProcessIndexView.permission_required


class InspectRefusing(Refusing, ProcessInspectView):
    permission_required = ProcessInspectView.permission_required


class EditRefusing(Refusing, ProcessEditView):
    permission_required = ProcessEditView.permission_required


class DeleteRefusing(Refusing, DeleteView):
    permission_required = DeleteView.permission_required


class HistoryRefusing(Refusing, ProcessHistoryView):
    permission_required = ProcessHistoryView.permission_required


class CreateRefusing(Refusing, CreateView):
    permission_required = CreateView.permission_required


class RefusingViewSet(ProcessRecordViewSet):
    """A process viewset whose every view answers a user without permission with 403."""

    index_view_class = IndexRefusing
    add_view_class = CreateRefusing
    edit_view_class = EditRefusing
    delete_view_class = DeleteRefusing
    inspect_view_class = InspectRefusing
    history_view_class = HistoryRefusing


class ComplaintCreateView(CreateRefusing):
    """Recording goes through the service: it numbers, dates, acknowledges and keeps the files."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.record_complaint(
            instance, user=self.request.user, evidence=self.form.cleaned_data["evidence"]
        )


class ComplaintEditView(EditRefusing):
    def save_instance(self):
        instance = super().save_instance()
        services.add_evidence(
            instance, user=self.request.user, evidence=self.form.cleaned_data["evidence"]
        )
        return instance


class ComplaintInspectView(InspectRefusing):
    """The complaint with its evidence, compensation and published updates; a department
    sees only its own complaints (404 for the others)."""

    template_name = "complaints/inspect.html"

    def get_object(self, queryset=None):
        visible = access.visible_complaints(
            self.request.user, Complaint.objects.select_related(*DETAIL_RELATIONS)
        )
        return get_object_or_404(visible, pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        context.update(
            attachments=[
                {
                    "name": attachment.original_name,
                    "size": attachment.size,
                    "is_image": attachment.is_image,
                    "url": reverse(
                        "wagtailsnippets_complaints_complaint:evidence", args=[attachment.pk]
                    ),
                }
                for attachment in complaint.attachments.all()
            ],
            rent_credits=list(complaint.rent_credits.all()),
            service_tasks=list(complaint.service_tasks.all()),
            public_updates=list(complaint.public_updates()),
            tracking_url=complaint.get_tracking_url(),
        )
        return context


def may_see_evidence(user, record=None):
    return user.has_perm(access.VIEW) or access.sees_every_complaint(user)


@refuse_unless(may_see_evidence)
def evidence_view(request, pk):
    """An evidence file, for staff who may see its complaint; never shown inline as HTML."""
    attachment = get_object_or_404(ComplaintAttachment.objects.select_related("complaint"), pk=pk)
    visible = access.visible_complaints(
        request.user, Complaint.objects.filter(pk=attachment.complaint_id)
    )
    if not visible.exists():
        raise Http404
    return private_file_response(
        attachment.file,
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )


class ComplaintViewSet(RefusingViewSet):
    model = Complaint
    icon = "warning"
    menu_label = _("Complaints")
    add_view_class = ComplaintCreateView
    edit_view_class = ComplaintEditView
    inspect_view_class = ComplaintInspectView
    list_display = [
        "reference",
        "complainant_name",
        "category",
        UrgentColumn("urgent", label=_("Urgent"), sort_key="urgent"),
        StateColumn("state", label=_("State"), sort_key="state"),
        "department",
        "received_at",
    ]
    list_filter = ["state", "urgent", "category", "channel", "department"]
    list_export = [
        "reference",
        "state",
        "urgent",
        "received_at",
        "channel",
        "complainant_name",
        "company",
        "phone",
        "email",
        "customer",
        "category",
        "description",
        "matter_reference",
        "contract",
        "unit",
        "department",
        "investigator",
        "staff_member",
        "measures",
        "plan_owner",
        "plan_deadline",
        "compensation",
        "resolution",
        "result_message",
        "communicated_via",
        "communicated_at",
        "explanation",
        "root_cause",
        "root_cause_detail",
        "corrective_action",
        "closed_at",
        "reopened_count",
        "satisfaction",
        "rating_comment",
        "rated_at",
    ]
    export_filename = "complaints"
    search_fields = ["reference", "complainant_name", "company", "description", "phone", "email"]
    ordering = ["-received_at"]
    inspect_view_fields = [
        "reference",
        "state",
        "due_at",
        "urgent",
        "urgent_since",
        "received_at",
        "channel",
        "complainant_name",
        "company",
        "phone",
        "email",
        "customer",
        "language",
        "category",
        "description",
        "matter_reference",
        "contract",
        "unit",
        "recorded_by",
        "department",
        "investigator",
        "staff_member",
        "assigned_at",
        "measures",
        "plan_owner",
        "plan_deadline",
        "compensation",
        "plan_agreed_at",
        "resolution",
        "resolved_at",
        "result_message",
        "communicated_via",
        "communicated_at",
        "explanation",
        "root_cause",
        "root_cause_detail",
        "corrective_action",
        "closed_at",
        "reopened_count",
        "deadlines_missed",
        "satisfaction",
        "rating_comment",
        "rated_at",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("channel"), FieldPanel("received_at")]),
                    FieldPanel("urgent"),
                ],
                heading=_("Arrival"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("complainant_name"), FieldPanel("company")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldRowPanel([FieldPanel("customer"), FieldPanel("language")]),
                ],
                heading=_("Complainant"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("category"),
                    FieldPanel("description"),
                    FieldPanel("matter_reference"),
                    FieldRowPanel([FieldPanel("contract"), FieldPanel("unit")]),
                    FieldPanel("evidence"),
                ],
                heading=_("What happened"),
            ),
        ],
        base_form_class=ComplaintAdminForm,
    )
    transition_forms = {
        "assign": AssignForm,
        "agree_plan": AgreePlanForm,
        "resolve": ResolveForm,
        "communicate_result": CommunicateResultForm,
        "close": CloseForm,
        "explain_and_close": ExplainAndCloseForm,
        "reopen": ReopenForm,
        "mark_urgent": MarkUrgentForm,
    }

    def get_queryset(self, request):
        return access.visible_complaints(request.user, Complaint.objects.all())

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("evidence/<int:pk>/", evidence_view, name="evidence"),
        ]


class RentCreditViewSet(RefusingViewSet):
    """Rent reductions agreed in complaints, for Finance to apply (created only by a plan)."""

    model = RentCredit
    search_fields = ["reason", "finance_reference", "complaint__reference", "customer__name"]
    person_pickers = {"agreed_by": person(*DEPARTMENT_GROUPS.values())}
    icon = "doc-full"
    menu_label = _("Rent credits")
    list_display = [
        "complaint",
        "contract",
        "customer",
        "amount",
        "currency",
        StateColumn("state", label=_("State"), sort_key="state"),
        "created_at",
    ]
    list_filter = ["state"]
    list_export = [
        "complaint",
        "contract",
        "customer",
        "amount",
        "currency",
        "reason",
        "state",
        "finance_reference",
        "applied_at",
        "created_at",
    ]
    export_filename = "rent_credits"
    inspect_view_fields = [
        "complaint",
        "contract",
        "customer",
        "amount",
        "currency",
        "reason",
        "state",
        "agreed_by",
        "created_at",
        "finance_reference",
        "applied_at",
    ]
    transition_forms = {"apply": ApplyRentCreditForm}

    def get_queryset(self, request):
        return RentCredit.objects.select_related("complaint", "contract", "customer")


class ServiceTaskViewSet(RefusingViewSet):
    """Extra services agreed in complaints, for After-sales (created only by a plan)."""

    model = ServiceTask
    search_fields = ["description", "outcome", "complaint__reference"]
    person_pickers = {"agreed_by": person(*DEPARTMENT_GROUPS.values())}
    icon = "cogs"
    menu_label = _("Service tasks")
    list_display = [
        "complaint",
        "description",
        "due_date",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state"]
    list_export = ["complaint", "description", "due_date", "state", "outcome", "done_at"]
    export_filename = "service_tasks"
    inspect_view_fields = [
        "complaint",
        "description",
        "due_date",
        "state",
        "agreed_by",
        "created_at",
        "outcome",
        "done_at",
    ]
    transition_forms = {"complete": CompleteServiceTaskForm}

    def get_queryset(self, request):
        return ServiceTask.objects.select_related("complaint")


class ComplaintViewSetGroup(SnippetViewSetGroup):
    items = (ComplaintViewSet, RentCreditViewSet, ServiceTaskViewSet)
    menu_label = _("Complaints")
    menu_icon = "warning"
    menu_order = 150
