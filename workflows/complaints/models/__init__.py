"""Complaint models, one module each (see the package's modules)."""

from .attachments import ComplaintAttachment
from .compensation import RentCredit, ServiceTask
from .complaint import OPEN_STATES, Complaint
from .settings import ComplaintSettings

__all__ = [
    "OPEN_STATES",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintSettings",
    "RentCredit",
    "ServiceTask",
]
