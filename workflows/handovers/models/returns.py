"""The end of a lease (P6.1-P6.3): the return, its inspection, damage charges, refurbishment."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.private_files import private_storage
from workflows.core.roles import AFTER_SALES, LEGAL, SALES
from workflows.fleet.models import end_of_day

from ..choices import RefurbishmentState, ReturnState
from ..permissions import INSPECT_RETURN, REFURBISH, RESOLVE_DISPUTE
from .common import photo_path

R = ReturnState


def all_units_received(lease_return):
    """The inspection ends when every unit of the return is back (P6.2)."""
    return not lease_return.units.filter(received_at__isnull=True).exists()


all_units_received.message = _("Receive every unit before finishing the inspection.")


def has_dispute_reason(lease_return):
    return bool((lease_return.dispute_reason or "").strip())


has_dispute_reason.message = _("Say what the customer disputes.")


class LeaseReturn(ProcessRecord):
    """The customer returns the units at the agreed time and place; each is inspected
    against its delivery record, and damage is agreed or disputed (P6.1, P6.2).

    A dispute goes to Sales and Legal, who settle it with the customer.
    """

    REFERENCE_PREFIX = "HR"
    FINAL_STATES = (R.AGREED,)
    escalation = Escalation(
        roles=(SALES, LEGAL), states=(R.DISPUTED,), note=_("damage dispute not settled")
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    state = FSMField(
        _("state"), max_length=20, choices=R.choices, default=R.SCHEDULED, protected=True
    )
    return_on = models.DateField(_("return on"))
    window_start = models.TimeField(_("from"))
    window_end = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=300)
    inspected_at = models.DateTimeField(_("inspected at"), null=True, blank=True, editable=False)
    dispute_reason = models.TextField(_("what the customer disputes"), blank=True, editable=False)
    agreed_at = models.DateTimeField(_("charges agreed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-return_on", "-pk"]
        permissions = [
            ("inspect_return", _("Can receive and inspect returned equipment")),
            ("resolve_dispute", _("Can settle disputed damage charges")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="return_window_in_order",
                violation_error_message=_("The time window must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return self.reference or str(_("new return"))

    def deadline_for(self, state):
        """Received and inspected on the agreed day; charges agreed or settled within the
        closing days of the lease terms."""
        from workflows.leasing.models import LeaseTermSettings

        if state == R.SCHEDULED and self.return_on:
            return end_of_day(self.return_on) - timezone.now()
        if state in (R.INSPECTED, R.DISPUTED):
            return timedelta(days=LeaseTermSettings.load().closing_days)
        return None

    def total_proposed(self):
        return sum(
            (d.proposed_charge for d in DamageItem.objects.filter(return_unit__lease_return=self)),
            start=0,
        )

    @transition(
        field=state,
        source=R.SCHEDULED,
        target=R.INSPECTED,
        permission=INSPECT_RETURN,
        conditions=[all_units_received],
        custom={"label": _("Finish the inspection"), "style": "primary"},
    )
    def finish_inspection(self):
        pass

    finish_inspection.alters_data = True

    @transition(
        field=state,
        source=R.INSPECTED,
        target=R.AGREED,
        permission=INSPECT_RETURN,
        custom={"label": _("Customer agrees the charges"), "style": "primary"},
    )
    def agree(self):
        pass

    agree.alters_data = True

    @transition(
        field=state,
        source=R.INSPECTED,
        target=R.DISPUTED,
        permission=INSPECT_RETURN,
        conditions=[has_dispute_reason],
        custom={"label": _("Customer disputes the charges"), "style": "danger"},
    )
    def dispute(self):
        pass

    dispute.alters_data = True

    @transition(
        field=state,
        source=R.DISPUTED,
        target=R.AGREED,
        permission=RESOLVE_DISPUTE,
        custom={"label": _("Settle the dispute"), "style": "primary"},
    )
    def settle(self):
        pass

    settle.alters_data = True


class ReturnUnit(models.Model):
    """One unit coming back, received and compared with its delivery record (P6.2)."""

    lease_return = models.ForeignKey(
        LeaseReturn, on_delete=models.CASCADE, related_name="units", verbose_name=_("return")
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    delivery_unit = models.ForeignKey(
        "handovers.DeliveryUnit",
        verbose_name=_("delivery record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("received by"),
    )
    condition_notes = models.TextField(_("condition on return"), blank=True)

    class Meta:
        verbose_name = _("returned unit")
        verbose_name_plural = _("returned units")
        ordering = ["unit__asset_number"]
        constraints = [
            models.UniqueConstraint(fields=["lease_return", "unit"], name="return_unit_once")
        ]

    def __str__(self):
        return str(self.unit.asset_number)


class DamageItem(models.Model):
    """Damage found at the return inspection, with a photo and the charge proposed (P6.2)."""

    return_unit = models.ForeignKey(
        ReturnUnit,
        on_delete=models.CASCADE,
        related_name="damages",
        verbose_name=_("returned unit"),
    )
    description = models.TextField(_("damage"))
    photo = models.FileField(
        _("photo"), upload_to=photo_path, storage=private_storage, max_length=200, blank=True
    )
    proposed_charge = models.DecimalField(
        _("proposed charge"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("damage item")
        verbose_name_plural = _("damage items")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposed_charge__gte=0), name="damage_charge_not_negative"
            )
        ]

    def __str__(self):
        return self.description[:60]


class DamageCharge(models.Model):
    """A damage charge the customer agreed (or that was settled): the final settlement
    (P6.4, billing) reads these per contract."""

    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="damage_charges",
    )
    lease_return = models.ForeignKey(
        LeaseReturn, on_delete=models.PROTECT, related_name="charges", verbose_name=_("return")
    )
    damage = models.OneToOneField(
        DamageItem, on_delete=models.PROTECT, related_name="charge", verbose_name=_("damage")
    )
    description = models.TextField(_("damage"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("damage charge")
        verbose_name_plural = _("damage charges")
        ordering = ["contract", "pk"]

    def __str__(self):
        return f"{self.contract}: {self.amount}"


class Refurbishment(ProcessRecord):
    """A unit received back is cleaned, serviced and repaired before its next lease (P6.3).

    The unit is "in service" meanwhile; finishing makes it available again.
    Repairs themselves are recorded by servicing; this record only says the
    unit is being refurbished and when it is ready.
    """

    REFERENCE_PREFIX = "RF"
    FINAL_STATES = (RefurbishmentState.DONE,)
    escalation = Escalation(roles=(AFTER_SALES,), note=_("refurbishment late"))

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="refurbishments",
    )
    return_unit = models.OneToOneField(
        ReturnUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refurbishment",
        verbose_name=_("returned unit"),
    )
    state = FSMField(
        _("state"),
        max_length=20,
        choices=RefurbishmentState.choices,
        default=RefurbishmentState.REFURBISHING,
        protected=True,
    )
    expected_done_on = models.DateField(_("expected ready on"))
    work_done = models.TextField(_("work done"), blank=True, editable=False)
    done_at = models.DateTimeField(_("ready at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("refurbishment")
        verbose_name_plural = _("refurbishments")
        ordering = ["-created_at", "-pk"]
        permissions = [("refurbish_unit", _("Can refurbish returned units"))]

    def __str__(self):
        return self.reference or str(_("new refurbishment"))

    def deadline_for(self, state):
        if state == RefurbishmentState.REFURBISHING and self.expected_done_on:
            return end_of_day(self.expected_done_on) - timezone.now()
        return None

    @transition(
        field=state,
        source=RefurbishmentState.REFURBISHING,
        target=RefurbishmentState.DONE,
        permission=REFURBISH,
        custom={"label": _("Ready for the next lease"), "style": "primary"},
    )
    def finish(self):
        pass

    finish.alters_data = True
