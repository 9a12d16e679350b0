"""Handover models: deliveries (P3) and returns with refurbishment (P6)."""

from .deliveries import AcceptanceProblem, ChecklistItem, Delivery, DeliveryUnit, Signature
from .returns import DamageCharge, DamageItem, LeaseReturn, Refurbishment, ReturnUnit

__all__ = [
    "AcceptanceProblem",
    "ChecklistItem",
    "DamageCharge",
    "DamageItem",
    "Delivery",
    "DeliveryUnit",
    "LeaseReturn",
    "Refurbishment",
    "ReturnUnit",
    "Signature",
]
