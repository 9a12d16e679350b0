from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from workflows.core.viewsets import ProcessRecordViewSet, StateColumn

from .forms import EvaluateForm, HoldForm
from .models import QuizAttempt, StaffProfile, TrainingSession
from .views import SessionCreateView


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


class QuizAttemptViewSet(SnippetViewSet):
    model = QuizAttempt
    icon = "tick-inverse"
    menu_label = _("Quiz results")
    list_display = ["employee", "course", "score", "passed", "taken_at"]
    list_filter = ["passed"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return QuizAttempt.objects.select_related("employee", "course")


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "user"
    menu_label = _("Staff profiles")
    list_display = ["user", "department", "position", "track", "level", "hire_date", "mentor"]
    list_filter = ["department", "track"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("user", "mentor")


class PeopleViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 400
    items = (TrainingSessionViewSet, QuizAttemptViewSet, StaffProfileViewSet)
