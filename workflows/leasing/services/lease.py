"""The lease after signing (P3.4, P6.1-P6.3): active, ending, renewed, returned, closed.

The delivery and return commands of `workflows.handovers` call `activate_contract`
and `mark_contract_returned`; the periodic job calls `start_lease_endings`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.people import members
from workflows.core.registry import inspect_url
from workflows.core.roles import AFTER_SALES
from workflows.core.services import perform_transition

from .. import bookings
from ..choices import ContractState as S
from ..exceptions import LeasingInvalid
from ..models import Contract, LeaseTermSettings


@transition_command(Contract, "activate")
def activate_contract(contract, *, user, expected_state=None, note=""):
    """The joint acceptance of the delivery makes the lease active (P3.4)."""

    def prepare(c):
        c.activated_at = timezone.now()

    return perform_transition(
        contract, "activate", user=user, note=note, expected_state=expected_state, prepare=prepare
    )


@transition_command(Contract, "start_ending", public=True)
def start_ending(contract, *, user=None, expected_state=None, note=""):
    """The end of the lease is near: After-sales and the customer are told once (P6.1)."""
    contract = perform_transition(
        contract, "start_ending", user=user, note=note, expected_state=expected_state
    )
    tell_lease_ending(contract)
    return contract


def tell_lease_ending(contract):
    """After-sales in the admin, the customer by email; once per end date."""
    link = inspect_url(contract)
    context = {
        "contract": contract,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link,
    }
    for member in members(AFTER_SALES):
        queue_message(
            channel=MessageChannel.IN_APP,
            template="leasing/lease_ending",
            context=context,
            record=contract,
            user=member,
            link=link,
            dedupe_key=f"contract:{contract.pk}:ending:{contract.period_end}:{member.pk}",
        )
    email = getattr(contract.customer, "email", "")
    if email:
        queue_message(
            channel=MessageChannel.EMAIL,
            template="leasing/lease_ending_customer",
            context={"contract": contract},
            record=contract,
            address=email,
            language=contract.language,
            dedupe_key=f"contract:{contract.pk}:ending:{contract.period_end}:customer",
        )


@command(model=Contract, public=True)
def start_lease_endings(*, now=None):
    """Leases whose end is within the notice days become "ending" (the periodic job).

    Set-based in its query; rows someone is working on are skipped and found
    on the next run. Running again finds none: the state moved.
    """
    today = timezone.localdate(now)
    notice = LeaseTermSettings.load().ending_notice_days
    lock = {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}
    due = list(
        Contract.objects.filter(
            state__in=[S.ACTIVE, S.RENEWED], period_end__lte=today + timedelta(days=notice)
        )
        .select_for_update(**lock)
        .select_related("customer")
        .order_by("period_end", "pk")
    )
    for contract in due:
        start_ending(contract, expected_state=contract.state)
    return len(due)


@transition_command(Contract, "renew")
def renew_contract(contract, *, user, new_end, expected_state=None, note=""):
    """The customer renews: the lease ends later and its units stay booked (P6.1).

    The bookings are extended first, checked against later bookings of the
    same units: a unit promised to another contract refuses the renewal, naming
    that contract. A renewal that changes anything but the end date is a new
    contract version, which goes through Legal as any contract does.
    """
    current = Contract.objects.select_for_update().get(pk=contract.pk)
    if new_end is None or new_end <= current.period_end:
        raise LeasingInvalid(
            {
                "new_end": _("The new end date must be after %(end)s.")
                % {"end": date_format(current.period_end)}
            },
            code="not_later",
        )
    if current.state in (S.ACTIVE, S.ENDING, S.RENEWED):
        bookings.extend_bookings(current, new_end + timedelta(days=1))

    def prepare(c):
        c.renewed_from = c.period_end
        c.period_end = new_end
        c.renewals += 1

    return perform_transition(
        contract,
        "renew",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        log_data={"old_end": str(current.period_end), "new_end": str(new_end)},
    )


@transition_command(Contract, "mark_returned")
def mark_contract_returned(contract, *, user, expected_state=None, note=""):
    """Every unit is back (P6.2): the lease is returned; its bookings have ended."""

    def prepare(c):
        c.returned_at = timezone.now()

    contract = perform_transition(
        contract,
        "mark_returned",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )
    bookings.release_units(contract)
    return contract


@transition_command(Contract, "close")
def close_contract(contract, *, user, expected_state=None, note=""):
    """After the return inspection and the damage charges, After-sales closes the lease."""

    def prepare(c):
        c.closed_at = timezone.now()

    return perform_transition(
        contract, "close", user=user, note=note, expected_state=expected_state, prepare=prepare
    )
