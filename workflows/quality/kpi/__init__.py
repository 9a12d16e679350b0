"""The KPI system (P7.3): a registry of definitions other processes add theirs to."""

from .registry import KPI, Figure, register, registry

__all__ = ["KPI", "Figure", "register", "registry"]
