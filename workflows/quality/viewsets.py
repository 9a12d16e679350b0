"""Admin listings of quality: surveys (read-only) and KPI targets (Management edits)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import KPITarget, Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "pick"
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
    icon = "crosshairs"
    menu_label = _("KPI targets")
    list_display = ["__str__", "target", "weight", "active"]


class QualityViewSetGroup(SnippetViewSetGroup):
    items = (SurveyViewSet, KPITargetViewSet)
    menu_icon = "pick"
    menu_label = _("Quality")
    menu_name = "quality"
