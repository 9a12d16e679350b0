"""Handovers: After-sales delivers, receives, inspects and refurbishes (P3, P6); Sales and
Legal settle disputed damage charges (P6.2); Sales, Customer Service and Finance read."""

from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE, FINANCE, LEGAL, SALES

VIEW = ["handovers.view_delivery", "handovers.view_leasereturn", "handovers.view_refurbishment"]

PERMISSIONS = {
    AFTER_SALES: [
        *VIEW,
        "handovers.add_delivery",
        "handovers.change_delivery",
        "handovers.deliver_equipment",
        "handovers.add_leasereturn",
        "handovers.change_leasereturn",
        "handovers.inspect_return",
        "handovers.change_refurbishment",
        "handovers.refurbish_unit",
    ],
    SALES: [*VIEW, "handovers.resolve_dispute"],
    LEGAL: ["handovers.view_leasereturn", "handovers.resolve_dispute"],
    CUSTOMER_SERVICE: VIEW,
    FINANCE: ["handovers.view_leasereturn"],
}
