"""Business commands on requirements and lease plans (P2.1, P2.2)."""

from datetime import timedelta

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from workflows.core.commands import command, transition_command
from workflows.core.records import create_record, history_entries
from workflows.core.services import action_name, perform_transition

from .. import pricing
from ..choices import PlanState as S
from ..models import LeasePlan, PlanLine, Requirement

#: A new plan is valid for this long unless Sales says otherwise.
DEFAULT_VALIDITY = timedelta(days=14)


def requirement_from_consultation(consultation, *, user):
    """An unsaved requirement, prefilled from a consultation handed to Sales (P2.1).

    The customer is the one created from this consultation, or else the one
    with the consultation's email address or phone number, if any.
    """
    from workflows.customers.models import Customer

    customer = Customer.objects.filter(source_consultation=consultation).first()
    if customer is None:
        match = Q(pk__in=[])
        if consultation.email:
            match |= Q(email__iexact=consultation.email)
        if consultation.phone:
            match |= Q(phone=consultation.phone)
        customer = Customer.objects.filter(match).order_by("pk").first()
    return Requirement(
        consultation=consultation,
        customer=customer,
        usage_conditions=consultation.sales_need or consultation.question,
        language=consultation.language,
        taken_by=user,
    )


@command(model=Requirement, permission="leasing.add_requirement", creates=True)
def record_requirement(requirement, *, user):
    """Sales records what the customer needs (P2.1); `taken_at` starts the business cycle.

    A requirement is not a process record (it has no states), so it is saved
    here and its History entry names exactly the user who recorded it.
    """
    if requirement.taken_by_id is None:
        requirement.taken_by = user
    requirement.full_clean()
    requirement.save()
    history_entries([requirement], "wagtail.create", user=user)
    return requirement


def new_plan(requirement, *, user):
    """An unsaved draft plan for `requirement` (or one still to choose), valid for 14 days."""
    plan = LeasePlan(valid_until=timezone.localdate() + DEFAULT_VALIDITY, prepared_by=user)
    if requirement is not None:
        plan.requirement = requirement
        plan.language = requirement.language
    return plan


def lines_for(requirement):
    """Plan lines for each catalogue model the customer needs, at the cheapest rate basis."""
    lines = []
    for i, need in enumerate(
        requirement.lines.filter(equipment_model__isnull=False).select_related("equipment_model")
    ):
        basis, periods = pricing.cheapest_basis(
            need.equipment_model, requirement.period_start, requirement.period_end
        )
        lines.append(
            PlanLine(
                sort_order=i,
                equipment_model=need.equipment_model,
                quantity=need.quantity,
                rate_basis=basis,
                periods=periods,
                unit_rate=pricing.model_rate(need.equipment_model, basis),
            )
        )
    return lines


@command(model=LeasePlan, permission="leasing.add_leaseplan", creates=True)
def create_plan(plan, *, user):
    """Sales builds a draft plan for a requirement (P2.2), starting from what was asked for.

    Lines are made for every catalogue model of the requirement, priced at the
    catalogue rate of the cheapest basis; Sales adjusts them before sending.
    The plan's reference (LP, month of creation) is given before its one save.
    """
    requirement = plan.requirement
    plan.customer_id = requirement.customer_id
    if plan.prepared_by_id is None:
        plan.prepared_by = user
    if not list(plan.lines.all()):
        plan.lines = lines_for(requirement)
    return create_record(plan, user=user)


@transition_command(LeasePlan, "send")
def send_plan(plan, *, user, expected_state=None, note=""):
    """Sales sends the plan to the customer (P2.2); it is open until its last valid day.

    `sent_at` is kept for the KPIs (P7.3).
    """
    return perform_transition(
        plan,
        "send",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=lambda p: setattr(p, "sent_at", timezone.now()),
        due_at=plan.valid_until_deadline() if plan.valid_until else None,
    )


@transition_command(LeasePlan, "accept")
def accept_plan(plan, *, user, expected_state=None, note=""):
    """The customer accepts the plan: a contract can now be drafted from it (P2.3)."""
    return perform_transition(
        plan,
        "accept",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=lambda p: setattr(p, "answered_at", timezone.now()),
    )


@transition_command(LeasePlan, "decline")
def decline_plan(plan, *, user, reason, expected_state=None, note=""):
    """The customer declines the plan, for a reason Sales writes down."""

    def prepare(p):
        p.decline_reason = (reason or "").strip()
        p.answered_at = timezone.now()

    return perform_transition(
        plan,
        "decline",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(LeasePlan, "revise")
def revise_plan(plan, *, user, expected_state=None, note=""):
    """Make the next version of a sent, declined or expired plan; return the new draft.

    The old version is marked superseded and stays readable as it was sent;
    the new one starts as a draft with the same lines, terms and reference.
    """
    old = perform_transition(plan, "revise", user=user, note=note, expected_state=expected_state)
    new = LeasePlan(
        reference=old.reference,
        version=old.version + 1,
        previous_version=old,
        requirement_id=old.requirement_id,
        customer_id=old.customer_id,
        prepared_by=user,
        payment_method=old.payment_method,
        billing_cycle=old.billing_cycle,
        includes_delivery=old.includes_delivery,
        includes_maintenance=old.includes_maintenance,
        includes_training=old.includes_training,
        services_note=old.services_note,
        valid_until=max(old.valid_until, timezone.localdate() + DEFAULT_VALIDITY),
        deposit_agreed=old.deposit_agreed,
        language=old.language,
    )
    new.lines = [
        PlanLine(
            sort_order=line.sort_order,
            equipment_model_id=line.equipment_model_id,
            configuration=line.configuration,
            quantity=line.quantity,
            rate_basis=line.rate_basis,
            periods=line.periods,
            unit_rate=line.unit_rate,
        )
        for line in old.lines.select_related("equipment_model")
    ]
    new.save()
    history_entries([new], "wagtail.create", user=user, data={"revises": old.pk})
    return new


@transition_command(LeasePlan, "expire", public=True)
def expire_plan(plan, *, user=None, expected_state=None, note=""):
    """A sent plan past its last valid day expires (P2.2); only the system does this."""
    return perform_transition(plan, "expire", user=user, note=note, expected_state=expected_state)


@command(model=LeasePlan, public=True)
def expire_overdue_plans(*, now=None):
    """Sent plans past their last valid day expire (the periodic job); returns how many.

    Set-based, the whole backlog in one run: one query claims the plans (rows
    a salesperson is answering right now are skipped and stay sent: the
    customer's answer stands), one update expires them and one insert writes
    their History entries, the same entries the transition writes. Running
    again finds none.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    lock = {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}
    due = list(
        LeasePlan.objects.filter(state=S.SENT, valid_until__lt=today)
        .select_for_update(**lock)
        .order_by("valid_until", "pk")
    )
    if not due:
        return 0
    LeasePlan.objects.filter(pk__in=[plan.pk for plan in due], state=S.SENT).update(
        state=S.EXPIRED, state_changed_at=now, updated_at=now, due_at=None, escalated_at=None
    )
    history_entries(
        due,
        action_name(LeasePlan, "expire"),
        data={"from": S.SENT.value, "to": S.EXPIRED.value, "note": ""},
        timestamp=now,
    )
    return len(due)
