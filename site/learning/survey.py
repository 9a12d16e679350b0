"""The training-needs survey (培訓需求調查, P8.3): staff answer, HR reads before the plan.

HR writes the questions in the page editor (Wagtail's form builder); each employee's
latest answer is kept, one per employee and survey, and HR reads them in the admin's
Forms section, where only those who may edit the survey see it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField

from workflows.core.people import person_name

from .blocks import TEXT_FEATURES


class SurveyQuestion(AbstractFormField):
    page = ParentalKey(
        "learning.TrainingNeedsSurveyPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")


class TrainingNeedsAnswer(AbstractFormSubmission):
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("employee"),
    )

    class Meta:
        verbose_name = _("training-needs answer")
        verbose_name_plural = _("training-needs answers")
        constraints = [
            models.UniqueConstraint(fields=["page", "employee"], name="learning_answer_once")
        ]

    def get_data(self):
        return {
            **super().get_data(),
            "employee": person_name(self.employee),
        }


class SurveyPageBase(AbstractForm):
    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)
    thank_you_text = RichTextField(_("thank-you text"), features=TEXT_FEATURES, blank=True)

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        abstract = True

    def get_submission_class(self):
        return TrainingNeedsAnswer

    def get_data_fields(self):
        return [("employee", _("Employee")), *super().get_data_fields()]

    def process_form_submission(self, form):
        answer, _created = TrainingNeedsAnswer.objects.update_or_create(
            page=self, employee=form.user, defaults={"form_data": form.cleaned_data}
        )
        return answer
