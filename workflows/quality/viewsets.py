"""Admin listings of quality: surveys (read-only), KPI targets (Management edits), and
Supervision's inspections, rectification orders, problem reports and checklists."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from workflows.core import roles
from workflows.core.columns import PersonColumn, yes_no
from workflows.core.exports import SafeExportIndexView
from workflows.core.forms import ANY_STAFF, PersonPickersViewSetMixin, person
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .forms import (
    AcknowledgeForm,
    AssessmentForm,
    CompleteInspectionForm,
    EvidenceForm,
    ProblemRewardForm,
    ReviewAssessmentForm,
    SendBackForm,
)
from .models import (
    Assessment,
    AssessmentBand,
    ChecklistItem,
    Finding,
    Inspection,
    InspectionPlan,
    KPITarget,
    ProblemReport,
    RectificationOrder,
    Survey,
)
from .views import (
    AssessmentCreateView,
    AssessmentInspectView,
    FindingCreateView,
    InspectionCreateView,
    ProblemReportCreateView,
    RectificationOrderCreateView,
)


class SurveyViewSet(PersonPickersViewSetMixin, SnippetViewSet):
    model = Survey
    person_pickers = {"employee": ANY_STAFF}
    icon = "pick"
    index_view_class = SafeExportIndexView
    menu_label = _("Satisfaction surveys")
    list_display = [
        "name",
        "occasion",
        "source_label",
        "department",
        "employee",
        "sent_at",
        "reminded_at",
        "answered_at",
        "average",
    ]
    list_filter = ["occasion", "department"]
    search_fields = ["name", "source_label"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "occasion",
        "source_label",
        "customer",
        "department",
        "employee",
        "language",
        "sent_at",
        "reminded_at",
        "answered_at",
        "attitude",
        "efficiency",
        "quality",
        "problem_solving",
        "comment",
    ]

    def get_queryset(self, request):
        return Survey.objects.select_related("employee", "customer")


class KPITargetViewSet(SnippetViewSet):
    model = KPITarget
    search_fields = ["code"]
    icon = "crosshairs"
    menu_label = _("KPI targets")
    list_display = ["__str__", "target", "weight", yes_no(KPITarget, "active")]


class ChecklistItemViewSet(SnippetViewSet):
    model = ChecklistItem
    search_fields = ["text"]
    icon = "list-ul"
    menu_label = _("Checklists")
    list_display = ["text", "area", "sort_order", yes_no(ChecklistItem, "active")]
    list_filter = ["area", "active"]


class InspectionPlanViewSet(SnippetViewSet):
    model = InspectionPlan
    icon = "date"
    menu_label = _("Inspection plan")
    list_display = [
        "area",
        "department",
        "frequency",
        "first_on",
        "inspector_role",
        yes_no(InspectionPlan, "active"),
    ]
    list_filter = ["area", "department", "active"]


class InspectionViewSet(ProcessRecordViewSet):
    model = Inspection
    person_pickers = {"inspector": person(roles.SUPERVISION, current=True)}
    icon = "search"
    menu_label = _("Inspections")
    list_display = [
        "reference",
        "kind",
        "area",
        "department",
        "planned_for",
        "inspector",
        StateColumn("state", label=_("State")),
    ]
    list_filter = ["state", "kind", "area", "department"]
    search_fields = ["reference", "summary"]
    transition_forms = {"complete": CompleteInspectionForm}
    add_view_class = InspectionCreateView
    panels = [
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("department"),
        FieldPanel("planned_for"),
        FieldPanel("inspector"),
    ]

    def get_queryset(self, request):
        return Inspection.objects.select_related("inspector")


class RectificationOrderViewSet(ProcessRecordViewSet):
    model = RectificationOrder
    person_pickers = {"owner": ANY_STAFF}
    icon = "tasks"
    menu_label = _("Rectification orders")
    list_display = [
        "reference",
        "department",
        "owner",
        "deadline",
        StateColumn("state", label=_("State")),
    ]
    list_filter = ["state", "department"]
    search_fields = ["reference", "required_action"]
    transition_forms = {"mark_done": EvidenceForm, "send_back": SendBackForm}
    add_view_class = RectificationOrderCreateView
    panels = [
        FieldPanel("finding"),
        FieldPanel("owner"),
        FieldPanel("deadline"),
        FieldPanel("required_action"),
    ]

    def get_queryset(self, request):
        queryset = RectificationOrder.objects.select_related("owner", "finding")
        return RectificationOrder.visible_to(request.user, queryset)


class ReporterColumn(PersonColumn):
    """The reporter's name for Supervision only (and HR when the reporter gave it)."""

    def name_person(self, instance, user):
        return instance.reporter_label(self._user)

    def get_cell_context_data(self, instance, parent_context):
        self._user = parent_context["request"].user
        return super().get_cell_context_data(instance, parent_context)


class ProblemReportViewSet(ProcessRecordViewSet):
    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    list_display = [
        "reference",
        "area",
        "department",
        ReporterColumn("reporter", label=_("Reported by")),
        StateColumn("state", label=_("State")),
        StateColumn("reward_state", label=_("Reward")),
    ]
    list_filter = ["state", "reward_state", "area"]
    search_fields = ["reference", "description"]
    inspect_view_fields = [
        "reference",
        "area",
        "department",
        "description",
        "assessment",
        "reward_state",
        "reward_note",
        "reward_given_at",
    ]
    panels = [
        FieldPanel("area"),
        FieldPanel("department"),
        FieldPanel("description"),
        FieldPanel("anonymous"),
    ]
    add_view_class = ProblemReportCreateView
    transition_forms = {
        "mark_useful": AssessmentForm,
        "dismiss": AssessmentForm,
        "give_reward": ProblemRewardForm,
    }

    def get_queryset(self, request):
        """Supervision sees every report; HR the rewarded ones; everyone else their own."""
        return ProblemReport.visible_to(
            request.user, ProblemReport.objects.select_related("reporter")
        )


class AssessmentViewSet(ProcessRecordViewSet):
    model = Assessment
    person_pickers = {"employee": ANY_STAFF}
    icon = "user"
    menu_label = _("Assessments")
    list_display = [
        "reference",
        "employee",
        "kind",
        "period_start",
        "period_end",
        "score",
        "band",
        "recommendation",
        StateColumn("state", label=_("State")),
    ]
    list_filter = ["state", "kind", "department", "recommendation"]
    search_fields = ["reference"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("employee"),
        FieldPanel("department"),
        FieldPanel("period_start"),
        FieldPanel("period_end"),
        FieldPanel("complaint"),
        FieldPanel("incident"),
    ]
    add_view_class = AssessmentCreateView
    inspect_view_fields = [
        "reference",
        "employee",
        "kind",
        "department",
        "period_start",
        "period_end",
        "complaint",
        "incident",
        "results",
        "findings",
        "surveys",
        "survey_average",
        "score",
        "band",
        "bonus_percent",
        "recommendation",
        "training_needs",
        "manager_comment",
        "employee_comment",
        "published_at",
        "acknowledged_at",
        "proposals",
    ]
    inspect_view_class = AssessmentInspectView
    transition_forms = {"review": ReviewAssessmentForm, "acknowledge": AcknowledgeForm}

    def get_queryset(self, request):
        """HR and managers see every assessment; an employee their own once published."""
        return Assessment.visible_to(request.user, Assessment.objects.select_related("employee"))


class AssessmentBandViewSet(SnippetViewSet):
    model = AssessmentBand
    search_fields = ["label"]
    icon = "form"
    menu_label = _("Assessment bands")
    list_display = [
        "label",
        "min_score",
        "bonus_percent",
        yes_no(AssessmentBand, "excellent"),
        yes_no(AssessmentBand, "unfit"),
    ]


class FindingViewSet(PersonPickersViewSetMixin, SnippetViewSet):
    """Findings are recorded (by the command) while their inspection is in progress."""

    model = Finding
    search_fields = ["description", "inspection__reference"]
    person_pickers = {"employee": ANY_STAFF}
    icon = "warning"
    menu_label = _("Findings")
    index_view_class = SafeExportIndexView
    add_view_class = FindingCreateView
    list_display = [
        "description",
        "inspection",
        yes_no(Finding, "conforms"),
        "employee",
        "recorded_at",
    ]
    list_filter = ["conforms"]
    panels = [
        FieldPanel("inspection"),
        FieldPanel("checklist_item"),
        FieldPanel("conforms"),
        FieldPanel("description"),
        FieldPanel("employee"),
    ]

    def get_queryset(self, request):
        return Finding.objects.select_related("inspection", "employee")


class QualityViewSetGroup(SnippetViewSetGroup):
    items = (
        SurveyViewSet,
        InspectionViewSet,
        FindingViewSet,
        RectificationOrderViewSet,
        ProblemReportViewSet,
        ChecklistItemViewSet,
        InspectionPlanViewSet,
        AssessmentViewSet,
        AssessmentBandViewSet,
        KPITargetViewSet,
    )
    menu_icon = "pick"
    menu_label = _("Quality")
    menu_name = "quality"
