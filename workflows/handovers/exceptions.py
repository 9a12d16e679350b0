"""What can go wrong in a handover, in the words After-sales reads."""

from django.core.exceptions import ValidationError


class HandoverInvalid(ValidationError):
    """A handover step breaks a business rule; the message names what to fix."""
