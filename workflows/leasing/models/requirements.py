"""What the customer needs (P2.1): the starting point of every lease plan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index


class Requirement(index.Indexed, ClusterableModel):
    """Sales writes down what the customer needs after taking over the consultation (P2.1):
    equipment, lease period, place of use and how it will be used.

    `taken_at` is when the need was recorded: the start of the business cycle
    the KPIs measure (P7.3).
    """

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="lease_requirements",
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("from consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lease_requirements",
    )
    period_start = models.DateField(_("lease starts on"))
    period_end = models.DateField(_("lease ends on"), help_text=_("The last day of the lease."))
    site_address = models.CharField(_("place of use"), max_length=300)
    usage_conditions = models.TextField(
        _("usage requirements"),
        blank=True,
        help_text=_("Site conditions, working hours, operator, anything the equipment must meet."),
    )
    language = models.CharField(
        _("customer's language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Plans and contracts for this customer are printed in this language."),
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lease_requirements_taken",
    )
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)

    search_fields = [
        index.SearchField("site_address"),
        index.SearchField("usage_conditions"),
        index.RelatedFields("customer", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="requirement_period_in_order",
            )
        ]

    def __str__(self):
        return _("%(customer)s, %(start)s to %(end)s") % {
            "customer": self.customer,
            "start": self.period_start,
            "end": self.period_end,
        }

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The lease cannot end before it starts.")}, code="period_order"
            )


class RequirementLine(Orderable):
    """One kind of equipment needed: a catalogue model, or in the customer's words."""

    requirement = ParentalKey(Requirement, related_name="lines", on_delete=models.CASCADE)
    equipment_model = models.ForeignKey(
        "fleet.EquipmentModel",
        verbose_name=_("equipment model"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(
        _("described as"),
        max_length=200,
        blank=True,
        help_text=_("When no catalogue model fits yet: what the customer asked for."),
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=[MinValueValidator(1)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("equipment needed")
        verbose_name_plural = _("equipment needed")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="requirement_line_quantity_positive"
            )
        ]

    def __str__(self):
        what = self.equipment_model if self.equipment_model_id else self.description
        return f"{what} × {self.quantity}"

    def clean(self):
        super().clean()
        if self.equipment_model_id is None and not (self.description or "").strip():
            raise ValidationError(
                {"description": _("Choose a model or describe the equipment.")},
                code="no_equipment",
            )
