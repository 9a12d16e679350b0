"""Complaints (workflows/complaints/README.md): every department investigates what is assigned
to it; Customer Service records, assigns, tells and closes; Finance applies rent credits,
After-sales carries out service tasks; Supervision and Management set the deadlines."""

from workflows.core.roles import (
    AFTER_SALES,
    CUSTOMER_SERVICE,
    FINANCE,
    HR,
    LEGAL,
    MANAGEMENT,
    MARKETING,
    SALES,
    SUPERVISION,
)

#: The departments a complaint can be assigned to for investigation (P9.3).
DEPARTMENTS = [MARKETING, CUSTOMER_SERVICE, SALES, LEGAL, AFTER_SALES, FINANCE, HR]
INVESTIGATE = ["complaints.view_complaint", "complaints.investigate_complaint"]
BY_ROLE = {
    CUSTOMER_SERVICE: [
        "complaints.add_complaint",
        "complaints.change_complaint",
        "complaints.handle_complaint",
        "complaints.view_all_complaints",
    ],
    FINANCE: ["complaints.view_rentcredit", "complaints.apply_rent_credit"],
    AFTER_SALES: ["complaints.view_servicetask", "complaints.complete_service_task"],
    SUPERVISION: ["complaints.change_complaintsettings"],
    MANAGEMENT: ["complaints.change_complaintsettings"],
}

PERMISSIONS = {
    role: [*(INVESTIGATE if role in DEPARTMENTS else []), *BY_ROLE.get(role, [])]
    for role in {*DEPARTMENTS, *BY_ROLE}
}
