from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter

from .viewsets import HandoverViewSetGroup, urls

register_snippet(HandoverViewSetGroup)

EVENTS = {
    "handovers.tick_item": _("Preparation item ticked"),
    "handovers.record_problem": _("Acceptance problem recorded"),
    "handovers.fix_problem": _("Problem fixed"),
    "handovers.reinspect_problem": _("Problem re-inspected"),
    "handovers.accept_unit": _("Unit accepted"),
    "handovers.sign": _("Signed"),
    "handovers.upload_signed_checklist": _("Signed checklist uploaded"),
    "handovers.receive_unit": _("Unit received back"),
    "handovers.list_units": _("Units the contract holds added to the return"),
    "handovers.record_damage": _("Damage recorded"),
}


@hooks.register("register_log_actions")
def register_handover_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("HandoverEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_handover_urls():
    return urls()


def _register_customer_sections():
    """The customer page lists the customer's deliveries and returns (P3, P6)."""
    from workflows.customers.related import register_customer_section

    from .models import Delivery, LeaseReturn

    register_customer_section(
        _("Deliveries"),
        lambda customer: Delivery.objects.filter(contract__customer=customer).order_by(
            "-scheduled_on"
        ),
        permission="handovers.view_delivery",
        order=45,
    )
    register_customer_section(
        _("Returns"),
        lambda customer: LeaseReturn.objects.filter(contract__customer=customer).order_by(
            "-return_on"
        ),
        permission="handovers.view_leasereturn",
        order=46,
    )


_register_customer_sections()
