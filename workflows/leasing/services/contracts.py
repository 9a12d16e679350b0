"""Business commands on lease contracts (P2.3-P2.5)."""

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.numbering import next_reference
from workflows.core.people import members, person_name
from workflows.core.records import create_record, record_date
from workflows.core.registry import inspect_url
from workflows.core.roles import AFTER_SALES, CUSTOMER_SERVICE
from workflows.core.services import log_event, perform_transition
from workflows.core.uploads import validate_upload

from .. import bookings
from ..choices import ContractState as S
from ..choices import PlanState, ReviewOutcome
from ..clauses import filled_clauses
from ..exceptions import ContractNotEditable, LeasingInvalid
from ..models import Contract, ContractCopy, ContractTemplate

#: The departments that receive a copy of every signed contract (P2.5).
COPY_DEPARTMENTS = (CUSTOMER_SERVICE, AFTER_SALES)


def new_contract(plan, *, user):
    """An unsaved contract for an accepted plan, with the requirement's period and place."""
    contract = Contract(drafted_by=user)
    if plan is None:
        return contract
    requirement = plan.requirement
    template = (
        ContractTemplate.objects.filter(active=True, language=requirement.language).first()
        or ContractTemplate.objects.filter(active=True).first()
    )
    contract.plan = plan
    if template is not None:
        contract.template = template
        contract.title = template.title
    contract.language = requirement.language
    contract.period_start = requirement.period_start
    contract.period_end = requirement.period_end
    contract.delivery_date = requirement.period_start
    contract.delivery_place = requirement.site_address
    return contract


@command(model=Contract, permission="leasing.add_contract", creates=True)
def create_contract(contract, *, user):
    """Sales drafts the contract of an accepted plan from a template (P2.3).

    The template's clauses are copied into the contract with their placeholders
    filled in; from then on they are this contract's own text. The number (LC,
    month of creation) is taken first, because the clauses quote it, and the
    contract with its clauses is saved once.
    """
    plan = type(contract.plan).objects.select_for_update().get(pk=contract.plan_id)
    if plan.state != PlanState.ACCEPTED:
        raise LeasingInvalid(
            {"plan": _("Only a plan the customer accepted becomes a contract.")},
            code="plan_not_accepted",
        )
    if plan.contracts.exclude(state=S.CANCELLED).exists():
        raise LeasingInvalid({"plan": _("This plan already has a contract.")}, code="plan_taken")
    contract.plan = plan
    contract.customer_id = plan.customer_id
    contract.title = contract.title or contract.template.title
    contract.language = contract.language or contract.template.language
    if contract.drafted_by_id is None:
        contract.drafted_by = user
    contract.full_clean(exclude=["number"])
    contract.number = next_reference(Contract.REFERENCE_PREFIX, record_date(contract))
    contract.clauses = filled_clauses(contract, contract.template)
    try:
        return create_record(contract, user=user)
    except IntegrityError:
        raise LeasingInvalid({"plan": _("This plan already has a contract.")}) from None


def lock_editable(contract):
    """Lock the contract row; refuse if Sales may not change it in its current state."""
    current = Contract.objects.select_for_update().get(pk=contract.pk)
    if current.state not in Contract.EDITABLE_STATES:
        raise ContractNotEditable(
            _("The contract is “%(state)s”: it cannot be changed now.")
            % {"state": current.get_state_display()},
            code="not_editable",
        )
    return current


@command(model=Contract, permission="leasing.change_contract")
def rebuild_clauses(contract, *, user):
    """Fill the template's clauses in again from the contract as it stands (edits are replaced).

    Only while Sales may edit the contract (draft, changes requested, approved).
    """
    lock_editable(contract)
    contract.clauses = filled_clauses(contract, contract.template)
    contract.save()
    log_event(contract, "leasing.rebuild_clauses", user=user, note=str(contract.template))
    return contract


@command(model=Contract, permission="leasing.change_contract")
def after_contract_edit(contract, *, user):
    """What follows Sales' edit, saved in the same transaction (P2.4).

    - Legal approved one exact version: if the content now differs from it,
      the contract goes back to draft, with a History entry saying so.
    - Booked units follow a changed lease period, under the same check.
    """
    contract = Contract.objects.get(pk=contract.pk)
    start, end = contract.booking_period()
    held = contract.bookings.filter(active=True).select_related("plan_line", "unit")
    if held and any((b.start, b.end) != (start, end) for b in held):
        assignments = {}
        for booking in held:
            assignments.setdefault(booking.plan_line, []).append(booking.unit)
        bookings.book_units(contract, assignments, start, end)
    if contract.state == S.APPROVED:
        new_hash = contract.content_hash()
        if new_hash != contract.approved_hash:
            contract = perform_transition(
                contract,
                "reopen",
                user=user,
                note=_("Edited after Legal's approval: back to draft, to be reviewed again."),
                expected_state=S.APPROVED,
                prepare=_forget_approval,
                log_data={"approved_hash": contract.approved_hash, "new_hash": new_hash},
            )
    return contract


def _forget_approval(contract):
    contract.approved_hash = ""
    contract.approved_at = None
    contract.approved_by = None


@transition_command(Contract, "reopen")
def reopen_contract(contract, *, user, expected_state=None, note=""):
    """Sales takes an approved contract back to change it; Legal must approve it again."""
    return perform_transition(
        contract,
        "reopen",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=_forget_approval,
    )


@transition_command(Contract, "submit_for_review")
def submit_contract(contract, *, user, expected_state=None, note=""):
    """Sales sends the draft to Legal (P2.4); Legal's deadline starts now.

    The first submission is kept for the KPIs (business cycle time, P7.3).
    """

    def prepare(c):
        c.review_rounds += 1
        if c.submitted_at is None:
            c.submitted_at = timezone.now()

    return perform_transition(
        contract,
        "submit_for_review",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


def _record_first_outcome(contract, outcome):
    if not contract.first_review_outcome:
        contract.first_review_outcome = outcome


@transition_command(Contract, "request_changes")
def request_changes(contract, *, user, comments, expected_state=None, note=""):
    """Legal sends the contract back with what has to change (P2.4)."""

    def prepare(c):
        c.review_comments = (comments or "").strip()
        _record_first_outcome(c, ReviewOutcome.CHANGES_REQUESTED)

    return perform_transition(
        contract,
        "request_changes",
        user=user,
        note=note or comments,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(Contract, "approve")
def approve_contract(contract, *, user, expected_state=None, note=""):
    """Legal approves this exact version of the contract (P2.4); its fingerprint is kept."""

    def prepare(c):
        c.approved_hash = c.content_hash()
        c.approved_at = timezone.now()
        c.approved_by = user
        c.review_comments = ""
        _record_first_outcome(c, ReviewOutcome.APPROVED)

    return perform_transition(
        contract,
        "approve",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(Contract, "cancel")
def cancel_contract(contract, *, user, reason, expected_state=None, note=""):
    """Sales cancels a contract before it is signed; its units are free again."""

    def prepare(c):
        c.cancelled_reason = (reason or "").strip()
        c.cancelled_at = timezone.now()

    contract = perform_transition(
        contract,
        "cancel",
        user=user,
        note=note or reason,
        expected_state=expected_state,
        prepare=prepare,
    )
    bookings.release_units(contract)
    return contract


@transition_command(Contract, "sign")
def sign_contract(
    contract,
    *,
    user,
    signed_on,
    customer_signatory,
    company_signatory,
    signed_original,
    archive_location,
    expected_state=None,
    note="",
):
    """Sales records the signing of the approved contract (P2.4, P2.5).

    The scan is checked by content; Customer Service and After-sales each
    receive an in-app message and an email with a link, and who received the
    copy is recorded.
    """
    if signed_original:
        validate_upload(signed_original, kinds=("pdf", "jpeg", "png"))
    if signed_on is not None and signed_on > timezone.localdate():
        raise LeasingInvalid(
            {"signed_on": _("The signing date cannot be in the future.")}, code="future_signing"
        )

    def prepare(c):
        c.signed_on = signed_on
        c.customer_signatory = (customer_signatory or "").strip()
        c.company_signatory = (company_signatory or "").strip()
        c.signed_original = signed_original
        c.archive_location = (archive_location or "").strip()
        c.signed_at = timezone.now()

    previous = None
    if contract.previous_version_id is not None:
        # A renewal with changed terms (P6.1): the kept units pass to this version.
        from .renewals import take_over_bookings

        previous = take_over_bookings(contract)
    contract = perform_transition(
        contract,
        "sign",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
    )
    send_copies(contract, user=user)
    if previous is not None:
        from .renewals import complete_renewal

        contract = complete_renewal(contract, previous, user=user)
    return contract


@command(model=Contract, permission="leasing.sign_contract")
def send_copies(contract, *, user):
    """Tell Customer Service and After-sales, in the admin and by email, and record the copies.

    Only a signed contract has copies (P2.5); sending again tells nobody twice.
    """
    if contract.state != S.SIGNED:
        raise LeasingInvalid(
            _("Only a signed contract is copied to Customer Service and After-sales."),
            code="not_signed",
        )
    link = inspect_url(contract)
    received = []
    for department in COPY_DEPARTMENTS:
        for member in members(department):
            for channel in (MessageChannel.IN_APP, MessageChannel.EMAIL):
                if channel == MessageChannel.EMAIL and not member.email:
                    continue
                queue_message(
                    channel=channel,
                    template="leasing/contract_signed",
                    context={
                        "contract": contract,
                        "department": department,
                        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link,
                    },
                    record=contract,
                    user=member,
                    link=link,
                    dedupe_key=f"contract:{contract.pk}:signed:{member.pk}:{channel}",
                )
            _copy, created = ContractCopy.objects.get_or_create(
                contract=contract, recipient=member, defaults={"department": department}
            )
            if created:
                received.append(f"{person_name(member)} ({department})")
    log_event(
        contract,
        "leasing.copies_sent",
        user=user,
        note=", ".join(received)
        or _("nobody: no active member in Customer Service or After-sales"),
    )
    return received


@command(model=Contract, permission="leasing.change_contract")
def assign_units(contract, *, user, assignments):
    """Book concrete units for each plan line over the lease period (issue item 5).

    `assignments` is {plan line: [units]}; each line gets exactly its quantity
    of units of its model, no unit twice. Refused, with the unit and the other
    contract named, when a unit is already booked for a day of the period.
    """
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.state not in Contract.ASSIGNABLE_STATES:
        raise LeasingInvalid(
            _("Units can no longer be changed: the contract is “%(state)s”.")
            % {"state": contract.get_state_display()},
            code="not_assignable",
        )
    lines = {line.pk: line for line in contract.plan.lines.select_related("equipment_model")}
    seen = set()
    for line, units in assignments.items():
        if line.pk not in lines:
            raise LeasingInvalid(_("That line is not part of this contract's plan."))
        if len(units) != line.quantity:
            raise LeasingInvalid(
                _("%(line)s needs %(quantity)s units; %(count)s chosen.")
                % {"line": lines[line.pk], "quantity": line.quantity, "count": len(units)},
                code="wrong_count",
            )
        for unit in units:
            if unit.equipment_model_id != line.equipment_model_id:
                raise LeasingInvalid(
                    _("Unit %(unit)s is not a %(model)s.")
                    % {"unit": unit.asset_number, "model": lines[line.pk].equipment_model},
                    code="wrong_model",
                )
            if unit.pk in seen:
                raise LeasingInvalid(
                    _("Unit %(unit)s is chosen twice.") % {"unit": unit.asset_number},
                    code="unit_twice",
                )
            seen.add(unit.pk)
    start, end = contract.booking_period()
    bookings.book_units(contract, assignments, start, end)
    log_event(
        contract,
        "leasing.assign_units",
        user=user,
        note=", ".join(
            sorted(unit.asset_number for units in assignments.values() for unit in units)
        ),
    )
    return contract
