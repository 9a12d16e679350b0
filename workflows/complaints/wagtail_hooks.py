from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter
from workflows.core.outbox import ReadOnlyPermissionPolicy

from .analysis.views import ComplaintAnalysisView, may_analyse
from .models import RentCredit, ServiceTask
from .viewsets import ComplaintViewSetGroup

# Credits and tasks are created by a complaint's plan and moved by their transitions only.
register_permission_policy(RentCredit, ReadOnlyPermissionPolicy(RentCredit))
register_permission_policy(ServiceTask, ReadOnlyPermissionPolicy(ServiceTask))
register_snippet(ComplaintViewSetGroup)

EVENTS = {
    "complaints.rate": _("Rated by the complainant"),
    "complaints.add_evidence": _("Evidence added"),
}


@hooks.register("register_log_actions")
def register_complaint_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("ComplaintEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_analysis_url():
    return [
        path("reports/complaints/", ComplaintAnalysisView.as_view(), name="complaints_analysis"),
    ]


class AnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        return may_analyse(request.user)


@hooks.register("register_reports_menu_item")
def register_analysis_menu_item():
    return AnalysisMenuItem(
        _("Complaint analysis"), reverse("complaints_analysis"), icon_name="warning", order=20
    )


def _register_customer_section():
    """The customer page lists the customer's complaints, for those who see every complaint."""
    from workflows.customers.related import register_customer_section

    from .models import Complaint

    register_customer_section(
        _("Complaints"),
        lambda customer: Complaint.objects.filter(customer=customer).order_by("-received_at"),
        permission="complaints.view_all_complaints",
        order=60,
    )


_register_customer_section()
