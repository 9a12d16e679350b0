from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    DISPATCHED = "dispatched", _("Dispatched")
    DEMONSTRATED = "demonstrated", _("Demonstrated")
    ACCEPTED = "accepted", _("Accepted")


class ChecklistKind(models.TextChoices):
    """What After-sales prepares for each unit before it leaves (P3.1)."""

    CLEANED = "cleaned", _("Cleaned")
    COMMISSIONED = "commissioned", _("Commissioned")
    PERFORMANCE = "performance", _("Performance tested")
    ACCESSORY = "accessory", _("Accessory present")
    EQUIPMENT_LIST = "equipment_list", _("Equipment list packed")
    MANUAL = "manual", _("Operating manual packed")
    MAINTENANCE_RECORD = "maintenance_record", _("Maintenance record packed")


class SignatureSide(models.TextChoices):
    CUSTOMER = "customer", _("Customer's representative")
    COMPANY = "company", _("Company staff")


class ReturnState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    INSPECTED = "inspected", _("Inspected")
    DISPUTED = "disputed", _("Charges disputed")
    AGREED = "agreed", _("Charges agreed")


class RefurbishmentState(models.TextChoices):
    REFURBISHING = "refurbishing", _("Refurbishing")
    DONE = "done", _("Ready for the next lease")
