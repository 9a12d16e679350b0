from django.core.exceptions import ValidationError


class ComplaintInvalid(ValidationError):
    """A complaint's details fail a business rule (no way to reply, a credit without a customer)."""


class RatingNotAccepted(ValidationError):
    """The complaint cannot be rated now: not closed yet, or rated already (P9.5)."""
