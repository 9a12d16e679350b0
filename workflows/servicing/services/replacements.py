"""A replacement unit on the contract while a unit is repaired (P4.2).

The replacement is booked on the repaired unit's contract line with the
leasing bookings, so it is never double-booked: its row is locked (as
`workflows.leasing.bookings` locks every booking) and any active booking of it
that shares a day with the period refuses the swap, naming the contract; on
PostgreSQL the exclusion constraint holds the same rule for any other path.
Both units' History say what happened.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.services import lock, log_event
from workflows.fleet.choices import UnitState
from workflows.fleet.models import EquipmentUnit
from workflows.leasing import bookings
from workflows.leasing.models import UnitBooking

from ..choices import RepairState as S
from ..exceptions import ServicingInvalid
from ..models import Repair
from ..permissions import SWAP_UNIT

SWAPPABLE_STATES = (S.REPORTED, S.DIAGNOSED, S.IN_REPAIR)


def _conflict(unit_id, start, end):
    return bookings.bookings_overlapping(
        EquipmentUnit.objects.filter(pk=unit_id), start, end
    ).first()


@command(model=Repair, permission=SWAP_UNIT)
def swap_in_replacement(repair, *, user, replacement, last_day):
    """Book `replacement` on the repair's contract from today through `last_day`."""
    repair = lock(Repair, repair.pk)
    if repair.state not in SWAPPABLE_STATES:
        raise ServicingInvalid(
            _("A replacement is put in only while the repair is open."), code="closed"
        )
    if repair.replacement_booking_id is not None:
        raise ServicingInvalid(
            _("This repair already has a replacement unit."), code="already_replaced"
        )
    if repair.contract_id is None:
        raise ServicingInvalid(
            _("The repaired unit is on no contract: there is nothing to replace it on."),
            code="no_contract",
        )
    if replacement.pk == repair.unit_id:
        raise ServicingInvalid({"replacement": _("Choose another unit than the one repaired.")})
    today = timezone.localdate()
    original = (
        UnitBooking.objects.filter(
            contract_id=repair.contract_id, unit_id=repair.unit_id, active=True, end__gt=today
        )
        .order_by("start")
        .first()
    )
    if original is None:
        raise ServicingInvalid(
            _("The repaired unit's booking on the contract has ended."), code="no_booking"
        )
    start = max(today, original.start)
    end = last_day + timedelta(days=1) if last_day else None
    if end is None or end <= start or end > original.end:
        raise ServicingInvalid(
            {
                "last_day": _("Give a last day from %(start)s through %(end)s.")
                % {
                    "start": date_format(start),
                    "end": date_format(original.end - timedelta(days=1)),
                }
            }
        )
    [locked] = bookings.lock_units([replacement.pk])
    if locked.state == UnitState.RETIRED:
        raise ServicingInvalid({"replacement": _("That unit is retired.")})
    conflict = _conflict(locked.pk, start, end)
    if conflict is not None:
        raise bookings.double_booking_error(conflict)
    try:
        with transaction.atomic():
            booking = UnitBooking.objects.create(
                contract_id=repair.contract_id,
                plan_line_id=original.plan_line_id,
                unit=locked,
                start=start,
                end=end,
            )
    except IntegrityError:
        conflict = _conflict(locked.pk, start, end)
        if conflict is None:
            raise
        raise bookings.double_booking_error(conflict) from None
    repair.replacement_booking = booking
    repair.save(update_fields=["replacement_booking", "updated_at"])
    period = {"start": str(start), "last_day": str(last_day)}
    log_event(
        repair,
        "servicing.swap_in_replacement",
        user=user,
        note=locked.asset_number,
        replacement=locked.asset_number,
        **period,
    )
    original_unit = EquipmentUnit.objects.get(pk=repair.unit_id)
    log_event(
        original_unit,
        "servicing.replaced_during_repair",
        user=user,
        note=_("replaced by %(unit)s for repair %(repair)s")
        % {"unit": locked.asset_number, "repair": repair.reference},
        **period,
    )
    log_event(
        locked,
        "servicing.replacement_for",
        user=user,
        note=_("replaces %(unit)s on contract %(contract)s during repair %(repair)s")
        % {
            "unit": original_unit.asset_number,
            "contract": booking.contract.number,
            "repair": repair.reference,
        },
        **period,
    )
    return repair


def release_replacement(repair, *, user, reason):
    """The replacement's booking ends: from tomorrow the spare is free for other leases.

    Called when the repaired unit is back (`finish_repair`). A booking already
    ended (the spare came back with a return) is left as it is. History on the
    repair and on both units says when and why.
    """
    if repair.replacement_booking_id is None:
        return None
    booking = UnitBooking.objects.select_for_update().get(pk=repair.replacement_booking_id)
    if not booking.active:
        return None
    free_from = timezone.localdate() + timedelta(days=1)
    booking.active = False
    if booking.start < free_from < booking.end:
        booking.end = free_from
    booking.save(update_fields=["active", "end"])
    spare = booking.unit
    data = {"free_from": str(booking.end), "replacement": spare.asset_number}
    log_event(repair, "servicing.release_replacement", user=user, note=reason, **data)
    note = _("replacement for %(unit)s released (%(repair)s): %(reason)s") % {
        "unit": repair.unit.asset_number,
        "repair": repair.reference,
        "reason": reason,
    }
    log_event(spare, "servicing.replacement_released", user=user, note=note, **data)
    log_event(
        repair.unit,
        "servicing.replacement_released",
        user=user,
        note=_("back from repair %(repair)s; %(spare)s released")
        % {"repair": repair.reference, "spare": spare.asset_number},
        **data,
    )
    return booking
