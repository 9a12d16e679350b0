"""Maintenance and repairs (P4.1, P4.2): After-sales does the work; Customer Service takes
customers' calls about faults."""

from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE

PERMISSIONS = {
    AFTER_SALES: [
        "servicing.view_maintenancevisit",
        "servicing.change_maintenancevisit",
        "servicing.record_visit",
        "servicing.view_repair",
        "servicing.add_repair",
        "servicing.change_repair",
        "servicing.handle_repair",
        "servicing.verify_repair",
        "servicing.swap_replacement_unit",
    ],
    CUSTOMER_SERVICE: [
        "servicing.view_maintenancevisit",
        "servicing.view_repair",
        "servicing.add_repair",
    ],
}
