from django.core.exceptions import ValidationError


class QuizNotAvailable(ValidationError):
    """The page has no quiz to take."""


class SessionNotPlanned(ValidationError):
    """Enrolments are taken while the session is still planned."""
