from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    RECORDED = "recorded", _("Work recorded")
    SIGNED_OFF = "signed_off", _("Signed off by the customer")
    CANCELLED = "cancelled", _("Cancelled")


class RepairState(models.TextChoices):
    REPORTED = "reported", _("Reported")
    DIAGNOSED = "diagnosed", _("Diagnosed")
    IN_REPAIR = "in_repair", _("In repair")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")


class RepairSource(models.TextChoices):
    VISIT = "visit", _("Maintenance visit finding")
    FOLLOW_UP = "follow_up", _("Customer follow-up")
    SERVICE_TASK = "service_task", _("Complaint service task")
    CALL = "call", _("Customer's call")
