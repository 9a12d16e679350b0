from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet

from workflows.core.audit import EventLogFormatter
from workflows.fleet.models import EquipmentUnit

from . import archive_sections, command_views
from .permissions import VIEW_UNITS
from .views import UnitArchiveView
from .viewsets import ServicingViewSetGroup

register_snippet(ServicingViewSetGroup)
archive_sections.register()

EVENTS = {
    "servicing.open_repair": _("Repair opened"),
    "servicing.swap_in_replacement": _("Replacement unit put on the contract"),
    "servicing.replaced_during_repair": _("Replaced by another unit during a repair"),
    "servicing.release_replacement": _("Replacement unit released"),
    "servicing.replacement_released": _("Replacement released after a repair"),
    "servicing.replacement_for": _("Put on a contract as a replacement"),
}


@hooks.register("register_log_actions")
def register_servicing_events(actions):
    for action, label in EVENTS.items():
        actions.register_action(action)(
            type("ServicingEventFormatter", (EventLogFormatter,), {"label": label})
        )


@hooks.register("register_admin_urls")
def register_servicing_urls():
    return [
        path(
            "servicing/units/<int:pk>/archive/",
            UnitArchiveView.as_view(),
            name="servicing_unit_archive",
        ),
        path(
            "servicing/repairs/open/<slug:kind>/<int:pk>/",
            command_views.OpenRepairView.as_view(),
            name="servicing_open_repair",
        ),
        path(
            "servicing/repairs/<int:pk>/replacement/",
            command_views.ReplacementView.as_view(),
            name="servicing_replacement",
        ),
    ]


hooks.register("register_process_header_buttons", command_views.header_buttons)


@hooks.register("register_process_header_buttons")
def unit_archive_button(request, record):
    if not isinstance(record, EquipmentUnit) or not request.user.has_perm(VIEW_UNITS):
        return []
    return [
        HeaderButton(
            _("Archive"),
            url=reverse("servicing_unit_archive", args=[record.pk]),
            icon_name="history",
            attrs={"data-unit-archive": "true"},
            priority=60,
        )
    ]


def _register_customer_sections():
    """The customer and contract pages list their maintenance visits and repairs (P4)."""
    from workflows.customers.related import register_customer_section

    from .models import MaintenanceVisit, Repair

    register_customer_section(
        _("Maintenance visits"),
        lambda customer: (
            MaintenanceVisit.objects.filter(customer=customer)
            .select_related("unit")
            .order_by("-due_on", "-pk")
        ),
        permission="servicing.view_maintenancevisit",
        order=60,
    )
    register_customer_section(
        _("Repairs"),
        lambda customer: (
            Repair.objects.filter(customer=customer)
            .select_related("unit")
            .order_by("-reported_at", "-pk")
        ),
        permission="servicing.view_repair",
        order=61,
    )

    from workflows.leasing.related import register_contract_section

    register_contract_section(
        _("Maintenance visits"),
        lambda contract: (
            MaintenanceVisit.objects.filter(contract=contract)
            .select_related("unit")
            .order_by("-due_on", "-pk")
        ),
        permission="servicing.view_maintenancevisit",
        order=60,
    )
    register_contract_section(
        _("Repairs"),
        lambda contract: (
            Repair.objects.filter(contract=contract)
            .select_related("unit")
            .order_by("-reported_at", "-pk")
        ),
        permission="servicing.view_repair",
        order=61,
    )


_register_customer_sections()
