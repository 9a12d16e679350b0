"""Periodic jobs of leasing."""

from workflows.core.periodic import periodic_job

from .services import expire_overdue_plans


@periodic_job("expire_lease_plans")
def expire_lease_plans(now=None):
    """Sent plans past their last valid day become expired (P2.2)."""
    return {"expired": expire_overdue_plans(now=now)}


@periodic_job("announce_lease_endings")
def announce_lease_endings(now=None):
    """Leases within the notice days of their end become "ending"; After-sales and the
    customer are reminded (P6.1)."""
    from .services import start_lease_endings

    return {"ending": start_lease_endings(now=now)}
