"""What staff fill in to move a suggestion."""

from django import forms as dj_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from workflows.core.forms import PersonChoiceField, TransitionForm
from workflows.core.roles import ROLES

from .access import proposer_label
from .choices import SuggestionCategory
from .models import DEPARTMENTS

SCORES = [(n, str(n)) for n in range(1, 6)]
TO_THE_PROPOSER = _(
    "Sent to the proposer and shown on their tracking page: write it for them, "
    "without internal notes or staff names."
)


class ClassifyForm(TransitionForm):
    category = dj_forms.ChoiceField(label=_("Category"), choices=SuggestionCategory.choices)
    department = dj_forms.ChoiceField(
        label=_("Department that evaluates it"),
        choices=DEPARTMENTS,
        help_text=_("Its members evaluate the suggestion and adopt or decline it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record.category:
            self.fields["category"].initial = self.record.category


class ScoreField(dj_forms.TypedChoiceField):
    def __init__(self, label, help_text):
        super().__init__(
            label=label,
            help_text=help_text,
            choices=SCORES,
            coerce=int,
            widget=dj_forms.RadioSelect,
        )


class EvaluateForm(TransitionForm):
    feasibility = ScoreField(_("Feasibility"), _("1: hardly possible … 5: easy to do"))
    novelty = ScoreField(_("Novelty"), _("1: already done or known … 5: entirely new"))
    value = ScoreField(_("Value"), _("1: little benefit … 5: great benefit"))
    evaluation_remark = dj_forms.CharField(
        label=_("Evaluator's remark"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
    )


class ScheduleDiscussionForm(TransitionForm):
    meeting_at = dj_forms.DateTimeField(label=_("Meeting"), widget=AdminDateTimeInput)

    def clean_meeting_at(self):
        value = self.cleaned_data["meeting_at"]
        if value <= timezone.now():
            raise dj_forms.ValidationError(_("The meeting must lie in the future."))
        return value


class AdoptForm(TransitionForm):
    implementation_plan = dj_forms.CharField(
        label=_("Implementation plan"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
    )
    #: Any member of staff may be put in charge of carrying out an adopted suggestion.
    owner = PersonChoiceField(label=_("Owner"), roles=ROLES, superusers=True)
    target_date = dj_forms.DateField(label=_("Target date"), widget=AdminDateInput)

    def clean_target_date(self):
        value = self.cleaned_data["target_date"]
        if value < timezone.localdate():
            raise dj_forms.ValidationError(_("The target date cannot lie in the past."))
        return value


class DeclineForm(TransitionForm):
    decline_reason = dj_forms.CharField(
        label=_("Why it is not adopted"),
        max_length=4000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Sent to the proposer with our thanks and shown on their tracking page: write it "
            "for them, without internal notes or staff names."
        ),
    )


class ProgressForm(TransitionForm):
    progress = dj_forms.CharField(
        label=_("What has been done"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 5}),
        help_text=TO_THE_PROPOSER,
    )


class RewardForm(TransitionForm):
    """What HR gave, and to whom; it is the History entry's note too, so no second note
    is asked."""

    reward_note = dj_forms.CharField(
        label=_("Reward given"),
        max_length=2000,
        widget=dj_forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]
        # HR may read an anonymous proposer's name once the reward is due.
        self.fields["reward_note"].help_text = _(
            "What %(proposer)s received, e.g. a bonus in this month's pay."
        ) % {"proposer": proposer_label(self.record, self.user)}
