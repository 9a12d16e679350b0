"""The follow-up schedule (P4.4): every N days, one follow-up per active lease contract."""

from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.commands import command
from workflows.core.records import create_record, create_records
from workflows.customers.models import Customer
from workflows.leasing.choices import CONTRACT_IN_FORCE
from workflows.leasing.models import Contract

from ..choices import FollowUpState as S
from ..exceptions import FollowUpInvalid
from ..models import ADD, FollowUp, FollowUpSettings


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def due_by(scheduled_for, config):
    """A follow-up is done by the end of the `complete_within_days`-th day after its date."""
    return end_of_day(scheduled_for + timedelta(days=config.complete_within_days))


def active_contracts(today):
    """Signed contracts whose lease period covers `today` (P4.4: "during the lease")."""
    return Contract.objects.filter(
        state__in=CONTRACT_IN_FORCE, period_start__lte=today, period_end__gte=today
    )


def contracts_due(today, interval_days):
    """Active contracts with no follow-up due whose last one (or the lease start) lies
    `interval_days` or more behind: one query."""
    cutoff = today - timedelta(days=interval_days)
    return (
        active_contracts(today)
        .exclude(follow_ups__state=S.DUE)
        .annotate(last_follow_up=Max("follow_ups__scheduled_for"))
        .filter(
            Q(last_follow_up__lte=cutoff) | Q(last_follow_up__isnull=True, period_start__lte=cutoff)
        )
    )


@command(model=FollowUp, public=True)
def schedule_due_follow_ups(*, today=None):
    """Create the follow-ups that have fallen due, for Customer Service; return how many.

    The periodic job runs it (no user). Idempotent and set-based: one query
    finds the contracts, one their customers, one insert creates their
    follow-ups, numbered beforehand in one block of the "F" series, one insert
    writes their History.
    A contract never has two follow-ups due (a database constraint holds it
    too, should two runs overlap: the later one then creates nothing).
    """
    today = today or timezone.localdate()
    config = FollowUpSettings.load()
    due = list(
        contracts_due(today, config.interval_days).values_list("pk", "customer_id", "number")
    )
    if not due:
        return 0
    now = timezone.now()
    deadline = due_by(today, config)
    numbers = {contract_id: number for contract_id, _customer, number in due}
    # The History labels name the customer: fetched at once, not one query per follow-up.
    customers = Customer.objects.in_bulk({customer_id for _pk, customer_id, _number in due})
    rows = [
        FollowUp(
            contract_id=contract_id,
            customer=customers[customer_id],
            scheduled_for=today,
            created_at=now,
            state_changed_at=now,
            due_at=deadline,
        )
        for contract_id, customer_id, _number in due
    ]
    try:
        with transaction.atomic():
            created = create_records(
                rows,
                data_for=lambda follow_up: {
                    "note": _("scheduled for contract %(number)s")
                    % {"number": numbers[follow_up.contract_id]}
                },
            )
    except IntegrityError:
        return 0  # another run created them a moment ago (its numbers are given back)
    return len(created)


@command(model=FollowUp, permission=ADD, creates=True)
def add_follow_up(follow_up, *, user):
    """Customer Service schedules an extra follow-up of a signed contract by hand."""
    contract = Contract.objects.select_for_update().get(pk=follow_up.contract_id)
    if contract.state not in CONTRACT_IN_FORCE:
        raise FollowUpInvalid(
            {"contract": _("Only a signed contract is followed up.")}, code="not_signed"
        )
    if FollowUp.objects.filter(contract=contract, state=S.DUE).exists():
        raise FollowUpInvalid(
            {"contract": _("This contract already has a follow-up due.")}, code="already_due"
        )
    follow_up.customer_id = contract.customer_id
    follow_up.due_at = due_by(follow_up.scheduled_for, FollowUpSettings.load())
    return create_record(follow_up, user=user)
