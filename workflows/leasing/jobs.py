"""Periodic jobs of leasing."""

from workflows.core.periodic import periodic_job

from .services import expire_overdue_plans


@periodic_job("expire_lease_plans")
def expire_lease_plans(now=None):
    """Sent plans past their last valid day become expired (P2.2)."""
    return {"expired": expire_overdue_plans(now=now)}
