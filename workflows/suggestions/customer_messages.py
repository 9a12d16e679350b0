"""What the tracking page tells a proposer in our words (core/customer_messages.py)."""

from django.utils.translation import gettext_lazy as _

from workflows.core.customer_messages import customer_message

ADOPTED = customer_message(
    "suggestions.adopted",
    _("Your suggestion has been adopted. We will tell you here how its implementation progresses."),
)
THANKS = customer_message("suggestions.thanks", _("Thank you for your suggestion."))
