"""Business commands on equipment units. Admin views, leasing, handovers and tests call these.

Every move of a unit is the command of its transition (`fleet.<transition>`,
permission `fleet.manage_unit_state`) and goes through `perform_transition`,
so each is in the unit's History with who, when, from and to, and the note given.
"""

from django.utils import timezone

from workflows.core.commands import transition_command
from workflows.core.services import perform_transition

from .models import EquipmentUnit, end_of_day


@transition_command(EquipmentUnit, "reserve")
def reserve_unit(unit, *, user, expected_state=None, note=""):
    """Hold an available unit for a customer or a contract being prepared."""
    return perform_transition(unit, "reserve", user=user, note=note, expected_state=expected_state)


@transition_command(EquipmentUnit, "release")
def release_unit(unit, *, user, expected_state=None, note=""):
    """A reservation is no longer needed: the unit is available again."""
    return perform_transition(unit, "release", user=user, note=note, expected_state=expected_state)


@transition_command(EquipmentUnit, "send_out")
def send_out_unit(unit, *, user, expected_state=None, note=""):
    """The unit left for the customer's site (P3.2)."""
    return perform_transition(unit, "send_out", user=user, note=note, expected_state=expected_state)


@transition_command(EquipmentUnit, "send_to_service")
def send_unit_to_service(unit, *, user, expected_back_on, expected_state=None, note=""):
    """Maintenance, repair or the return inspection (P4.1, P4.2, P6.3).

    After-sales says when the unit is expected back: that date is the
    deadline of the state and what the availability view promises from.
    """

    def prepare(u):
        u.expected_back_on = expected_back_on

    return perform_transition(
        unit,
        "send_to_service",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        due_at=end_of_day(expected_back_on) if expected_back_on else None,
        log_data={"expected_back_on": expected_back_on.isoformat() if expected_back_on else ""},
    )


@transition_command(EquipmentUnit, "return_to_lease")
def return_unit_to_lease(unit, *, user, expected_state=None, note=""):
    """Repaired at the customer's site or back from the workshop while its lease runs (P4.2)."""

    def prepare(u):
        u.expected_back_on = None

    return perform_transition(
        unit,
        "return_to_lease",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(EquipmentUnit, "make_available")
def make_unit_available(unit, *, user, expected_state=None, note=""):
    """Back from a lease or from service, checked and ready for the next lease (P6.3)."""

    def prepare(u):
        u.expected_back_on = None

    return perform_transition(
        unit,
        "make_available",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(EquipmentUnit, "retire")
def retire_unit(unit, *, user, reason, expected_state=None, note=""):
    """The unit leaves the fleet for good, for a reason written down; its record stays."""

    def prepare(u):
        u.retired_reason = (reason or "").strip()
        u.retired_at = timezone.now()

    return perform_transition(
        unit,
        "retire",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=prepare,
    )
