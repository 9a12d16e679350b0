"""Business commands of maintenance and repairs (P4.1, P4.2). Views, jobs and tests call these."""

from .repairs import (
    diagnose_repair,
    finish_repair,
    open_repair_from_follow_up,
    open_repair_from_service_task,
    open_repair_from_visit,
    report_repair,
    start_repair,
    verify_repair,
)
from .replacements import release_replacement, swap_in_replacement
from .visits import (
    cancel_visit,
    cycle_dates,
    generate_maintenance_visits,
    on_lease_bookings,
    record_visit,
    sign_off_visit,
)

__all__ = [
    "cancel_visit",
    "cycle_dates",
    "diagnose_repair",
    "finish_repair",
    "generate_maintenance_visits",
    "on_lease_bookings",
    "open_repair_from_follow_up",
    "open_repair_from_service_task",
    "open_repair_from_visit",
    "record_visit",
    "release_replacement",
    "report_repair",
    "sign_off_visit",
    "start_repair",
    "swap_in_replacement",
    "verify_repair",
]
