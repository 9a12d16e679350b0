from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    EVALUATED = "evaluated", _("Evaluated")
    CANCELLED = "cancelled", _("Cancelled")


class SessionKind(models.TextChoices):
    """The methods of P8.2."""

    INTERNAL = "internal", _("Internal course")
    EXTERNAL = "external", _("External course")
    ONLINE = "online", _("Online learning")
    MENTORING = "mentoring", _("Mentoring")


class Topic(models.TextChoices):
    """The contents of P8.1."""

    SERVICE = "service", _("Service awareness")
    PROCESS = "process", _("Business knowledge: process")
    CONTRACTS = "contracts", _("Business knowledge: contract clauses")
    RENT = "rent", _("Business knowledge: rent calculation")
    EQUIPMENT = "equipment", _("Business knowledge: equipment")
    SKILLS = "skills", _("Skills")
    TEAMWORK = "teamwork", _("Teamwork")


class Track(models.TextChoices):
    """The two career tracks of P8.4."""

    MANAGEMENT = "management", _("Management track")
    PROFESSIONAL = "professional", _("Professional track")
