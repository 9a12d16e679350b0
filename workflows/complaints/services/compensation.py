"""Finance applies rent credits and After-sales carries out service tasks (P9.4)."""

from django.utils import timezone

from workflows.core.commands import transition_command
from workflows.core.services import perform_transition

from ..models import RentCredit, ServiceTask


@transition_command(RentCredit, "apply", name="complaints.apply_rent_credit")
def apply_rent_credit(credit, *, user, finance_reference, expected_state=None, note=""):
    """Finance confirms the rent reduction was applied, and where."""

    def prepare(c):
        c.finance_reference = finance_reference.strip()
        c.applied_at = timezone.now()

    return perform_transition(
        credit,
        "apply",
        user=user,
        note=note or finance_reference,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(ServiceTask, "complete", name="complaints.complete_service_task")
def complete_service_task(task, *, user, outcome, expected_state=None, note=""):
    """After-sales confirms the extra service was given, and what was done."""

    def prepare(t):
        t.outcome = outcome.strip()
        t.done_at = timezone.now()

    return perform_transition(
        task,
        "complete",
        user=user,
        note=note or outcome,
        expected_state=expected_state,
        prepare=prepare,
    )
