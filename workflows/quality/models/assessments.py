"""Staff assessments (P7.4, P7.5): each employee's KPIs, findings and survey results for a
month or a quarter, or a special assessment after a complaint or incident."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.complaints.choices import Department
from workflows.core.models import ProcessRecord
from workflows.core.people import person_name

from ..choices import AssessmentKind, AssessmentState, Recommendation

S = AssessmentState
ASSESS = "quality.assess"
REVIEW = "quality.review_assessment"


def is_the_employee(assessment, user):
    return assessment.employee_id == user.pk


class AssessmentBand(models.Model):
    """A band of assessment scores and what it earns: data HR and Management edit (P7.5)."""

    label = models.CharField(_("label"), max_length=50)
    min_score = models.DecimalField(_("from score"), max_digits=5, decimal_places=2)
    bonus_percent = models.DecimalField(
        _("bonus adjustment (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("Added to (or, when negative, taken from) the bonus."),
    )
    excellent = models.BooleanField(
        _("excellent"),
        default=False,
        help_text=_("Twice in a row gives priority for promotion."),
    )
    unfit = models.BooleanField(
        _("unfit"), default=False, help_text=_("Leads to a rotation or dismissal review.")
    )

    class Meta:
        verbose_name = _("assessment band")
        verbose_name_plural = _("assessment bands")
        ordering = ["-min_score"]

    def __str__(self):
        return f"{self.label} (≥ {self.min_score})"

    @classmethod
    def for_score(cls, score):
        return cls.objects.filter(min_score__lte=score).order_by("-min_score").first()


class Assessment(ProcessRecord):
    REFERENCE_PREFIX = "QA"
    FINAL_STATES = (S.ACKNOWLEDGED,)
    DELETABLE_STATES = (S.DRAFT,)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(_("state"), max_length=20, choices=S.choices, default=S.DRAFT, protected=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    department = models.CharField(
        _("department"), max_length=20, choices=Department.choices, blank=True
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to (inclusive)"))
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    incident = models.TextField(_("incident"), blank=True)

    results = models.JSONField(_("KPI results"), default=list, editable=False)
    findings = models.PositiveIntegerField(_("inspection findings"), default=0, editable=False)
    survey_average = models.FloatField(_("survey average"), null=True, editable=False)
    surveys = models.PositiveIntegerField(_("surveys answered"), default=0, editable=False)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, editable=False
    )
    band = models.CharField(_("band"), max_length=50, blank=True, editable=False)
    excellent = models.BooleanField(default=False, editable=False, verbose_name=_("excellent"))
    bonus_percent = models.DecimalField(
        _("bonus adjustment (%)"), max_digits=5, decimal_places=2, null=True, editable=False
    )
    recommendation = models.CharField(
        _("recommendation"),
        max_length=20,
        choices=Recommendation.choices,
        blank=True,
        editable=False,
    )
    training_needs = models.TextField(_("training needs"), blank=True, editable=False)
    manager_comment = models.TextField(_("manager's comment"), blank=True, editable=False)
    employee_comment = models.TextField(_("employee's comment"), blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, editable=False)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-period_end", "-pk"]
        permissions = [
            ("assess", _("Can open, compute, approve and publish assessments")),
            ("review_assessment", _("Can review assessments as the manager")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="assessment_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["employee", "kind", "period_start"],
                condition=~models.Q(kind="special"),
                name="assessment_one_per_employee_and_period",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["employee", "period_end"]),
        ]

    @classmethod
    def visible_to(cls, user, queryset):
        """HR (who assesses) and Management (who reviews) read every assessment; an
        employee reads their own once it is published, nobody else's: it sets their bonus."""
        if user.is_superuser or user.has_perm(ASSESS) or user.has_perm(REVIEW):
            return queryset
        return queryset.filter(employee_id=user.pk, state__in=[S.PUBLISHED, S.ACKNOWLEDGED])

    def __str__(self):
        name = person_name(self.employee)
        return f"{self.reference} {name}"

    @transition(
        field=state,
        source=S.DRAFT,
        target=S.COMPUTED,
        permission=ASSESS,
        custom={"label": _("Compute"), "style": "primary"},
    )
    def compute(self):
        pass

    compute.alters_data = True

    @transition(
        field=state,
        source=S.COMPUTED,
        target=S.REVIEWED,
        permission=REVIEW,
        custom={"label": _("Review"), "style": "primary"},
    )
    def review(self):
        pass

    review.alters_data = True

    @transition(
        field=state,
        source=S.REVIEWED,
        target=S.APPROVED,
        permission=ASSESS,
        custom={"label": _("Approve"), "style": "primary"},
    )
    def approve(self):
        pass

    approve.alters_data = True

    @transition(
        field=state,
        source=S.APPROVED,
        target=S.PUBLISHED,
        permission=ASSESS,
        custom={"label": _("Publish to the employee"), "style": "primary"},
    )
    def publish(self):
        pass

    publish.alters_data = True

    @transition(
        field=state,
        source=S.PUBLISHED,
        target=S.ACKNOWLEDGED,
        permission=is_the_employee,
        custom={"label": _("Acknowledge"), "style": "primary"},
    )
    def acknowledge(self):
        pass

    acknowledge.alters_data = True
