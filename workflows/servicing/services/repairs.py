"""Repairs (P4.2): opened from a visit's finding, a follow-up, a complaint's service task or
a customer's call; diagnosed, repaired, done and verified.

A major repair or part replacement is told to the customer with the expected
completion date (P4.2); the message is stored in the outbox and sent after commit, once.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.complaints.models import ServiceTask
from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.people import person_name
from workflows.core.records import create_record
from workflows.core.services import lock, log_event, perform_transition
from workflows.fleet.choices import UnitState
from workflows.fleet.models import EquipmentUnit
from workflows.fleet.services import (
    make_unit_available,
    return_unit_to_lease,
    send_unit_to_service,
)
from workflows.followups.models import FollowUp
from workflows.leasing.choices import CONTRACT_IN_FORCE
from workflows.leasing.models import UnitBooking

from ..choices import RepairSource
from ..choices import VisitState as VS
from ..exceptions import ServicingInvalid
from ..models import MaintenanceVisit, Repair
from ..permissions import ADD_REPAIR
from .replacements import release_replacement


def _check_unit_on_contract(unit, contract):
    if contract is None:
        return
    if not UnitBooking.objects.filter(contract=contract, unit=unit).exists():
        raise ServicingInvalid(
            {
                "unit": _("Unit %(unit)s is not booked on contract %(contract)s.")
                % {"unit": unit.asset_number, "contract": contract.number}
            }
        )


def _create(repair, *, user, source, note=""):
    if not (repair.fault or "").strip():
        raise ServicingInvalid({"fault": _("Describe the fault.")})
    _check_unit_on_contract(repair.unit, repair.contract)
    repair.source = source
    if repair.contract is not None:
        repair.customer_id = repair.contract.customer_id
    repair.reported_at = repair.reported_at or timezone.now()
    return create_record(repair, user=user, note=note)


@command(model=Repair, permission=ADD_REPAIR, creates=True)
def report_repair(repair, *, user):
    """A customer calls in a fault: After-sales or Customer Service opens the repair."""
    if not (repair.reported_by_name or "").strip():
        raise ServicingInvalid({"reported_by_name": _("Say who called.")})
    return _create(repair, user=user, source=RepairSource.CALL)


@command(model=MaintenanceVisit, permission=ADD_REPAIR)
def open_repair_from_visit(visit, *, user, fault=""):
    """A fault the technician found on a visit becomes a repair of that unit, once."""
    visit = lock(MaintenanceVisit, visit.pk)
    if visit.state not in (VS.RECORDED, VS.SIGNED_OFF) or not visit.findings.strip():
        raise ServicingInvalid(
            _("Only a recorded visit with findings opens a repair."), code="no_findings"
        )
    if visit.repairs.exists():
        raise ServicingInvalid(
            _("This visit already opened a repair; see the link on its page."),
            code="already_opened",
        )
    repair = Repair(
        unit_id=visit.unit_id,
        contract_id=visit.contract_id,
        visit=visit,
        fault=(fault or visit.findings).strip(),
        reported_by_name=person_name(visit.technician) if visit.technician_id else "",
    )
    repair = _create(repair, user=user, source=RepairSource.VISIT, note=visit.reference)
    log_event(visit, "servicing.open_repair", user=user, note=repair.reference)
    return repair


@command(model=FollowUp, permission=ADD_REPAIR)
def open_repair_from_follow_up(follow_up, *, user, unit, fault):
    """A fault the customer mentioned in a follow-up (P4.4 routes it to After-sales)."""
    follow_up = lock(FollowUp, follow_up.pk)
    repair = Repair(
        unit=unit,
        contract=follow_up.contract,
        follow_up=follow_up,
        fault=(fault or "").strip(),
        reported_by_name=follow_up.contacted_person,
    )
    repair = _create(repair, user=user, source=RepairSource.FOLLOW_UP, note=follow_up.reference)
    log_event(follow_up, "servicing.open_repair", user=user, note=repair.reference)
    return repair


@command(model=ServiceTask, permission=ADD_REPAIR)
def open_repair_from_service_task(task, *, user, unit, fault=""):
    """The extra service a complaint's plan agreed (P9.4) is carried out as a repair."""
    task = ServiceTask.objects.select_for_update().select_related("complaint").get(pk=task.pk)
    complaint = task.complaint
    repair = Repair(
        unit=unit,
        contract=complaint.contract,
        service_task=task,
        fault=(fault or task.description).strip(),
        reported_by_name=complaint.complainant_name,
    )
    repair = _create(repair, user=user, source=RepairSource.SERVICE_TASK, note=complaint.reference)
    if repair.customer_id is None and complaint.customer_id is not None:
        Repair.objects.filter(pk=repair.pk).update(customer_id=complaint.customer_id)
        repair.customer_id = complaint.customer_id
    log_event(task, "servicing.open_repair", user=user, note=repair.reference)
    return repair


def tell_customer_expected_completion(repair):
    """The customer hears of a major repair and its expected completion date (P4.2).

    By email when the customer has an address, else by SMS, else recorded for
    After-sales to give by phone; stored either way, and never twice for one date.
    """
    customer = repair.customer
    if customer is None:
        return None
    if customer.email:
        channel, address = MessageChannel.EMAIL, customer.email
    elif customer.phone:
        channel, address = MessageChannel.SMS, customer.phone
    else:
        channel, address = MessageChannel.RECORDED, ""
    contract = repair.contract
    return queue_message(
        channel=channel,
        template="servicing/expected_completion",
        context={"repair": repair, "customer": customer, "unit": repair.unit},
        dedupe_key=f"servicing.repair.{repair.pk}.expected.{repair.expected_completion_on}",
        record=repair,
        address=address,
        name=customer.name,
        language=contract.language if contract is not None else None,
    )


@transition_command(Repair, "diagnose")
def diagnose_repair(
    repair,
    *,
    user,
    diagnosis,
    major=False,
    expected_completion_on=None,
    expected_state=None,
    note="",
):
    """After-sales says what is wrong; a major repair gets the date the customer is told."""
    if major and expected_completion_on and expected_completion_on < timezone.localdate():
        raise ServicingInvalid(
            {"expected_completion_on": _("The expected completion cannot be in the past.")}
        )

    def prepare(r):
        r.diagnosis = (diagnosis or "").strip()
        r.major = bool(major)
        r.expected_completion_on = expected_completion_on if major else None

    repair = perform_transition(
        repair,
        "diagnose",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        log_data={
            "major": bool(major),
            "expected_completion_on": str(expected_completion_on or ""),
        },
    )
    if repair.major:
        tell_customer_expected_completion(repair)
    return repair


#: The unit states a repair takes the unit out of; one already in service stays there.
MOVABLE_UNIT_STATES = (UnitState.ON_LEASE, UnitState.AVAILABLE, UnitState.RESERVED)


@transition_command(Repair, "start_repair")
def start_repair(repair, *, user, expected_back_on=None, expected_state=None, note=""):
    """The repair starts: the unit goes to "in service" through the fleet's command (P4.2).

    It is expected back on the date given, else the expected completion the
    customer was told, else today. A unit already in service (being refurbished)
    stays as it is and is not moved back by this repair.
    """
    repair = perform_transition(
        repair, "start_repair", user=user, note=note, expected_state=expected_state
    )
    unit = lock(EquipmentUnit, repair.unit_id)
    if unit.state in MOVABLE_UNIT_STATES:
        back = expected_back_on or repair.expected_completion_on or timezone.localdate()
        repair.unit_state_before = unit.state
        repair.save(update_fields=["unit_state_before", "updated_at"])
        send_unit_to_service(
            unit,
            user=user,
            expected_back_on=max(back, timezone.localdate()),
            note=_("In repair %(repair)s") % {"repair": repair.reference},
        )
    return repair


def unit_still_on_lease(repair, today):
    """The unit's lease still holds it today: an active booking of an in-force contract."""
    return UnitBooking.objects.filter(
        unit_id=repair.unit_id,
        active=True,
        start__lte=today,
        end__gt=today,
        contract__state__in=CONTRACT_IN_FORCE,
    ).exists()


def put_unit_back(repair, *, user):
    """The repaired unit leaves "in service": on lease if its lease holds it today, else
    available; only when this repair put it there."""
    if not repair.unit_state_before:
        return None
    unit = lock(EquipmentUnit, repair.unit_id)
    if unit.state != UnitState.IN_SERVICE:
        return None
    note = _("Repaired: %(repair)s") % {"repair": repair.reference}
    if unit_still_on_lease(repair, timezone.localdate()):
        return return_unit_to_lease(unit, user=user, note=note)
    return make_unit_available(unit, user=user, note=note)


@transition_command(Repair, "finish")
def finish_repair(repair, *, user, work_done, expected_state=None, note=""):
    """The repair is done: what was repaired or replaced, by whom. The unit is back on
    lease (or available) and a replacement put in for the repair is released."""

    def prepare(r):
        r.work_done = (work_done or "").strip()
        r.repaired_by = user

    repair = perform_transition(
        repair, "finish", user=user, note=note, expected_state=expected_state, prepare=prepare
    )
    put_unit_back(repair, user=user)
    release_replacement(repair, user=user, reason=_("the repaired unit is back"))
    return repair


@transition_command(Repair, "verify")
def verify_repair(repair, *, user, verification, expected_state=None, note=""):
    """Someone checks the repaired unit works: the repair is closed."""

    def prepare(r):
        r.verification = (verification or "").strip()
        r.verified_by = user

    return perform_transition(
        repair, "verify", user=user, note=note, expected_state=expected_state, prepare=prepare
    )
