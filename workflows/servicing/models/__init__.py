from .repairs import Repair
from .visits import MaintenanceVisit, WearPartUsed

__all__ = ["MaintenanceVisit", "Repair", "WearPartUsed"]
