from django.core.exceptions import ValidationError


class FollowUpInvalid(ValidationError):
    """A follow-up cannot be scheduled or routed as asked (the contract has one due...)."""
