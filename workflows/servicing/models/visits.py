"""Maintenance visits (P4.1): one per unit on lease and per date of its model's cycle."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord, ProcessRecordQuerySet
from workflows.core.roles import AFTER_SALES

from ..choices import VisitState as S
from ..permissions import RECORD_VISIT

#: The customer signs the visit off within this many days of the work.
SIGN_OFF_DAYS = 3


def end_of(day):
    return datetime.combine(day + timedelta(days=1), time.min, timezone.get_current_timezone())


def _filled(value):
    return bool((value or "").strip())


def has_work_recorded(visit):
    """A visit is recorded with its technician, at least one task done and the readings."""
    return (
        visit.technician_id is not None
        and any((visit.cleaned, visit.lubricated, visit.tightened, visit.checked))
        and _filled(visit.readings)
    )


has_work_recorded.message = _(
    "Name the technician, tick the work done (cleaning, lubrication, tightening, checks) "
    "and write the readings."
)


def has_customer_sign_off(visit):
    """The customer's representative signs the visit off by name (P4.1)."""
    return _filled(visit.customer_signatory)


has_customer_sign_off.message = _("Give the name of the customer's representative who signed.")


def has_cancel_reason(visit):
    return _filled(visit.cancel_reason)


has_cancel_reason.message = _("Say why the visit is cancelled.")


class VisitQuerySet(ProcessRecordQuerySet):
    def open(self):
        return super().open().select_related("unit", "customer")


class MaintenanceVisit(ProcessRecord):
    """One maintenance visit of one unit on lease, due on a date of its model's cycle."""

    FINAL_STATES = (S.SIGNED_OFF, S.CANCELLED)
    REFERENCE_PREFIX = "MV"
    DATE_FIELD = "due_on"
    escalation = Escalation(
        roles=(AFTER_SALES,), states=(S.SCHEDULED,), note=_("maintenance visit overdue")
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.SCHEDULED, protected=True
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="maintenance_visits",
    )
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("lease contract"),
        on_delete=models.PROTECT,
        related_name="maintenance_visits",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="maintenance_visits",
        editable=False,
    )
    due_on = models.DateField(_("due on"))

    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("technician"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="maintenance_visits",
    )
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True, editable=False)
    cleaned = models.BooleanField(_("cleaned"), default=False, editable=False)
    lubricated = models.BooleanField(_("lubricated"), default=False, editable=False)
    tightened = models.BooleanField(_("tightened"), default=False, editable=False)
    checked = models.BooleanField(_("checked"), default=False, editable=False)
    readings = models.TextField(_("readings"), blank=True, editable=False)
    findings = models.TextField(
        _("findings"),
        blank=True,
        editable=False,
        help_text=_("Faults found; a repair can be opened from them."),
    )
    customer_signatory = models.CharField(
        _("signed off by (customer)"), max_length=150, blank=True, editable=False
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("maintenance visit")
        verbose_name_plural = _("maintenance visits")
        ordering = ["-due_on", "-pk"]
        permissions = [("record_visit", _("Can record maintenance visits and their sign-off"))]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "contract", "due_on"],
                name="maintenance_visit_one_per_unit_contract_day",
                violation_error_message=_("This unit already has a visit due that day."),
            )
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["unit", "due_on"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.unit.asset_number}" if self.unit_id else self.reference

    def deadline_for(self, state):
        """Due by the end of its day; the customer signs off within `SIGN_OFF_DAYS`."""
        if state == S.SCHEDULED and self.due_on:
            return end_of(self.due_on) - timezone.now()
        if state == S.RECORDED:
            return timedelta(days=SIGN_OFF_DAYS)
        return None

    @classmethod
    def waiting_for(cls, user):
        return super().waiting_for(user).select_related("unit", "customer")

    @transition(
        field=state,
        source=S.SCHEDULED,
        target=S.RECORDED,
        permission=RECORD_VISIT,
        conditions=[has_work_recorded],
        custom={"label": _("Record the work"), "style": "primary"},
    )
    def record(self):
        pass

    record.alters_data = True

    @transition(
        field=state,
        source=S.RECORDED,
        target=S.SIGNED_OFF,
        permission=RECORD_VISIT,
        conditions=[has_customer_sign_off],
        custom={"label": _("Customer signed off"), "style": "primary"},
    )
    def sign_off(self):
        pass

    sign_off.alters_data = True

    @transition(
        field=state,
        source=S.SCHEDULED,
        target=S.CANCELLED,
        permission=RECORD_VISIT,
        conditions=[has_cancel_reason],
        custom={"label": _("Cancel"), "style": "danger"},
    )
    def cancel(self):
        pass

    cancel.alters_data = True


class WearPartUsed(models.Model):
    """A wear part replaced during a visit, with its quantity (P4.1)."""

    visit = models.ForeignKey(
        MaintenanceVisit,
        verbose_name=_("visit"),
        on_delete=models.CASCADE,
        related_name="wear_parts",
    )
    part = models.CharField(_("part"), max_length=150)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("wear part replaced")
        verbose_name_plural = _("wear parts replaced")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="wear_part_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.part} × {self.quantity}"
