from django.core.exceptions import ValidationError


class ConsultationInvalid(ValidationError):
    """A consultation's details fail a business rule (e.g. no way to contact the customer)."""
