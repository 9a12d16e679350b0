"""Maintenance visits on the model's cycle (P4.1).

A unit is on lease while it is actively booked on a signed contract whose
booking covers the day. Its visits fall on the lease's first day plus whole
multiples of its model's cycle (in days), so month ends and 29 February are
ordinary days; the generator creates every such date up to a week ahead that
has no visit yet, all at once, and creates nothing when run again.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command, transition_command
from workflows.core.records import create_records
from workflows.core.services import perform_transition
from workflows.fleet.models import EquipmentUnit
from workflows.leasing.choices import CONTRACT_IN_FORCE
from workflows.leasing.models import UnitBooking

from ..exceptions import ServicingInvalid
from ..models import MaintenanceVisit, WearPartUsed

#: Visits are created this many days before they are due, so that they can be planned.
LOOKAHEAD_DAYS = 7


def on_lease_bookings(today):
    """Active bookings on signed contracts that cover `today`: the units on lease."""
    return UnitBooking.objects.filter(
        active=True,
        contract__state__in=CONTRACT_IN_FORCE,
        start__lte=today,
        end__gt=today,
    )


def cycle_dates(start, end, cycle_days, until):
    """The visit dates of a booking [start, end): start + k·cycle (k ≥ 1), before `end`,
    up to and including `until`."""
    if cycle_days <= 0:
        return []
    dates = []
    day = start + timedelta(days=cycle_days)
    while day < end and day <= until:
        dates.append(day)
        day += timedelta(days=cycle_days)
    return dates


@command(model=MaintenanceVisit, public=True)
def generate_maintenance_visits(*, today=None):
    """Create the visits due up to `LOOKAHEAD_DAYS` ahead for every unit on lease; the count.

    Set-based: one query for the bookings, one for the visits already there,
    one insert (with one block of numbers and one History insert). A second
    run, or a run racing this one, creates nothing (unique unit, contract, day).
    """
    today = today or timezone.localdate()
    until = today + timedelta(days=LOOKAHEAD_DAYS)
    bookings = list(
        on_lease_bookings(today).values_list(
            "unit_id",
            "contract_id",
            "contract__customer_id",
            "start",
            "end",
            "unit__equipment_model__maintenance_cycle_days",
        )
    )
    if not bookings:
        return 0
    wanted = {}
    for unit_id, contract_id, customer_id, start, end, cycle in bookings:
        for day in cycle_dates(start, end, cycle or 0, until):
            wanted[(unit_id, contract_id, day)] = customer_id
    if not wanted:
        return 0
    existing = set(
        MaintenanceVisit.objects.filter(
            contract_id__in={contract for _unit, contract, _day in wanted},
            due_on__lte=until,
        ).values_list("unit_id", "contract_id", "due_on")
    )
    now = timezone.now()
    # The History labels name the unit: fetched at once, not one query per visit.
    units = EquipmentUnit.objects.in_bulk({unit for unit, _contract, _day in wanted})
    rows = [
        MaintenanceVisit(
            unit=units[unit_id],
            contract_id=contract_id,
            customer_id=customer_id,
            due_on=day,
            created_at=now,
            state_changed_at=now,
        )
        for (unit_id, contract_id, day), customer_id in sorted(wanted.items())
        if (unit_id, contract_id, day) not in existing
    ]
    if not rows:
        return 0
    try:
        with transaction.atomic():
            created = create_records(rows, note=_("maintenance cycle"))
    except IntegrityError:
        return 0  # a run at the same moment created them
    return len(created)


def clean_wear_parts(wear_parts):
    """[(part, quantity)] → the rows to store; refuses an unnamed part or a quantity below 1."""
    cleaned = []
    for index, (part, quantity) in enumerate(wear_parts or (), start=1):
        part = (part or "").strip()
        if not part:
            raise ServicingInvalid(
                {"wear_parts": _("Wear part %(n)s: name the part.") % {"n": index}}
            )
        try:
            quantity = int(quantity)
        except (TypeError, ValueError):
            quantity = 0
        if quantity < 1:
            raise ServicingInvalid(
                {"wear_parts": _("Wear part %(n)s: the quantity must be 1 or more.") % {"n": index}}
            )
        cleaned.append((part, quantity))
    return cleaned


@transition_command(MaintenanceVisit, "record")
def record_visit(
    visit,
    *,
    user,
    technician,
    readings,
    cleaned=False,
    lubricated=False,
    tightened=False,
    checked=False,
    findings="",
    wear_parts=(),
    visited_at=None,
    expected_state=None,
    note="",
):
    """The technician records the work, the readings, the wear parts replaced and the findings."""
    parts = clean_wear_parts(wear_parts)

    def prepare(v):
        v.technician = technician
        v.cleaned, v.lubricated = bool(cleaned), bool(lubricated)
        v.tightened, v.checked = bool(tightened), bool(checked)
        v.readings = (readings or "").strip()
        v.findings = (findings or "").strip()
        v.visited_at = visited_at or timezone.now()

    visit = perform_transition(
        visit,
        "record",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        log_data={"wear_parts": [[part, quantity] for part, quantity in parts]},
    )
    WearPartUsed.objects.bulk_create(
        [WearPartUsed(visit=visit, part=part, quantity=quantity) for part, quantity in parts]
    )
    return visit


@transition_command(MaintenanceVisit, "sign_off")
def sign_off_visit(visit, *, user, customer_signatory, expected_state=None, note=""):
    """The customer's representative confirms the work by name."""

    def prepare(v):
        v.customer_signatory = (customer_signatory or "").strip()
        v.signed_off_at = timezone.now()

    return perform_transition(
        visit, "sign_off", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


@transition_command(MaintenanceVisit, "cancel")
def cancel_visit(visit, *, user, reason, expected_state=None, note=""):
    """A visit that will not happen (the unit came back early...), with the reason."""
    reason = (reason or "").strip()
    return perform_transition(
        visit,
        "cancel",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=lambda v: setattr(v, "cancel_reason", reason),
    )
