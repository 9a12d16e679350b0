"""What staff fill in to move an inspection, a rectification order or a problem report."""

from django import forms as dj_forms
from django.utils.translation import gettext_lazy as _

from workflows.core.forms import TransitionForm


def _text(label, rows=3):
    return dj_forms.CharField(
        label=label, max_length=4000, widget=dj_forms.Textarea(attrs={"rows": rows})
    )


class CompleteInspectionForm(TransitionForm):
    summary = _text(_("Summary of the inspection"), rows=5)


class EvidenceForm(TransitionForm):
    evidence = _text(_("Evidence that the finding was put right"))


class SendBackForm(TransitionForm):
    note_required = True
    note_label = _("What is still missing")


class AssessmentForm(TransitionForm):
    assessment = _text(_("Supervision's assessment"))


class ProblemRewardForm(TransitionForm):
    reward_note = _text(_("Reward given"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]


class ReviewAssessmentForm(TransitionForm):
    manager_comment = _text(_("Manager's comment"))
    training_needs = dj_forms.CharField(
        label=_("Training needs"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_needs"].initial = self.record.training_needs


class AcknowledgeForm(TransitionForm):
    employee_comment = dj_forms.CharField(
        label=_("Your comment (optional)"),
        required=False,
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )
