from django.core.exceptions import ValidationError


class SuggestionInvalid(ValidationError):
    """A suggestion's details fail a business rule (e.g. no way to reach the customer)."""
