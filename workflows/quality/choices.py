from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyOccasion(models.TextChoices):
    """Why a customer was asked (P7.2)."""

    COMPLAINT_CLOSED = "complaint_closed", _("After a complaint was closed")
    DELIVERY_ACCEPTED = "delivery_accepted", _("After delivery acceptance")
    PERIODIC = "periodic", _("Periodic survey")


#: The regulation's dimensions of satisfaction (P7.2), each scored 1-5.
DIMENSIONS = [
    ("attitude", _("Service attitude")),
    ("efficiency", _("Efficiency")),
    ("quality", _("Quality of service")),
    ("problem_solving", _("Problem solving")),
]


class KPIUnit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    SCORE = "score", _("score (1-5)")
