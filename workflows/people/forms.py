from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from workflows.core.forms import PersonChoiceField, TransitionForm
from workflows.core.people import person_name
from workflows.core.roles import DEPARTMENT_LABELS


class HoldForm(TransitionForm):
    attended = dj_forms.MultipleChoiceField(
        label=_("Attended"), required=False, widget=dj_forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.fields["attended"].choices = [
            (str(e.employee_id), person_name(e.employee))
            for e in record.enrolments.select_related("employee")
        ]

    def service_kwargs(self):
        data = super().service_kwargs()
        data["attended"] = [int(pk) for pk in data["attended"]]
        return data


class EvaluateForm(TransitionForm):
    evaluation = dj_forms.CharField(
        label=_("Evaluation"),
        widget=dj_forms.Textarea(attrs={"rows": 4}),
        help_text=_("Exam scores, practical tests and the participants' feedback."),
    )
    plan_adjustment = dj_forms.CharField(
        label=_("Plan adjustment"), required=False, widget=dj_forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(TransitionForm):
    """A development plan's review: what it found and the next review date."""

    notes = dj_forms.CharField(
        label=_("What the review found"),
        widget=dj_forms.Textarea(attrs={"rows": 4}),
        help_text=_("Progress on the goals and actions; what changes in the plan."),
    )
    next_review_on = dj_forms.DateField(
        label=_("Next review"), widget=dj_forms.DateInput(attrs={"type": "date"})
    )


class DeclineForm(TransitionForm):
    note_required = True
    note_label = _("Why the move is declined")


class AssignMentorForm(TransitionForm):
    """The mentor of a proposed pairing: any active member of a department but the mentee."""

    mentor = PersonChoiceField(label=_("Mentor"), roles=DEPARTMENT_LABELS)

    def __init__(self, *args, record, user, **kwargs):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.fields["mentor"].queryset = self.fields["mentor"].queryset.exclude(pk=record.mentee_id)
