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
    "leasing.renewal_version": _("New contract version drafted for a renewal with new terms"),
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


def _register_customer_sections():
    """The customer page lists the customer's requirements, plans and contracts (P2)."""
    from workflows.customers.related import register_customer_section

    from .models import Contract, LeasePlan, Requirement

    register_customer_section(
        _("Requirements"),
        lambda customer: (
            Requirement.objects.filter(customer=customer)
            .select_related("customer")
            .order_by("-taken_at")
        ),
        permission="leasing.view_requirement",
        order=20,
    )
    register_customer_section(
        _("Lease plans"),
        lambda customer: LeasePlan.objects.filter(customer=customer).order_by("-created_at"),
        permission="leasing.view_leaseplan",
        order=30,
    )
    register_customer_section(
        _("Contracts"),
        lambda customer: Contract.objects.filter(customer=customer).order_by("-created_at"),
        permission="leasing.view_contract",
        order=40,
    )


_register_customer_sections()
