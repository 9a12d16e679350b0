"""A renewal that changes the terms (P6.1): a new contract version through Legal.

The customer renews with a different rate, fewer units or both, and a new end
date. Sales drafts a new contract version linked to the running one: a new
plan (accepted: the customer agreed the terms) holds the changed lines, and the
contract covers the renewal term, from the day after the running lease ends
through the new end date. It then goes the contract's usual way: draft →
legal review → approved → signed. Its units are the ones kept from the running
lease, held as pending (inactive) bookings; on signing they become active,
checked again against later bookings of the same units, the running contract
becomes *renewed* and the new version *active* (the units are already with the
customer: there is no delivery). A renewal of the end date alone stays the
plain `renew_contract`.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.money import money
from workflows.core.records import create_record
from workflows.core.services import log_event, perform_transition
from workflows.fleet.models import EquipmentUnit

from .. import bookings, pricing
from ..choices import ContractState as S
from ..choices import PlanState
from ..exceptions import LeasingInvalid
from ..models import Contract, LeasePlan, PlanLine, UnitBooking
from ..permissions import may_draft_renewal
from .contracts import create_contract

RENEWABLE = (S.ACTIVE, S.ENDING, S.RENEWED)


def refuse_if_renewed_by_version(contract):
    """A contract a signed new version took over is not renewed, ended or returned itself."""
    successor = contract.successor()
    if successor is not None:
        raise LeasingInvalid(
            _("Contract %(old)s was renewed by the new version %(new)s: work on that one.")
            % {"old": contract.number, "new": successor.number},
            code="renewed_by_version",
        )


def _check_new_end(current, new_end):
    if new_end is None or new_end <= current.period_end:
        raise LeasingInvalid(
            {
                "new_end": _("The new end date must be after %(end)s.")
                % {"end": date_format(current.period_end)}
            },
            code="not_later",
        )


def _later_conflict(unit_ids, start, end, *, exclude):
    return (
        bookings.bookings_overlapping(EquipmentUnit.objects.filter(pk__in=unit_ids), start, end)
        .exclude(contract__in=exclude)
        .first()
    )


def _new_plan(current, lines, *, user, start, new_end):
    old = current.plan
    plan = LeasePlan(
        requirement_id=old.requirement_id,
        customer_id=old.customer_id,
        prepared_by=user,
        payment_method=old.payment_method,
        billing_cycle=old.billing_cycle,
        includes_delivery=False,
        includes_maintenance=old.includes_maintenance,
        includes_training=False,
        services_note=old.services_note,
        valid_until=start,
        deposit_agreed=old.deposit,  # the deposit held carries over to the renewal
        language=old.language,
        state=PlanState.ACCEPTED,
        sent_at=timezone.now(),
        answered_at=timezone.now(),
    )
    plan.lines = lines
    plan.calculate()
    return create_record(plan, user=user, note=_("Renewal of %(number)s") % {"number": current})


@command(model=Contract, permission=may_draft_renewal)
def start_renewal_version(contract, *, user, new_end, rates=None, keep_units=None, note=""):
    """Draft the new contract version of a renewal that changes the terms (P6.1).

    - `new_end`: the new last day, after the running lease's;
    - `rates`: {plan line id of the running contract: new rate per period};
    - `keep_units`: the ids of the units that stay (default: all it holds).

    Refused when nothing but the end date changes (that is `renew_contract`),
    when a version is already under way, or when a kept unit is booked by
    another contract during the renewal term (naming it). Drafting the contract
    needs Sales' right to add contracts as well.
    """
    current = Contract.objects.select_for_update().select_related("plan").get(pk=contract.pk)
    if current.state not in RENEWABLE:
        raise LeasingInvalid(_("Only an active, ending or renewed lease is renewed."), code="state")
    refuse_if_renewed_by_version(current)
    pending = current.open_version()
    if pending is not None:
        raise LeasingInvalid(
            _("The renewal %(number)s of this contract is already under way.")
            % {"number": pending.number},
            code="version_open",
        )
    _check_new_end(current, new_end)
    held = list(
        current.bookings.filter(active=True)
        .select_related("unit", "plan_line")
        .order_by("plan_line__sort_order", "plan_line_id", "unit__asset_number")
    )
    held_ids = {booking.unit_id for booking in held}
    keep = {int(pk) for pk in keep_units} if keep_units is not None else held_ids
    if keep - held_ids:
        raise LeasingInvalid(
            {"keep_units": _("Only units this contract holds can stay on the renewal.")},
            code="not_held",
        )
    kept = [booking for booking in held if booking.unit_id in keep]
    if not kept:
        raise LeasingInvalid(
            {"keep_units": _("Keep at least one unit; otherwise the equipment is returned.")},
            code="no_units",
        )
    old_lines = {booking.plan_line_id: booking.plan_line for booking in kept}
    new_rates = {}
    for line_id, rate in (rates or {}).items():
        if rate is None or rate == "":
            continue
        rate = money(rate)
        if rate < 0:
            raise LeasingInvalid({"rates": _("A rate is 0 or more.")}, code="negative_rate")
        new_rates[int(line_id)] = rate
    rate_changed = any(
        line_id in old_lines and rate != old_lines[line_id].unit_rate
        for line_id, rate in new_rates.items()
    )
    if not rate_changed and len(kept) == len(held):
        raise LeasingInvalid(
            _(
                "Only the end date changes: record the renewal on the contract; it needs no "
                "new version."
            ),
            code="same_terms",
        )
    start = current.period_end + timedelta(days=1)
    end = new_end + timedelta(days=1)
    conflict = _later_conflict([b.unit_id for b in kept], start, end, exclude=[current])
    if conflict is not None:
        raise bookings.double_booking_error(conflict)

    lines = {}
    for line_id, line in old_lines.items():
        lines[line_id] = PlanLine(
            equipment_model_id=line.equipment_model_id,
            configuration=line.configuration,
            quantity=sum(1 for b in kept if b.plan_line_id == line_id),
            rate_basis=line.rate_basis,
            periods=pricing.suggested_periods(start, new_end, line.rate_basis),
            unit_rate=new_rates.get(line_id, line.unit_rate),
            sort_order=line.sort_order,
        )
    plan = _new_plan(current, list(lines.values()), user=user, start=start, new_end=new_end)
    version = create_contract(
        Contract(
            plan=plan,
            template_id=current.template_id,
            title=current.title,
            language=current.language,
            period_start=start,
            period_end=new_end,
            delivery_date=start,
            delivery_place=current.delivery_place,
            previous_version=current,
        ),
        user=user,
    )
    UnitBooking.objects.bulk_create(
        [
            UnitBooking(
                contract=version,
                plan_line=lines[booking.plan_line_id],
                unit_id=booking.unit_id,
                start=start,
                end=end,
                active=False,  # pending until the version is signed
            )
            for booking in kept
        ]
    )
    log_event(
        current,
        "leasing.renewal_version",
        user=user,
        note=note or version.number,
        new_version=version.number,
        new_end=str(new_end),
    )
    return version


def take_over_bookings(version):
    """On signing a new version: its pending bookings become active, checked once more
    against later bookings of the same units (refused naming the contract in the way)."""
    previous = Contract.objects.select_for_update().get(pk=version.previous_version_id)
    if previous.state not in RENEWABLE:
        raise LeasingInvalid(
            _("Contract %(number)s is no longer running; this renewal cannot be signed.")
            % {"number": previous.number},
            code="previous_ended",
        )
    if previous.period_end + timedelta(days=1) != version.period_start:
        raise LeasingInvalid(
            _("Contract %(number)s now ends on %(end)s: the renewal must start the day after.")
            % {"number": previous.number, "end": date_format(previous.period_end)},
            code="period_moved",
        )
    pending = list(version.bookings.filter(active=False))
    unit_ids = sorted({booking.unit_id for booking in pending})
    bookings.lock_units(unit_ids)
    for booking in pending:
        conflict = _later_conflict(
            [booking.unit_id], booking.start, booking.end, exclude=[version, previous]
        )
        if conflict is not None:
            raise bookings.double_booking_error(conflict)
    UnitBooking.objects.filter(pk__in=[b.pk for b in pending]).update(active=True)
    return previous


def complete_renewal(version, previous, *, user):
    """After signing: the running contract is renewed (no deadline of its own any more)
    and the new version active, the units being with the customer already."""

    def prepare(c):
        c.renewed_by_version = version
        c.renewed_from = c.period_end
        c.renewals += 1

    perform_transition(
        previous,
        "renew",
        user=user,
        note=_("New version %(number)s") % {"number": version.number},
        prepare=prepare,
        due_at=None,
        log_data={"new_version": version.number, "new_end": str(version.period_end)},
    )

    def activate(c):
        c.activated_at = timezone.now()

    return perform_transition(
        version,
        "activate",
        user=None,
        note=_("Renewal of %(number)s: the units are with the customer") % {"number": previous},
        prepare=activate,
    )
