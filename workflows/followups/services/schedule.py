"""The follow-up schedule (P4.4): every N days, one follow-up per active lease contract."""

import uuid
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from workflows.leasing.choices import ContractState
from workflows.leasing.models import Contract

from ..choices import FollowUpState as S
from ..exceptions import FollowUpInvalid
from ..models import FollowUp, FollowUpSettings


def end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def active_contracts(today):
    """Signed contracts whose lease period covers `today` (P4.4: "during the lease")."""
    return Contract.objects.filter(
        state=ContractState.SIGNED, period_start__lte=today, period_end__gte=today
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


def _provisional_reference():
    # Replaced by the pk-based reference inside the same transaction.
    return f"new-{uuid.uuid4().hex[:16]}"


def _reference(follow_up):
    return f"F{follow_up.scheduled_for:%y%m}-{follow_up.pk:06d}"


@transaction.atomic
def schedule_due_follow_ups(today=None):
    """Create the follow-ups that have fallen due, for Customer Service; return how many.

    Idempotent and set-based: one query finds the contracts, one insert creates
    their follow-ups, one update numbers them, one insert writes their History.
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
    deadline = end_of_day(today + timedelta(days=config.complete_within_days))
    rows = [
        FollowUp(
            contract_id=contract_id,
            customer_id=customer_id,
            scheduled_for=today,
            reference=_provisional_reference(),
            created_at=now,
            state_changed_at=now,
            due_at=deadline,
        )
        for contract_id, customer_id, _number in due
    ]
    try:
        with transaction.atomic():
            created = FollowUp.objects.bulk_create(rows)
    except IntegrityError:
        return 0  # another run created them a moment ago
    for follow_up in created:
        follow_up.reference = _reference(follow_up)
    FollowUp.objects.bulk_update(created, ["reference"])
    content_type = ContentType.objects.get_for_model(FollowUp)
    numbers = {contract_id: number for contract_id, _customer, number in due}
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(follow_up.pk),
            label=follow_up.reference,
            action="wagtail.create",
            timestamp=now,
            data={
                "note": _("scheduled for contract %(number)s")
                % {"number": numbers[follow_up.contract_id]}
            },
        )
        for follow_up in created
    )
    return len(created)


@transaction.atomic
def add_follow_up(follow_up, *, user):
    """Customer Service schedules an extra follow-up of a signed contract by hand."""
    contract = Contract.objects.select_for_update().get(pk=follow_up.contract_id)
    if contract.state != ContractState.SIGNED:
        raise FollowUpInvalid(
            {"contract": _("Only a signed contract is followed up.")}, code="not_signed"
        )
    if FollowUp.objects.filter(contract=contract, state=S.DUE).exists():
        raise FollowUpInvalid(
            {"contract": _("This contract already has a follow-up due.")}, code="already_due"
        )
    follow_up.customer_id = contract.customer_id
    follow_up.reference = _provisional_reference()
    follow_up.due_at = end_of_day(
        follow_up.scheduled_for + timedelta(days=FollowUpSettings.load().complete_within_days)
    )
    follow_up.save()
    follow_up.reference = _reference(follow_up)
    FollowUp.objects.filter(pk=follow_up.pk).update(reference=follow_up.reference)
    log(follow_up, "wagtail.create", user=user)
    return follow_up
