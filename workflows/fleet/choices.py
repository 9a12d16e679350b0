from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitState(models.TextChoices):
    AVAILABLE = "available", _("Available")
    RESERVED = "reserved", _("Reserved")
    ON_LEASE = "on_lease", _("On lease")
    IN_SERVICE = "in_service", _("In service or repair")
    RETIRED = "retired", _("Retired")


class UnitCondition(models.TextChoices):
    NEW = "new", _("New")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    NEEDS_REPAIR = "needs_repair", _("Needs repair")
