"""Consultations (P1, P2.1): Customer Service records and answers them; Sales takes over
those handed to it."""

from workflows.core.roles import CUSTOMER_SERVICE, SALES

PERMISSIONS = {
    CUSTOMER_SERVICE: [
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.view_consultation",
        "consultations.handle_consultation",
    ],
    SALES: ["consultations.view_consultation", "consultations.take_over_consultation"],
}
