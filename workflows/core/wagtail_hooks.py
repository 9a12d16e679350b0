from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import audit
from .bulk import bulk_transition_actions
from .models import OutboundMessage, ProcessRecord
from .outbox import OutboxViewSet, ReadOnlyPermissionPolicy, mark_read
from .panels import MessagesPanel, WorkQueuePanel
from .registry import index_url
from .reports import OverdueReportView, overdue_models
from .scope import ScopedDeleteBulkAction, refuse_move_unless_permitted


@hooks.register("register_log_actions")
def register_transition_log_actions(actions):
    audit.register_actions(actions)


# After Wagtail's own (order 0): the snippet delete confirmation names only visible records.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)

for bulk_action in bulk_transition_actions():
    # Bulk transitions on every process listing; each shows only where it applies.
    hooks.register("register_bulk_action", bulk_action)


# The move confirmation opens only for a user who may make that move (scope.py).
hooks.register("before_move_page", refuse_move_unless_permitted)


@hooks.register("construct_homepage_panels")
def add_service_desk_panels(request, panels):
    panels.insert(0, WorkQueuePanel(request.user))
    panels.insert(1, MessagesPanel(request.user))


@hooks.register("before_delete_snippet")
def keep_process_records(request, instances):
    """Records past their draft state are never deleted; they end closed or archived."""
    kept = [
        record
        for record in instances
        if isinstance(record, ProcessRecord) and record.state not in record.DELETABLE_STATES
    ]
    if kept:
        messages.error(
            request,
            _("“%(record)s” has been acted on and is kept as a record; close or cancel it instead.")
            % {"record": kept[0]},
        )
        return redirect(index_url(type(kept[0])) or "wagtailadmin_home")
    return None


@hooks.register("register_admin_urls")
def register_core_urls():
    return [
        path("reports/overdue/", OverdueReportView.as_view(), name="core_overdue_report"),
        path("messages/<int:pk>/read/", mark_read, name="core_message_read"),
    ]


class OverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(overdue_models(request.user))


@hooks.register("register_reports_menu_item")
def register_overdue_report():
    return OverdueMenuItem(
        _("Overdue"), reverse("core_overdue_report"), icon_name="warning", order=10
    )


register_permission_policy(OutboundMessage, ReadOnlyPermissionPolicy(OutboundMessage))


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox")


# Two-step verification's pages, account menu entry, reset button and History actions.
from .two_factor import wagtail_hooks as two_factor_hooks  # noqa: E402, F401
