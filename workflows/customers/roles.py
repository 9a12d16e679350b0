"""Customers: Sales keeps them; the departments that serve them read them."""

from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE, FINANCE, LEGAL, SALES

PERMISSIONS = {
    CUSTOMER_SERVICE: ["customers.view_customer"],
    SALES: ["customers.add_customer", "customers.change_customer", "customers.view_customer"],
    LEGAL: ["customers.view_customer"],
    AFTER_SALES: ["customers.view_customer"],
    FINANCE: ["customers.view_customer"],
}
