"""Delivery handovers (P3.1-P3.4): prepared, dispatched, demonstrated, jointly accepted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.private_files import private_storage
from workflows.core.roles import AFTER_SALES, SALES
from workflows.fleet.models import end_of_day

from ..choices import ChecklistKind, DeliveryState, SignatureSide
from ..permissions import DELIVER
from .common import photo_path, scan_path, signature_path

S = DeliveryState


def unticked_items(delivery):
    """The preparation items nobody has ticked yet, in the order of the checklist."""
    return list(
        ChecklistItem.objects.filter(delivery_unit__delivery=delivery, ticked_at__isnull=True)
        .select_related("delivery_unit__unit")
        .order_by("delivery_unit__unit__asset_number", "sort_order", "pk")
    )


def all_items_ticked(delivery):
    """Nothing leaves before every unit is prepared, item by item (P3.1)."""
    return not unticked_items(delivery)


all_items_ticked.message = _("Every preparation item must be ticked before dispatch.")


def has_attendees(delivery):
    """The demonstration names who attended it (P3.2)."""
    return bool((delivery.attendees or "").strip())


has_attendees.message = _("Say who attended the demonstration.")


def all_units_accepted(delivery):
    """Every unit is accepted jointly, its problems fixed and re-inspected (P3.3)."""
    return not delivery.units.filter(accepted_at__isnull=True).exists()


all_units_accepted.message = _("Every unit must be accepted before the handover is signed.")


def is_signed_by_both(delivery):
    """Both sides signed on screen, or the signed paper checklist was scanned (P3.4)."""
    if delivery.signed_scan:
        return True
    sides = set(delivery.signatures.values_list("side", flat=True))
    return sides >= {SignatureSide.CUSTOMER, SignatureSide.COMPANY}


is_signed_by_both.message = _(
    "Both the customer's representative and the staff member must sign, or upload the signed "
    "paper checklist."
)


class Delivery(ProcessRecord):
    """The delivery of a signed contract's units to the customer's site (P3).

    Late is measured against the contract's delivery date: the deadline of every
    open state is the end of that day, and the periodic job escalates past it.
    """

    REFERENCE_PREFIX = "HD"
    FINAL_STATES = (S.ACCEPTED,)
    escalation = Escalation(roles=(AFTER_SALES, SALES), note=_("delivery date passed"))

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.SCHEDULED, protected=True
    )
    scheduled_on = models.DateField(_("delivery on"))
    window_start = models.TimeField(_("from"))
    window_end = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=300)
    crew = models.CharField(_("crew"), max_length=300)
    vehicle = models.CharField(_("vehicle"), max_length=100)

    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True, editable=False)
    demonstrated_at = models.DateTimeField(
        _("demonstrated at"), null=True, blank=True, editable=False
    )
    attendees = models.TextField(_("attended the demonstration"), blank=True, editable=False)
    demonstration_notes = models.TextField(
        _("operation, precautions and daily care explained"), blank=True, editable=False
    )
    signed_scan = models.FileField(
        _("signed paper checklist"),
        upload_to=scan_path,
        storage=private_storage,
        max_length=200,
        blank=True,
        editable=False,
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    on_time = models.BooleanField(
        _("delivered on time"),
        null=True,
        editable=False,
        help_text=_("Accepted on or before the contract's delivery date (KPI)."),
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-scheduled_on", "-pk"]
        permissions = [("deliver_equipment", _("Can prepare and hand over equipment"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="delivery_window_in_order",
                violation_error_message=_("The time window must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return self.reference or str(_("new delivery"))

    @property
    def is_late(self):
        """Scheduled after the contract's delivery date, or still open past it."""
        due = self.contract.delivery_date
        if self.scheduled_on and self.scheduled_on > due:
            return True
        if self.state != S.ACCEPTED:
            return timezone.localdate() > due
        return self.on_time is False

    def deadline_for(self, state):
        if state in self.FINAL_STATES or self.contract_id is None:
            return None
        return end_of_day(self.contract.delivery_date) - timezone.now()

    @transition(
        field=state,
        source=S.SCHEDULED,
        target=S.DISPATCHED,
        permission=DELIVER,
        conditions=[all_items_ticked],
        custom={"label": _("Dispatch"), "style": "primary"},
    )
    def dispatch(self):
        pass

    dispatch.alters_data = True

    @transition(
        field=state,
        source=S.DISPATCHED,
        target=S.DEMONSTRATED,
        permission=DELIVER,
        conditions=[has_attendees],
        custom={"label": _("Record the demonstration")},
    )
    def demonstrate(self):
        pass

    demonstrate.alters_data = True

    @transition(
        field=state,
        source=S.DEMONSTRATED,
        target=S.ACCEPTED,
        permission=DELIVER,
        conditions=[all_units_accepted, is_signed_by_both],
        custom={"label": _("Complete the handover"), "style": "primary"},
    )
    def accept(self):
        pass

    accept.alters_data = True


class DeliveryUnit(models.Model):
    """One unit of the contract on this delivery, and its joint acceptance (P3.3)."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="units", verbose_name=_("delivery")
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    appearance_ok = models.BooleanField(_("appearance accepted"), default=False)
    performance_ok = models.BooleanField(_("performance accepted"), default=False)
    accessories_ok = models.BooleanField(_("accessories accepted"), default=False)
    acceptance_notes = models.TextField(_("acceptance notes"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("delivered unit")
        verbose_name_plural = _("delivered units")
        ordering = ["unit__asset_number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "unit"], name="delivery_unit_once")
        ]

    def __str__(self):
        return str(self.unit.asset_number)


class ChecklistItem(models.Model):
    """One preparation item of one unit, ticked by a named person at a time (P3.1)."""

    delivery_unit = models.ForeignKey(
        DeliveryUnit,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("delivered unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChecklistKind.choices)
    label = models.CharField(_("item"), max_length=200)
    sort_order = models.PositiveIntegerField(default=0)
    readings = models.TextField(_("readings"), blank=True)
    ticked_at = models.DateTimeField(_("ticked at"), null=True, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ticked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("preparation item")
        verbose_name_plural = _("preparation items")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.delivery_unit}: {self.label}"


class AcceptanceProblem(models.Model):
    """A problem found at the joint acceptance: photographed, fixed, re-inspected (P3.3)."""

    delivery_unit = models.ForeignKey(
        DeliveryUnit,
        on_delete=models.CASCADE,
        related_name="problems",
        verbose_name=_("delivered unit"),
    )
    description = models.TextField(_("problem"))
    photo = models.FileField(
        _("photo"), upload_to=photo_path, storage=private_storage, max_length=200, blank=True
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    fix = models.TextField(_("fix"), blank=True)
    fixed_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    reinspected_at = models.DateTimeField(_("re-inspected at"), null=True, blank=True)
    reinspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("re-inspected by"),
    )

    class Meta:
        verbose_name = _("acceptance problem")
        verbose_name_plural = _("acceptance problems")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return self.description[:60]


class Signature(models.Model):
    """A signature drawn on screen by one side, stored as an image with name and time (P3.4)."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("delivery")
    )
    side = models.CharField(_("side"), max_length=10, choices=SignatureSide.choices)
    name = models.CharField(_("name"), max_length=150)
    image = models.FileField(
        _("signature"), upload_to=signature_path, storage=private_storage, max_length=200
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "side"], name="delivery_signed_once_a_side")
        ]

    def __str__(self):
        return f"{self.get_side_display()}: {self.name}"
