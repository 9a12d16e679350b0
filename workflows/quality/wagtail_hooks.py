from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter
from workflows.core.outbox import ReadOnlyPermissionPolicy

from .models import Survey
from .views import VIEW_KPIS, KPIDrillDownView, KPIReportView, SurveyResultsView
from .viewsets import QualityViewSetGroup

# A survey is written by its commands only: sent by a job or a process, answered by the customer.
register_permission_policy(Survey, ReadOnlyPermissionPolicy(Survey))
register_snippet(QualityViewSetGroup)

EVENTS = {
    "quality.send_survey": _("Survey sent"),
    "quality.remind_survey": _("Survey reminder sent"),
    "quality.answer_survey": _("Survey answered"),
    "quality.record_finding": _("Finding recorded"),
    "quality.enrol_training": _("Enrolled in training"),
    "quality.propose": _("Proposed a promotion, rotation or mentor"),
}


@hooks.register("register_log_actions")
def register_quality_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("QualityEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_kpi_urls():
    return [
        path("reports/kpis/", KPIReportView.as_view(), name="quality_kpis"),
        path("reports/kpis/<str:code>/", KPIDrillDownView.as_view(), name="quality_kpi_drill_down"),
        path("reports/surveys/", SurveyResultsView.as_view(), name="quality_survey_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_kpi_menu_item():
    from wagtail.admin.menu import MenuItem

    class KPIMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(VIEW_KPIS)

    return KPIMenuItem(_("KPIs"), reverse("quality_kpis"), icon_name="crosshairs", order=720)


@hooks.register("register_reports_menu_item")
def register_survey_results_menu_item():
    from wagtail.admin.menu import MenuItem

    class SurveyResultsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("quality.view_survey")

    return SurveyResultsMenuItem(
        _("Survey results"), reverse("quality_survey_results"), icon_name="pick", order=721
    )


@hooks.register("construct_homepage_panels")
def add_quality_panel(request, panels):
    from .dashboard import panel_for

    panel = panel_for(request)
    if panel is not None:
        panels.append(panel)
