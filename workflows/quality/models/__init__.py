from .kpis import KPIMonth, KPITarget, Scope
from .surveys import QualitySettings, Survey

__all__ = ["KPIMonth", "KPITarget", "QualitySettings", "Scope", "Survey"]
