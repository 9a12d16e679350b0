"""Repair orders (P4.2): a fault found is diagnosed, repaired, done and verified."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord, ProcessRecordQuerySet
from workflows.core.roles import AFTER_SALES

from ..choices import RepairSource
from ..choices import RepairState as S
from ..permissions import HANDLE_REPAIR, VERIFY_REPAIR
from .visits import end_of

#: How long each open state may last before the repair is escalated.
DEADLINES = {
    S.REPORTED: timedelta(days=1),
    S.DIAGNOSED: timedelta(days=2),
    S.DONE: timedelta(days=2),
}


def _filled(value):
    return bool((value or "").strip())


def has_diagnosis(repair):
    """A diagnosis says what is wrong; a major repair also when it will be done (P4.2)."""
    if not _filled(repair.diagnosis):
        return False
    return not repair.major or repair.expected_completion_on is not None


has_diagnosis.message = _(
    "Write the diagnosis; for a major repair or part replacement give the expected completion date."
)


def has_work_done(repair):
    return _filled(repair.work_done)


has_work_done.message = _("Write what was repaired or replaced.")


def has_verification(repair):
    return _filled(repair.verification)


has_verification.message = _("Write how the repair was checked.")


class RepairQuerySet(ProcessRecordQuerySet):
    def open(self):
        return super().open().select_related("unit")


class Repair(ProcessRecord):
    """One repair of one unit, opened from a visit, a follow-up, a complaint or a call."""

    FINAL_STATES = (S.VERIFIED,)
    REFERENCE_PREFIX = "RP"
    DATE_FIELD = "reported_at"
    escalation = Escalation(roles=(AFTER_SALES,), note=_("repair deadline passed"))

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.REPORTED, protected=True
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="repairs",
    )
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("lease contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs",
        editable=False,
    )
    source = models.CharField(
        _("reported through"), max_length=20, choices=RepairSource.choices, editable=False
    )
    visit = models.ForeignKey(
        "servicing.MaintenanceVisit",
        verbose_name=_("maintenance visit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs",
        editable=False,
    )
    follow_up = models.ForeignKey(
        "followups.FollowUp",
        verbose_name=_("follow-up"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs",
        editable=False,
    )
    service_task = models.ForeignKey(
        "complaints.ServiceTask",
        verbose_name=_("complaint service task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repairs",
        editable=False,
    )
    reported_at = models.DateTimeField(_("reported at"), editable=False)
    reported_by_name = models.CharField(_("reported by"), max_length=150, blank=True)
    fault = models.TextField(_("fault reported"))

    diagnosis = models.TextField(_("diagnosis"), blank=True, editable=False)
    major = models.BooleanField(
        _("major repair or part replacement"), default=False, editable=False
    )
    expected_completion_on = models.DateField(
        _("expected completion"), null=True, blank=True, editable=False
    )
    work_done = models.TextField(_("work done"), blank=True, editable=False)
    verification = models.TextField(_("verification"), blank=True, editable=False)
    repaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("repaired by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    unit_state_before = models.CharField(
        _("unit's state before the repair"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("Set when the repair sent the unit to service; it goes back after."),
    )
    replacement_booking = models.OneToOneField(
        "leasing.UnitBooking",
        verbose_name=_("replacement unit booking"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces_for_repair",
        editable=False,
    )

    objects = RepairQuerySet.as_manager()

    class Meta:
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")
        ordering = ["-reported_at", "-pk"]
        permissions = [
            ("handle_repair", _("Can diagnose and carry out repairs")),
            ("verify_repair", _("Can verify finished repairs")),
            ("swap_replacement_unit", _("Can put a replacement unit on a contract")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(major=True) | models.Q(expected_completion_on__isnull=False),
                name="repair_major_has_expected_completion",
            )
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return f"{self.reference} {self.unit.asset_number}" if self.unit_id else self.reference

    def deadline_for(self, state):
        if state == S.IN_REPAIR and self.expected_completion_on is not None:
            return end_of(self.expected_completion_on) - timezone.now()
        return DEADLINES.get(state)

    @classmethod
    def waiting_for(cls, user):
        return super().waiting_for(user).select_related("unit")

    @transition(
        field=state,
        source=S.REPORTED,
        target=S.DIAGNOSED,
        permission=HANDLE_REPAIR,
        conditions=[has_diagnosis],
        custom={"label": _("Diagnose"), "style": "primary"},
    )
    def diagnose(self):
        pass

    diagnose.alters_data = True

    @transition(
        field=state,
        source=S.DIAGNOSED,
        target=S.IN_REPAIR,
        permission=HANDLE_REPAIR,
        custom={"label": _("Start the repair")},
    )
    def start_repair(self):
        pass

    start_repair.alters_data = True

    @transition(
        field=state,
        source=S.IN_REPAIR,
        target=S.DONE,
        permission=HANDLE_REPAIR,
        conditions=[has_work_done],
        custom={"label": _("Repair done"), "style": "primary"},
    )
    def finish(self):
        pass

    finish.alters_data = True

    @transition(
        field=state,
        source=S.DONE,
        target=S.VERIFIED,
        permission=VERIFY_REPAIR,
        conditions=[has_verification],
        custom={"label": _("Verify"), "style": "primary"},
    )
    def verify(self):
        pass

    verify.alters_data = True
