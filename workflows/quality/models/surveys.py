"""Customer satisfaction surveys (P7.2): asked after a closed complaint, after delivery
acceptance and periodically, answered once through a private link."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from workflows.complaints.choices import Department
from workflows.core.tracking import new_tracking_token

from ..choices import DIMENSIONS, SurveyOccasion

#: A token shorter than this is refused before any query (as for complaint tracking).
MIN_TOKEN_LENGTH = 32


def _score(label):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class SurveyQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)


class Survey(models.Model):
    """One request for a customer's opinion, answered at most once.

    `occasion_key` says which event asked it ("complaint:12", "periodic:7:2026-10-01"):
    unique, so a job run twice or a command repeated never asks twice for one event.
    """

    token = models.CharField(max_length=64, unique=True, default=new_tracking_token, editable=False)
    occasion = models.CharField(_("occasion"), max_length=20, choices=SurveyOccasion.choices)
    occasion_key = models.CharField(max_length=100, unique=True, editable=False)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    name = models.CharField(_("asked"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("content_type", "object_id")
    source_label = models.CharField(_("about"), max_length=100, blank=True)
    department = models.CharField(
        _("department"), max_length=20, choices=Department.choices, blank=True
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys_about",
        help_text=_("The person who served the customer, whose results this survey counts in."),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    attitude = _score(_("service attitude"))
    efficiency = _score(_("efficiency"))
    quality = _score(_("quality of service"))
    problem_solving = _score(_("problem solving"))
    comment = models.TextField(_("comment"), blank=True, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"survey_{name}_1_to_5",
                )
                for name, _label in DIMENSIONS
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | Q(
                    attitude__isnull=False,
                    efficiency__isnull=False,
                    quality__isnull=False,
                    problem_solving__isnull=False,
                ),
                name="survey_answer_scores_every_dimension",
            ),
        ]
        indexes = [
            models.Index(fields=["answered_at"]),
            models.Index(fields=["occasion", "customer", "sent_at"]),
            models.Index(fields=["reminded_at", "answered_at", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.get_occasion_display()}: {self.name}"

    @property
    def answered(self):
        return self.answered_at is not None

    @property
    def average(self):
        if not self.answered:
            return None
        scores = [getattr(self, name) for name, _label in DIMENSIONS]
        return sum(scores) / len(scores)

    def get_public_url(self):
        """The private link, in the customer's language."""
        with translation.override(self.language):
            return reverse("survey", args=[self.token])


@register_setting(icon="pick")
class QualitySettings(BaseGenericSetting):
    """How often customers are asked, and when they are reminded (P7.2)."""

    periodic_survey_days = models.PositiveIntegerField(
        _("ask every active customer every (days)"),
        default=90,
        help_text=_("0 switches the periodic survey off."),
    )
    reminder_after_days = models.PositiveIntegerField(
        _("remind after (days)"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_("One reminder, this many days after a survey was sent unanswered."),
    )
    complaint_survey_since_days = models.PositiveIntegerField(
        _("survey complaints closed within (days)"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("Complaints closed longer ago than this are not surveyed any more."),
    )

    panels = [
        FieldPanel("periodic_survey_days"),
        FieldPanel("reminder_after_days"),
        FieldPanel("complaint_survey_since_days"),
    ]

    class Meta:
        verbose_name = _("quality and surveys")
        verbose_name_plural = _("quality and surveys")
