"""Concrete units booked for a contract's lease period (issue item 5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitBooking(models.Model):
    """One unit kept for one contract line over [start, end): `end` is the first free day.

    Two active bookings of the same unit never overlap: PostgreSQL holds the
    rule in an exclusion constraint (migration 0002), and the booking service
    checks it under a lock of the unit rows, so that SQLite refuses too.
    Back-to-back bookings (one ends the day the next starts) are allowed.
    A cancelled or ended contract deactivates its bookings, freeing the units.
    """

    contract = models.ForeignKey(
        "leasing.Contract",
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    plan_line = models.ForeignKey(
        "leasing.PlanLine",
        verbose_name=_("plan line"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    unit = models.ForeignKey(
        "fleet.EquipmentUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="lease_bookings",
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("free again on"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit booking")
        verbose_name_plural = _("unit bookings")
        ordering = ["start", "unit_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="unit_booking_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["unit", "start", "end"], name="unit_booking_period_idx")]

    def __str__(self):
        return f"{self.unit_id}: {self.start} – {self.end}"
