"""Units are never double-booked (issue item 5, DESIGN.md "Data rules").

A booking holds a unit over [start, end): `end` is the day the unit is free
again, so back-to-back bookings do not overlap. PostgreSQL refuses an
overlapping active booking by an exclusion constraint; `book_units` checks the
same rule itself, under a lock of the unit rows, so that SQLite refuses it
too and both say which unit and which contract are in the way.
"""

from datetime import timedelta
from importlib import import_module
from importlib.util import find_spec

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.fleet.choices import UnitState
from workflows.fleet.models import EquipmentUnit

from .exceptions import LeasingInvalid, UnitDoubleBooked
from .models import UnitBooking


def bookings_overlapping(units_qs, start, end):
    """Active bookings of `units_qs` that share at least one day with [start, end); one query.

    For the fleet's availability view: which units are promised to which
    contract over a date range.
    """
    return (
        UnitBooking.objects.filter(unit__in=units_qs, active=True, start__lt=end, end__gt=start)
        .select_related("contract", "unit")
        .order_by("unit_id", "start")
    )


def lock_units(unit_ids):
    """Lock the unit rows, in primary key order so that two bookers never deadlock."""
    return list(EquipmentUnit.objects.select_for_update().filter(pk__in=unit_ids).order_by("pk"))


def double_booking_error(booking):
    last_day = booking.end - timedelta(days=1)
    return UnitDoubleBooked(
        _("Unit %(unit)s is already booked by contract %(contract)s from %(start)s to %(end)s.")
        % {
            "unit": booking.unit.asset_number,
            "contract": booking.contract.number,
            "start": date_format(booking.start),
            "end": date_format(last_day),
        },
        unit=booking.unit,
        contract=booking.contract,
    )


@transaction.atomic
def book_units(contract, assignments, start, end):
    """Replace `contract`'s bookings by `assignments` ({plan line: [units]}) over [start, end).

    Locks the units, refuses with `UnitDoubleBooked` (naming the unit and the
    other contract) if any of them is actively booked by another contract for
    a day of the period, and writes nothing in that case.
    """
    unit_ids = sorted({unit.pk for units in assignments.values() for unit in units})
    for unit in lock_units(unit_ids):
        if unit.state == UnitState.RETIRED:
            raise LeasingInvalid(
                _("Unit %(unit)s is retired.") % {"unit": unit.asset_number}, code="retired"
            )
    conflict = (
        bookings_overlapping(EquipmentUnit.objects.filter(pk__in=unit_ids), start, end)
        .exclude(contract=contract)
        .first()
    )
    if conflict is not None:
        raise double_booking_error(conflict)
    UnitBooking.objects.filter(contract=contract).delete()
    bookings = [
        UnitBooking(contract=contract, plan_line=line, unit=unit, start=start, end=end)
        for line, units in assignments.items()
        for unit in units
    ]
    try:
        with transaction.atomic():
            UnitBooking.objects.bulk_create(bookings)
    except IntegrityError:
        # Only a path that did not lock the units can get here; the constraint held.
        conflict = (
            bookings_overlapping(EquipmentUnit.objects.filter(pk__in=unit_ids), start, end)
            .exclude(contract=contract)
            .first()
        )
        if conflict is None:
            raise
        raise double_booking_error(conflict) from None
    return bookings


def release_units(contract):
    """A cancelled or ended contract frees its units; returns how many bookings it held."""
    return UnitBooking.objects.filter(contract=contract, active=True).update(active=False)


def register_with_fleet():
    """Let the fleet's availability view see leasing's bookings, when it offers a registry."""
    if find_spec("workflows.fleet.availability") is None:
        return False
    register = getattr(
        import_module("workflows.fleet.availability"), "register_booking_source", None
    )
    if register is None:
        return False
    register(bookings_overlapping)
    return True


@transaction.atomic
def extend_bookings(contract, new_end):
    """Extend the contract's active bookings to [start, new_end) for a renewal (P6.1).

    The units are locked first; a unit actively booked by another contract for
    a day of the extension refuses the whole renewal with `UnitDoubleBooked`,
    naming the unit and that contract, and nothing changes.
    """
    held = list(contract.bookings.filter(active=True))
    unit_ids = sorted({booking.unit_id for booking in held})
    lock_units(unit_ids)
    for booking in held:
        if new_end <= booking.end:
            continue
        conflict = (
            bookings_overlapping(
                EquipmentUnit.objects.filter(pk=booking.unit_id), booking.end, new_end
            )
            .exclude(contract=contract)
            .first()
        )
        if conflict is not None:
            raise double_booking_error(conflict)
    # The units are locked and checked: the exclusion constraint cannot fire here.
    contract.bookings.filter(active=True, end__lt=new_end).update(end=new_end)
    return len(held)


def end_unit_booking(contract, unit, received_on):
    """A unit received back is free from the day after: its booking ends and is released."""
    end = received_on + timedelta(days=1)
    bookings = UnitBooking.objects.filter(contract=contract, unit=unit, active=True)
    for booking in bookings:
        booking.active = False
        if booking.start < end < booking.end:
            booking.end = end
        booking.save(update_fields=["active", "end"])
    return len(bookings)
