from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from workflows.core.exports import SafeExportIndexView
from workflows.core.forms import ANY_STAFF, PersonPickersViewSetMixin
from workflows.core.imports import ImportableViewSetMixin
from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .forms import AssignMentorForm, DeclineForm, EvaluateForm, HoldForm, ReviewForm
from .imports import AttendanceImport, StaffProfileImport
from .models import (
    CareerMove,
    DevelopmentPlan,
    Enrolment,
    MentorPair,
    QuizAttempt,
    StaffProfile,
    TrainingSession,
)
from .views import (
    CareerMoveCreateView,
    CareerMoveInspectView,
    DevelopmentPlanCreateView,
    MentorPairCreateView,
    MentorPairInspectView,
    SessionCreateView,
)


class TrainingSessionViewSet(ProcessRecordViewSet):
    model = TrainingSession
    icon = "group"
    menu_label = _("Training sessions")
    add_view_class = SessionCreateView
    list_display = [
        "reference",
        "title",
        "kind",
        "topic",
        "starts_at",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state", "kind", "topic"]
    search_fields = ["reference", "title", "trainer"]
    ordering = ["-starts_at"]
    inspect_view_fields = [
        "reference",
        "state",
        "title",
        "kind",
        "topic",
        "trainer",
        "starts_at",
        "place",
        "audience",
        "evaluation",
        "plan_adjustment",
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("topic"),
        FieldPanel("trainer"),
        FieldPanel("starts_at"),
        FieldPanel("place"),
        FieldPanel("audience"),
    ]
    transition_forms = {"hold": HoldForm, "evaluate": EvaluateForm}

    def get_queryset(self, request):
        return TrainingSession.objects.all()


class QuizAttemptViewSet(PersonPickersViewSetMixin, SnippetViewSet):
    model = QuizAttempt
    search_fields = ["course__title", "employee__last_name", "employee__first_name"]
    person_pickers = {"employee": ANY_STAFF}
    icon = "tick-inverse"
    menu_label = _("Quiz results")
    index_view_class = SafeExportIndexView
    list_display = ["employee", "course", "score", "passed", "taken_at"]
    list_filter = ["passed"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return QuizAttempt.objects.select_related("employee", "course")


class StaffProfileViewSet(ImportableViewSetMixin, PersonPickersViewSetMixin, SnippetViewSet):
    model = StaffProfile
    search_fields = ["position", "user__last_name", "user__first_name", "user__username"]
    person_pickers = {
        "user": ANY_STAFF,
        "mentor": ANY_STAFF,
    }
    icon = "user"
    menu_label = _("Staff profiles")
    index_view_class = SafeExportIndexView
    import_spec = StaffProfileImport
    list_display = ["user", "department", "position", "track", "level", "hire_date", "mentor"]
    list_filter = ["department", "track"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("user", "mentor")


class AttendanceViewSet(ImportableViewSetMixin, SnippetViewSet):
    """Who attended each session and how they did; imported from Excel or corrected here.
    Enrolments are made by the session's command, not added here."""

    model = Enrolment
    icon = "list-ul"
    menu_label = _("Attendance")
    index_view_class = SafeExportIndexView
    import_spec = AttendanceImport
    list_display = ["session", "employee", "attended", "exam_score", "practical_passed"]
    list_filter = ["attended", "practical_passed"]
    search_fields = ["feedback"]
    copy_view_enabled = False
    panels = [
        FieldPanel("attended"),
        FieldPanel("exam_score"),
        FieldPanel("practical_passed"),
        FieldPanel("feedback"),
    ]

    def get_queryset(self, request):
        return Enrolment.objects.select_related("session", "employee")


class DevelopmentPlanViewSet(ProcessRecordViewSet):
    model = DevelopmentPlan
    person_pickers = {
        "employee": ANY_STAFF,
        "mentor": ANY_STAFF,
    }
    icon = "doc-full"
    menu_label = _("Development plans")
    add_view_class = DevelopmentPlanCreateView
    list_display = [
        "reference",
        "employee",
        "target_track",
        "target_level",
        "review_on",
        "mentor",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state", "target_track"]
    search_fields = ["reference", "goals", "actions"]
    ordering = ["review_on"]
    inspect_view_fields = [
        "reference",
        "state",
        "employee",
        "target_track",
        "target_level",
        "goals",
        "actions",
        "mentor",
        "review_on",
        "last_reviewed_on",
        "review_notes",
    ]
    panels = [
        FieldPanel("employee"),
        FieldPanel("target_track"),
        FieldPanel("target_level"),
        FieldPanel("goals"),
        FieldPanel("actions"),
        FieldPanel("mentor"),
        FieldPanel("review_on"),
    ]
    transition_forms = {"review": ReviewForm}

    def get_queryset(self, request):
        return DevelopmentPlan.objects.select_related("employee", "mentor")


class CareerMoveViewSet(ProcessRecordViewSet):
    model = CareerMove
    person_pickers = {"employee": ANY_STAFF}
    icon = "arrow-up"
    menu_label = _("Promotions and rotations")
    add_view_class = CareerMoveCreateView
    list_display = [
        "reference",
        "employee",
        "kind",
        "to_department",
        "to_position",
        "effective_on",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state", "kind", "to_department"]
    search_fields = ["reference", "to_position", "reason"]
    ordering = ["-effective_on"]
    inspect_view_fields = [
        "reference",
        "state",
        "employee",
        "kind",
        "reason",
        "from_department",
        "from_position",
        "from_level",
        "to_department",
        "to_position",
        "to_track",
        "to_level",
        "effective_on",
        "assessment",
    ]
    inspect_view_class = CareerMoveInspectView
    panels = [
        FieldPanel("employee"),
        FieldPanel("kind"),
        FieldPanel("reason"),
        FieldPanel("to_department"),
        FieldPanel("to_position"),
        FieldPanel("to_track"),
        FieldPanel("to_level"),
        FieldPanel("effective_on"),
    ]
    transition_forms = {"decline": DeclineForm}

    def get_queryset(self, request):
        return CareerMove.objects.select_related("employee", "assessment")


class MentorPairViewSet(ProcessRecordViewSet):
    model = MentorPair
    search_fields = [
        "notes",
        "mentee__last_name",
        "mentee__first_name",
        "mentor__last_name",
        "mentor__first_name",
    ]
    person_pickers = {
        "mentor": ANY_STAFF,
        "mentee": ANY_STAFF,
    }
    icon = "group"
    menu_label = _("Mentor pairs")
    add_view_class = MentorPairCreateView
    list_display = [
        "mentee",
        "mentor",
        "reason",
        "starts_on",
        "ends_on",
        StateColumn("state", label=_("State"), sort_key="state"),
    ]
    list_filter = ["state", "reason"]
    ordering = ["-starts_on"]
    inspect_view_class = MentorPairInspectView
    inspect_view_fields = [
        "mentor",
        "mentee",
        "reason",
        "assessment",
        "starts_on",
        "ends_on",
        "notes",
        "state",
    ]
    panels = [
        FieldPanel("mentor"),
        FieldPanel("mentee"),
        FieldPanel("reason"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("notes"),
    ]
    transition_forms = {"assign": AssignMentorForm}

    def get_queryset(self, request):
        return MentorPair.objects.select_related("mentor", "mentee", "assessment")


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 400
    items = (
        TrainingSessionViewSet,
        QuizAttemptViewSet,
        StaffProfileViewSet,
        AttendanceViewSet,
        DevelopmentPlanViewSet,
        CareerMoveViewSet,
        MentorPairViewSet,
    )
