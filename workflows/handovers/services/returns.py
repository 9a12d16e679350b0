"""Business commands of the end of a lease (P6.1-P6.3): return, inspection, charges,
refurbishment."""

from datetime import time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.money import money
from workflows.core.notifications import queue_message
from workflows.core.people import members
from workflows.core.records import create_record
from workflows.core.registry import inspect_url
from workflows.core.roles import LEGAL, SALES
from workflows.core.services import log_event, perform_transition
from workflows.core.uploads import validate_upload
from workflows.fleet.choices import UnitState
from workflows.fleet.services import make_unit_available, send_unit_to_service
from workflows.leasing.bookings import end_unit_booking
from workflows.leasing.choices import ContractState
from workflows.leasing.models import LeaseTermSettings
from workflows.leasing.services import mark_contract_returned

from ..choices import ReturnState
from ..exceptions import HandoverInvalid
from ..models import DamageCharge, DamageItem, DeliveryUnit, LeaseReturn, Refurbishment, ReturnUnit
from ..permissions import INSPECT_RETURN
from .deliveries import PHOTO_KINDS

RETURNABLE = (ContractState.ACTIVE, ContractState.ENDING, ContractState.RENEWED)


def new_return(contract):
    """An unsaved return of `contract` on its last day, at its delivery place."""
    return LeaseReturn(
        contract=contract,
        return_on=contract.period_end,
        window_start=time(9, 0),
        window_end=time(12, 0),
        place=contract.delivery_place,
    )


@command(model=LeaseReturn, permission="handovers.add_leasereturn", creates=True)
def schedule_return(lease_return, *, user):
    """The customer chose to return: the time and place are agreed (P6.1).

    Every unit still on the contract comes back, each compared later with the
    record of its delivery.
    """
    contract = (
        type(lease_return.contract).objects.select_for_update().get(pk=lease_return.contract_id)
    )
    if contract.state not in RETURNABLE:
        raise HandoverInvalid(
            {"contract": _("Only an active, ending or renewed lease is returned.")},
            code="not_returnable",
        )
    successor = contract.successor()
    if successor is not None:
        raise HandoverInvalid(
            {
                "contract": _("The units are on the renewal %(number)s now: return that one.")
                % {"number": successor.number}
            },
            code="renewed_by_version",
        )
    if contract.returns.exclude(state=ReturnState.AGREED).exists():
        raise HandoverInvalid(
            {"contract": _("This contract already has a return under way.")}, code="return_open"
        )
    lease_return.contract = contract
    lease_return.full_clean(exclude=["reference"])
    lease_return = create_record(lease_return, user=user)
    units = [b.unit for b in contract.bookings.filter(active=True).select_related("unit")]
    delivered = {
        du.unit_id: du
        for du in DeliveryUnit.objects.filter(delivery__contract=contract, unit__in=units)
    }
    ReturnUnit.objects.bulk_create(
        [
            ReturnUnit(lease_return=lease_return, unit=unit, delivery_unit=delivered.get(unit.pk))
            for unit in units
        ]
    )
    return lease_return


def _lock(lease_return, *states):
    current = LeaseReturn.objects.select_for_update().get(pk=lease_return.pk)
    if states and current.state not in states:
        raise HandoverInvalid(
            _("The return is “%(state)s”: this cannot be done now.")
            % {"state": current.get_state_display()},
            code="wrong_state",
        )
    return current


def _return_unit(lease_return, return_unit):
    pk = getattr(return_unit, "pk", return_unit)
    try:
        return ReturnUnit.objects.select_related("unit").get(pk=pk, lease_return=lease_return)
    except ReturnUnit.DoesNotExist:
        raise HandoverInvalid(_("That unit is not on this return.")) from None


def list_units_put_in_since(lease_return, contract, *, user):
    """A unit the contract holds that the return does not list yet (a replacement put in
    during a repair after the return was agreed) is added: it comes back too, and the
    lease is returned only when it has."""
    listed = lease_return.units.values("unit_id")
    missing = {
        booking.unit_id: booking.unit
        for booking in contract.bookings.filter(active=True)
        .exclude(unit_id__in=listed)
        .select_related("unit")
    }
    added = ReturnUnit.objects.bulk_create(
        [ReturnUnit(lease_return=lease_return, unit=unit) for unit in missing.values()]
    )
    if added:
        log_event(
            lease_return,
            "handovers.list_units",
            user=user,
            note=", ".join(unit.asset_number for unit in missing.values()),
        )
    return added


@command(model=LeaseReturn, permission=INSPECT_RETURN)
def receive_unit(lease_return, *, user, return_unit, condition_notes="", ready_on=None):
    """A unit is back (P6.2): its booking ends today, it goes to refurbishment (P6.3), and
    when the contract holds no unit any more the lease is returned."""
    lease_return = _lock(lease_return, ReturnState.SCHEDULED)
    return_unit = _return_unit(lease_return, return_unit)
    if return_unit.received_at is not None:
        raise HandoverInvalid(
            _("Unit %(unit)s was already received.") % {"unit": return_unit}, code="received"
        )
    now = timezone.now()
    return_unit.received_at = now
    return_unit.received_by = user
    return_unit.condition_notes = (condition_notes or "").strip()
    return_unit.save(update_fields=["received_at", "received_by", "condition_notes"])
    contract = lease_return.contract
    end_unit_booking(contract, return_unit.unit, timezone.localdate(now))
    if ready_on is None:
        days = LeaseTermSettings.load().refurbishment_days
        ready_on = timezone.localdate(now) + timedelta(days=days)
    unit = return_unit.unit
    if unit.state in (UnitState.ON_LEASE, UnitState.AVAILABLE, UnitState.RESERVED):
        send_unit_to_service(
            unit,
            user=user,
            expected_back_on=ready_on,
            note=_("Returned from %(contract)s: refurbishment") % {"contract": contract},
        )
    create_record(
        Refurbishment(unit=unit, return_unit=return_unit, expected_done_on=ready_on), user=user
    )
    log_event(lease_return, "handovers.receive_unit", user=user, note=str(return_unit))
    list_units_put_in_since(lease_return, contract, user=user)
    if not contract.bookings.filter(active=True).exists() and contract.state in RETURNABLE:
        mark_contract_returned(contract, user=user, note=str(lease_return))
    return return_unit


@command(model=LeaseReturn, permission=INSPECT_RETURN)
def record_damage(lease_return, *, user, return_unit, description, proposed_charge, photo=None):
    """Damage found at the return inspection, against the delivery record, with a photo
    and the charge proposed (P6.2)."""
    lease_return = _lock(lease_return, ReturnState.SCHEDULED)
    return_unit = _return_unit(lease_return, return_unit)
    if not (description or "").strip():
        raise HandoverInvalid({"description": _("Describe the damage.")})
    if proposed_charge is None or proposed_charge < 0:
        raise HandoverInvalid({"proposed_charge": _("Give the proposed charge, 0 or more.")})
    if photo:
        validate_upload(photo, kinds=PHOTO_KINDS)
    damage = DamageItem.objects.create(
        return_unit=return_unit,
        description=description.strip(),
        proposed_charge=money(proposed_charge),
        photo=photo or "",
        recorded_by=user,
    )
    log_event(
        lease_return,
        "handovers.record_damage",
        user=user,
        note=f"{return_unit}: {damage.description} ({damage.proposed_charge})",
    )
    return damage


@transition_command(LeaseReturn, "finish_inspection")
def finish_inspection(lease_return, *, user, expected_state=None, note=""):
    """Every unit is received and inspected; the charges go to the customer (P6.2)."""

    def prepare(r):
        r.inspected_at = timezone.now()

    return perform_transition(
        lease_return,
        "finish_inspection",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


def _store_charges(lease_return, amounts=None):
    """The agreed charges, one per damage item, for the final settlement (P6.4)."""
    amounts = amounts or {}
    damages = DamageItem.objects.filter(return_unit__lease_return=lease_return)
    DamageCharge.objects.bulk_create(
        [
            DamageCharge(
                contract_id=lease_return.contract_id,
                lease_return=lease_return,
                damage=damage,
                description=damage.description,
                amount=money(amounts.get(damage.pk, damage.proposed_charge)),
            )
            for damage in damages
        ]
    )


@transition_command(LeaseReturn, "agree")
def agree_charges(lease_return, *, user, expected_state=None, note=""):
    """The customer agrees the proposed charges; they are stored for the settlement."""

    def prepare(r):
        r.agreed_at = timezone.now()
        _store_charges(r)

    return perform_transition(
        lease_return,
        "agree",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(LeaseReturn, "dispute")
def dispute_charges(lease_return, *, user, reason, expected_state=None, note=""):
    """The customer disputes the charges: Sales and Legal are told and settle it (P6.2)."""

    def prepare(r):
        r.dispute_reason = (reason or "").strip()

    lease_return = perform_transition(
        lease_return,
        "dispute",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=prepare,
    )
    link = inspect_url(lease_return)
    for member in members(SALES, LEGAL):
        queue_message(
            channel=MessageChannel.IN_APP,
            template="handovers/charges_disputed",
            context={
                "lease_return": lease_return,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link,
            },
            record=lease_return,
            user=member,
            link=link,
            dedupe_key=f"return:{lease_return.pk}:disputed:{member.pk}",
        )
    return lease_return


@transition_command(LeaseReturn, "settle")
def settle_dispute(lease_return, *, user, amounts=None, expected_state=None, note=""):
    """Sales or Legal settled the dispute with the customer: the charges as settled
    (`amounts`: {damage item id: amount}, the proposed charge otherwise) are stored."""
    for value in (amounts or {}).values():
        if value is None or value < 0:
            raise HandoverInvalid({"amounts": _("Settled charges are 0 or more.")})

    def prepare(r):
        r.agreed_at = timezone.now()
        _store_charges(r, amounts)

    return perform_transition(
        lease_return,
        "settle",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(Refurbishment, "finish")
def finish_refurbishment(refurbishment, *, user, work_done="", expected_state=None, note=""):
    """Cleaned, serviced and repaired: the unit is available for the next lease (P6.3)."""

    def prepare(r):
        r.work_done = (work_done or "").strip()
        r.done_at = timezone.now()

    refurbishment = perform_transition(
        refurbishment,
        "finish",
        user=user,
        note=note or work_done,
        expected_state=expected_state,
        prepare=prepare,
    )
    unit = refurbishment.unit
    if unit.state == UnitState.IN_SERVICE:
        make_unit_available(unit, user=user, note=str(refurbishment))
    return refurbishment
