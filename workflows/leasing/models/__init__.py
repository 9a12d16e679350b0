"""Leasing models (P2.1-P2.5), one module per record; imported from here."""

from .bookings import UnitBooking
from .contracts import Contract, ContractClause, LeaseTermSettings
from .copies import ContractCopy
from .plans import LeasePlan, PlanLine
from .requirements import Requirement, RequirementLine
from .templates import ContractTemplate, TemplateClause

__all__ = [
    "Contract",
    "ContractClause",
    "ContractCopy",
    "ContractTemplate",
    "LeasePlan",
    "LeaseTermSettings",
    "PlanLine",
    "Requirement",
    "RequirementLine",
    "TemplateClause",
    "UnitBooking",
]
