"""What a handling plan gives the complainant (P9.4), as work for another department.

A rent reduction becomes a credit Finance applies to the customer's rent; an
extra service becomes a task After-sales carries out. Each is a small process
record, so it appears in that department's work queue until it is done.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.models import ProcessRecord, ProcessRecordQuerySet

from ..access import APPLY_CREDIT, COMPLETE_TASK
from ..choices import RentCreditState, ServiceTaskState


def has_finance_reference(credit):
    return bool((credit.finance_reference or "").strip())


has_finance_reference.message = _(
    "Write where the credit was applied (the invoice or settlement number)."
)


def has_outcome(task):
    return bool((task.outcome or "").strip())


has_outcome.message = _("Write what was done.")


class WithComplaintManager(models.Manager.from_queryset(ProcessRecordQuerySet)):
    """Each credit and task is named after its complaint: read it in the same query
    (listings, the work queue and the overdue report show many at once)."""

    def get_queryset(self):
        return super().get_queryset().select_related("complaint")


class RentCredit(ProcessRecord):
    """A rent reduction agreed in a complaint's plan, for Finance to apply against the
    contract's rent (P9.4, P5.1)."""

    FINAL_STATES = (RentCreditState.APPLIED,)

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="rent_credits",
    )
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="rent_credits",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="rent_credits",
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    reason = models.TextField(_("reason"))
    state = FSMField(
        _("state"),
        max_length=20,
        choices=RentCreditState.choices,
        default=RentCreditState.PENDING,
        protected=True,
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finance_reference = models.CharField(_("applied in"), max_length=100, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    objects = WithComplaintManager()

    class Meta:
        verbose_name = _("rent credit")
        verbose_name_plural = _("rent credits")
        ordering = ["-created_at", "-pk"]
        permissions = [("apply_rent_credit", _("Can apply rent credits agreed in complaints"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="rent_credit_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.complaint.reference}: {self.currency} {self.amount}"

    @transition(
        field=state,
        source=RentCreditState.PENDING,
        target=RentCreditState.APPLIED,
        permission=APPLY_CREDIT,
        conditions=[has_finance_reference],
        custom={"label": _("Mark as applied"), "style": "primary"},
    )
    def apply(self):
        pass

    apply.alters_data = True


class ServiceTask(ProcessRecord):
    """An extra service agreed in a complaint's plan, for After-sales to carry out (P9.4)."""

    FINAL_STATES = (ServiceTaskState.DONE,)

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="service_tasks",
    )
    description = models.TextField(_("what to do"))
    due_date = models.DateField(_("due date"))
    state = FSMField(
        _("state"),
        max_length=20,
        choices=ServiceTaskState.choices,
        default=ServiceTaskState.OPEN,
        protected=True,
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.TextField(_("what was done"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = WithComplaintManager()

    class Meta:
        verbose_name = _("service task")
        verbose_name_plural = _("service tasks")
        ordering = ["due_date", "pk"]
        permissions = [
            ("complete_service_task", _("Can carry out service tasks agreed in complaints"))
        ]

    def __str__(self):
        return f"{self.complaint.reference}: {self.description[:60]}"

    @transition(
        field=state,
        source=ServiceTaskState.OPEN,
        target=ServiceTaskState.DONE,
        permission=COMPLETE_TASK,
        conditions=[has_outcome],
        custom={"label": _("Mark as done"), "style": "primary"},
    )
    def complete(self):
        pass

    complete.alters_data = True
