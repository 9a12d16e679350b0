from .assessments import Assessment, AssessmentBand
from .kpis import KPIMonth, KPITarget, Scope
from .supervision import (
    ChecklistItem,
    Finding,
    Inspection,
    InspectionPlan,
    ProblemReport,
    RectificationOrder,
)
from .surveys import QualitySettings, Survey

__all__ = [
    "Assessment",
    "AssessmentBand",
    "ChecklistItem",
    "Finding",
    "Inspection",
    "InspectionPlan",
    "KPIMonth",
    "KPITarget",
    "ProblemReport",
    "QualitySettings",
    "RectificationOrder",
    "Scope",
    "Survey",
]
