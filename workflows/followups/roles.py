"""Follow-ups (P4.4): Customer Service contacts customers; Management sets the interval."""

from workflows.core.roles import CUSTOMER_SERVICE, MANAGEMENT

PERMISSIONS = {
    CUSTOMER_SERVICE: [
        "followups.add_followup",
        "followups.change_followup",
        "followups.view_followup",
        "followups.handle_followup",
    ],
    MANAGEMENT: ["followups.change_followupsettings"],
}
