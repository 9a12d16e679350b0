"""Leasing (workflows/leasing/README.md): Sales records requirements, builds plans and drafts,
submits, signs and cancels contracts; Legal keeps the templates and reviews contracts (P2.4);
the departments that follow a signed contract up read contracts (P2.5)."""

from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE, FINANCE, LEGAL, SALES

PERMISSIONS = {
    SALES: [
        "leasing.add_requirement",
        "leasing.change_requirement",
        "leasing.view_requirement",
        "leasing.add_leaseplan",
        "leasing.change_leaseplan",
        "leasing.delete_leaseplan",
        "leasing.view_leaseplan",
        "leasing.handle_plan",
        "leasing.add_contract",
        "leasing.change_contract",
        "leasing.delete_contract",
        "leasing.view_contract",
        "leasing.submit_contract",
        "leasing.sign_contract",
        "leasing.cancel_contract",
        "leasing.renew_contract",
        "leasing.view_contracttemplate",
    ],
    LEGAL: [
        "leasing.add_contracttemplate",
        "leasing.change_contracttemplate",
        "leasing.view_contracttemplate",
        "leasing.view_leaseplan",
        "leasing.view_contract",
        "leasing.review_contract",
    ],
    CUSTOMER_SERVICE: ["leasing.view_contract"],
    AFTER_SALES: ["leasing.view_contract", "leasing.run_lease", "leasing.renew_contract"],
    FINANCE: ["leasing.view_contract"],
}
