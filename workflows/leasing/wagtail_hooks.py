from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import LeasingViewSetGroup

register_snippet(LeasingViewSetGroup)

#: History entries of leasing that are not state changes.
EVENTS = {
    "leasing.assign_units": _("Units assigned"),
    "leasing.rebuild_clauses": _("Clauses filled in again from the template"),
    "leasing.copies_sent": _("Copies sent"),
}


@hooks.register("register_log_actions")
def register_leasing_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("LeasingEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_process_header_buttons")
def record_requirement_button(request, record):
    """On a consultation handed to Sales: record what the customer needs (P2.1)."""
    from workflows.consultations.models import Consultation

    if not isinstance(record, Consultation) or record.salesperson_id is None:
        return []
    if not request.user.has_perm("leasing.add_requirement"):
        return []
    return [
        HeaderButton(
            _("Record the requirement"),
            url=reverse("wagtailsnippets_leasing_requirement:add") + f"?consultation={record.pk}",
            icon_name="clipboard-list",
            attrs={"data-record-requirement": "true"},
            priority=20,
        )
    ]


@hooks.register("before_delete_snippet")
def keep_plan_revisions(request, instances):
    """A revision is deleted never: its previous version would be left without a current one."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import LeasePlan

    revisions = [i for i in instances if isinstance(i, LeasePlan) and i.previous_version_id]
    if revisions:
        messages.error(
            request,
            _("“%(plan)s” is a revision and is kept; the previous version stays superseded.")
            % {"plan": revisions[0]},
        )
        return redirect("wagtailsnippets_leasing_leaseplan:list")
    return None
