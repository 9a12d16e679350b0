"""What the tracking page tells a complainant in our words (core/customer_messages.py)."""

from django.utils.translation import gettext_lazy as _

from workflows.core.customer_messages import customer_message

from .choices import Department

BEING_HANDLED = customer_message(
    "complaints.being_handled",
    _(
        "Your complaint has been passed to our %(department)s department, which is looking "
        "into it. We will keep you informed here."
    ),
    department=Department,
)
CLOSED = customer_message(
    "complaints.closed",
    _("Your complaint is closed. Thank you for telling us; please let us know how we handled it."),
)
REOPENED = customer_message(
    "complaints.reopened",
    _("Your complaint has been reopened and is being looked into again."),
)
