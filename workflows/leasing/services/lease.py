"""The lease after signing (P3.4, P6.1-P6.3): active, ending, renewed, returned, closed.

The delivery and return commands of `workflows.handovers` call `activate_contract`
and `mark_contract_returned`; the periodic job calls `start_lease_endings`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_messages
from workflows.core.people import members_queryset
from workflows.core.records import history_entries
from workflows.core.registry import inspect_url
from workflows.core.roles import AFTER_SALES
from workflows.core.services import action_name, perform_transition
from workflows.fleet.models import end_of_day

from .. import bookings
from ..choices import VERSION_SIGNED_STATES
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


def lease_ending_messages(contracts, after_sales):
    """What the end of these leases tells: After-sales in the admin, the customer by email;
    keyed once per contract, end date and person."""
    specs = []
    for contract in contracts:
        link = inspect_url(contract)
        context = {
            "contract": contract,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link,
        }
        for member in after_sales:
            specs.append(
                {
                    "channel": MessageChannel.IN_APP,
                    "template": "leasing/lease_ending",
                    "context": context,
                    "record": contract,
                    "user": member,
                    "link": link,
                    "dedupe_key": f"contract:{contract.pk}:ending:{contract.period_end}:"
                    f"{member.pk}",
                }
            )
        email = getattr(contract.customer, "email", "")
        if email:
            specs.append(
                {
                    "channel": MessageChannel.EMAIL,
                    "template": "leasing/lease_ending_customer",
                    "context": {"contract": contract},
                    "record": contract,
                    "address": email,
                    "language": contract.language,
                    "dedupe_key": f"contract:{contract.pk}:ending:{contract.period_end}:customer",
                }
            )
    return specs


def after_sales_members():
    """Active After-sales members with their language, in one query."""
    return list(members_queryset(AFTER_SALES).select_related("wagtail_userprofile").order_by("pk"))


def tell_lease_ending(contract):
    """After-sales in the admin, the customer by email; once per end date."""
    return queue_messages(lease_ending_messages([contract], after_sales_members()))


@command(model=Contract, public=True)
def start_lease_endings(*, now=None):
    """Leases whose end is within the notice days become "ending" (the periodic job).

    Set-based, the whole backlog in one run, in a constant number of queries:
    one query claims the leases (rows someone is working on, a renewal being
    recorded, are skipped and found on the next run), one update moves them
    with their deadline (the end of their last day), one insert writes their
    History entries (`leasing.start_ending`, by nobody, as the transition writes
    it) and one insert stores the reminders, delivered after commit. Running
    again finds none: the state moved.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    notice = LeaseTermSettings.load().ending_notice_days
    lock = {}
    if connection.features.has_select_for_update_skip_locked:
        lock["skip_locked"] = True
    if connection.features.has_select_for_update_of:
        lock["of"] = ("self",)
    due = list(
        Contract.objects.filter(
            state__in=[S.ACTIVE, S.RENEWED], period_end__lte=today + timedelta(days=notice)
        )
        # A contract a signed new version took over ends through that version.
        .exclude(
            pk__in=Contract.objects.filter(next_versions__state__in=VERSION_SIGNED_STATES).values(
                "pk"
            )
        )
        .select_for_update(**lock)
        .select_related("customer")
        .order_by("period_end", "pk")
    )
    if not due:
        return 0
    deadlines = [
        When(period_end=day, then=Value(end_of_day(day)))
        for day in sorted({contract.period_end for contract in due})
    ]
    Contract.objects.filter(pk__in=[c.pk for c in due]).update(
        state=S.ENDING,
        state_changed_at=now,
        updated_at=now,
        escalated_at=None,
        due_at=Case(*deadlines, output_field=DateTimeField()),
    )
    history_entries(
        due,
        action_name(Contract, "start_ending"),
        data=lambda c: {"from": c.state, "to": S.ENDING.value, "field": "state", "note": ""},
        timestamp=now,
    )
    queue_messages(lease_ending_messages(due, after_sales_members()))
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
    from .renewals import refuse_if_renewed_by_version

    refuse_if_renewed_by_version(current)
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
