"""Investigating and resolving a complaint (P9.3-P9.5). Views, jobs and tests call these."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.core.commands import transition_command
from workflows.core.money import currency, money
from workflows.core.services import perform_transition

from ..choices import Compensation
from ..customer_messages import BEING_HANDLED
from ..exceptions import ComplaintInvalid
from ..models import Complaint, RentCredit, ServiceTask
from .common import (
    check_investigator,
    check_method,
    check_staff_member,
    leaving_state,
    naming,
    publish,
    publish_standard,
)
from .messages import tell_complainant, tell_staff

NO_CONTRACT = gettext_lazy(
    "Link the complaint to its contract first (Customer Service does so when assigning or "
    "editing it): Finance applies the rent reduction against the contract."
)


@transition_command(Complaint, "assign")
def assign_complaint(
    complaint,
    *,
    user,
    department,
    investigator,
    customer=None,
    contract=None,
    staff_member=None,
    expected_state=None,
    note="",
):
    """Customer Service hands the complaint to the responsible department (P9.3).

    The investigator is told in the admin and by email; the complainant is told
    by their channel that it is being handled, and the tracking page says so.
    A complaint about a person names the staff member complained about, a member of
    that department: internal only, it counts towards the people with repeated
    complaints (P7.2) and is never shown to the complainant.
    """
    check_investigator(department, investigator)
    check_staff_member(department, staff_member)
    note, named = naming(note, staff_member)

    def prepare(c):
        c.department = department
        c.investigator = investigator
        c.staff_member = staff_member
        c.assigned_at = timezone.now()
        if contract is not None:
            c.contract = contract
        if customer is not None:
            c.customer = customer
        elif c.customer_id is None and c.contract_id is not None:
            c.customer_id = c.contract.customer_id

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "assign",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=leaving_state(prepare),
            log_data={
                "department": department,
                "investigator": investigator.get_username(),
                **named,
            },
        )
        _tell_investigator(complaint)
        tell_complainant(complaint, "being_handled", f"being_handled:{complaint.reopened_count}")
        publish_standard(complaint, BEING_HANDLED, user=user, department=complaint.department)
    return complaint


def _tell_investigator(complaint):
    tell_staff(
        [complaint.investigator],
        complaint,
        "assigned",
        f"assigned:{complaint.assigned_at:%Y%m%d%H%M%S%f}",
    )


def _check_compensation(
    complaint, compensation, credit_amount, service_description, service_due_date
):
    if compensation == Compensation.RENT_CREDIT:
        if credit_amount is None or money(credit_amount) <= 0:
            raise ComplaintInvalid(
                {"credit_amount": _("Give the amount of the rent reduction.")},
                code="no_credit_amount",
            )
        if complaint.contract_id is None:
            raise ComplaintInvalid({"compensation": NO_CONTRACT}, code="credit_without_contract")
    if compensation == Compensation.EXTRA_SERVICE:
        if not (service_description or "").strip():
            raise ComplaintInvalid(
                {"service_description": _("Describe the extra service.")},
                code="no_service_description",
            )
        if service_due_date is None or service_due_date < timezone.localdate():
            raise ComplaintInvalid(
                {"service_due_date": _("Give a due date from today on.")},
                code="no_service_due_date",
            )


@transition_command(Complaint, "agree_plan")
def agree_plan(
    complaint,
    *,
    user,
    measures,
    plan_owner,
    plan_deadline,
    compensation=Compensation.NONE,
    credit_amount=None,
    service_description="",
    service_due_date=None,
    public_update="",
    expected_state=None,
    note="",
):
    """The department agrees the handling plan: measures, a named owner, a deadline (P9.4).

    A rent reduction becomes a credit for Finance, an extra service a task for
    After-sales; both are created with the plan or not at all.
    """

    def prepare(c):
        _check_compensation(c, compensation, credit_amount, service_description, service_due_date)
        c.measures = measures.strip()
        c.plan_owner = plan_owner
        c.plan_deadline = plan_deadline
        c.compensation = compensation
        c.plan_agreed_at = timezone.now()

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "agree_plan",
            user=user,
            note=note or measures,
            expected_state=expected_state,
            prepare=leaving_state(prepare),
            due_at=plan_deadline,
            log_data={"plan_owner": plan_owner.get_username(), "compensation": compensation},
        )
        if compensation == Compensation.RENT_CREDIT:
            RentCredit.objects.create(
                complaint=complaint,
                contract=complaint.contract,
                customer_id=complaint.contract.customer_id,
                amount=money(credit_amount),
                currency=currency(),
                reason=complaint.measures,
                agreed_by=user,
            )
        elif compensation == Compensation.EXTRA_SERVICE:
            ServiceTask.objects.create(
                complaint=complaint,
                description=service_description.strip(),
                due_date=service_due_date,
                due_at=timezone.make_aware(datetime.combine(service_due_date, time(18, 0))),
                agreed_by=user,
            )
        if plan_owner.pk != user.pk:
            tell_staff(
                [plan_owner],
                complaint,
                "plan_owner",
                f"plan_owner:{complaint.plan_agreed_at:%Y%m%d%H%M%S%f}",
            )
        publish(complaint, public_update, user=user)
    return complaint


@transition_command(Complaint, "resolve")
def resolve_complaint(
    complaint, *, user, resolution, public_update="", expected_state=None, note=""
):
    """The owner records what was done; Customer Service tells the complainant next (P9.4)."""

    def prepare(c):
        c.resolution = resolution.strip()
        c.resolved_at = timezone.now()

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "resolve",
            user=user,
            note=note or resolution,
            expected_state=expected_state,
            prepare=leaving_state(prepare),
        )
        publish(complaint, public_update, user=user)
    return complaint


@transition_command(Complaint, "communicate_result")
def communicate_result(
    complaint, *, user, result_message, communicated_via, expected_state=None, note=""
):
    """Customer Service tells the complainant the result, by the way chosen (P9.5).

    An email or text message is sent; a call, visit or letter is recorded as
    what was said. The tracking page shows the same words.
    """
    check_method(complaint, communicated_via)

    def prepare(c):
        c.result_message = result_message.strip()
        c.communicated_via = communicated_via
        c.communicated_at = timezone.now()

    with transaction.atomic():
        complaint = perform_transition(
            complaint,
            "communicate_result",
            user=user,
            note=note or result_message,
            expected_state=expected_state,
            prepare=leaving_state(prepare),
            log_data={"communicated_via": communicated_via},
        )
        tell_complainant(
            complaint,
            "result",
            f"result:{complaint.reopened_count}",
            method=communicated_via,
        )
        publish(complaint, complaint.result_message, user=user)
    return complaint
