"""What Management sets for each KPI, and the monthly figures the periodic job keeps (P7.3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.complaints.choices import Department


def _kpi_choices():
    from ..kpi.registry import registry

    return [(kpi.code, kpi.label) for kpi in registry().values()]


class KPITarget(models.Model):
    """The target and weight of one KPI: data Management edits, not code.

    The weight says how much the KPI counts in an employee's assessment score.
    """

    code = models.CharField(_("KPI"), max_length=50, unique=True)
    target = models.DecimalField(
        _("target"),
        max_digits=10,
        decimal_places=2,
        help_text=_("In the KPI's unit: per cent, hours, days or score."),
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    active = models.BooleanField(_("shown and assessed"), default=True)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["code"]

    def __str__(self):
        kpi = self.kpi
        return str(kpi.label) if kpi else self.code

    @property
    def kpi(self):
        from ..kpi.registry import registry

        return registry().get(self.code)

    def clean(self):
        if self.kpi is None:
            raise ValidationError({"code": _("No KPI has this code.")})


class Scope(models.TextChoices):
    COMPANY = "company", _("Whole company")
    DEPARTMENT = "department", _("Department")
    EMPLOYEE = "employee", _("Employee")


class KPIMonth(models.Model):
    """One KPI's numerator and denominator for one month and scope.

    Filled by the periodic job from the records themselves, so that the dashboard
    reads a dozen rows instead of scanning every record (DESIGN.md, speed budgets).
    """

    code = models.CharField(max_length=50)
    month = models.DateField()
    scope = models.CharField(max_length=20, choices=Scope.choices)
    department = models.CharField(max_length=20, choices=Department.choices, blank=True)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    numerator = models.FloatField()
    denominator = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("KPI month")
        verbose_name_plural = _("KPI months")
        indexes = [
            models.Index(fields=["scope", "month", "code"]),
            models.Index(fields=["employee", "month"]),
        ]

    def __str__(self):
        return f"{self.code} {self.month:%Y-%m} {self.scope}"

    @property
    def value(self):
        from ..kpi.registry import registry

        kpi = registry().get(self.code)
        return kpi.value(self.numerator, self.denominator) if kpi else None
