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


class PlanState(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class MoveKind(models.TextChoices):
    PROMOTION = "promotion", _("Promotion")
    ROTATION = "rotation", _("Rotation")


class MoveState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    EFFECTIVE = "effective", _("Effective")
    DECLINED = "declined", _("Declined")


class PairState(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting a mentor")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class PairReason(models.TextChoices):
    """Why a mentor is assigned (P8.2): a new employee, or an assessment asking for coaching."""

    NEW_STAFF = "new_staff", _("New employee")
    COACHING = "coaching", _("Coaching after an assessment")
