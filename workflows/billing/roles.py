"""Billing (README.md): Finance bills, records payments and approves settlements; Management
approves write-offs; Customer Service logs collection calls; Sales and Legal decide together
on invoices in collection."""

from workflows.core.roles import CUSTOMER_SERVICE, FINANCE, LEGAL, MANAGEMENT, SALES

VIEW = ["billing.view_invoice", "billing.view_payment", "billing.view_reminder"]

PERMISSIONS = {
    FINANCE: [
        *VIEW,
        "billing.add_invoice",
        "billing.issue_invoice",
        "billing.record_payment",
        "billing.request_write_off",
        "billing.approve_settlement",
        "billing.view_finalsettlement",
        "billing.add_finalsettlement",
        "billing.view_deposit",
        "billing.add_deposit",
        "billing.view_billingaccount",
        "billing.change_billingaccount",
        "billing.change_billingsettings",
        "billing.view_bankstatementline",
        "billing.add_bankstatementline",
    ],
    MANAGEMENT: ["billing.approve_write_off"],
    CUSTOMER_SERVICE: [*VIEW, "billing.log_collection_call"],
    SALES: ["billing.view_invoice", "billing.decide_collection"],
    LEGAL: ["billing.view_invoice", "billing.decide_collection"],
}
