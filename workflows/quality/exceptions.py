from django.core.exceptions import ValidationError


class SurveyNotAccepted(ValidationError):
    """An answer the survey cannot take: already answered, or a score out of range."""
