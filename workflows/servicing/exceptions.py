from django.core.exceptions import ValidationError


class ServicingInvalid(ValidationError):
    """A visit or repair cannot be recorded as asked; the message names the field."""
