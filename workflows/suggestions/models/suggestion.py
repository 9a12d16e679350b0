"""Suggestions (P9.7, P7.1): from customers and employees, until implemented or declined."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from wagtail.search import index

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.roles import DEPARTMENT_LABELS, MANAGEMENT
from workflows.core.tracking import PubliclyTracked

from ..access import CLASSIFY, GIVE_REWARD, may_evaluate, may_implement
from ..choices import RewardState as R
from ..choices import SuggestionCategory, SuggestionSource
from ..choices import SuggestionState as S
from .conditions import (
    end_of_day,
    has_decline_reason,
    has_meeting_ahead,
    has_plan,
    has_progress,
    has_reward_note,
    is_classified,
    is_implemented_employee_suggestion,
    is_scored,
)
from .settings import SuggestionSettings

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
DEPARTMENTS = list(DEPARTMENT_LABELS.items())
EVALUATED_STATES = (
    S.EVALUATED,
    S.FOR_DISCUSSION,
    S.ADOPTED,
    S.IMPLEMENTING,
    S.IMPLEMENTED,
    S.DECLINED,
)
ADOPTED_STATES = (S.ADOPTED, S.IMPLEMENTING, S.IMPLEMENTED)


def escalation_contact():
    """The person the suggestion settings name for overdue suggestions, if any."""
    return SuggestionSettings.load().escalate_to


class Suggestion(index.Indexed, PubliclyTracked, ProcessRecord):
    """One suggestion, who made it, how it was judged and what became of it (P9.7)."""

    FINAL_STATES = (S.IMPLEMENTED, S.DECLINED)
    REFERENCE_PREFIX = "S"
    DATE_FIELD = "received_at"

    # Overdue: the contact the settings name, or every Management member.
    escalation = Escalation(lead=escalation_contact, roles=(MANAGEMENT,), note=_("deadline passed"))

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"), max_length=20, choices=S.choices, default=S.RECEIVED, protected=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=SuggestionSource.choices, editable=False
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    # A customer: name and a way to reach them. An employee: the user.
    proposer_name = models.CharField(_("proposer's name"), max_length=100, blank=True)
    proposer_company = models.CharField(_("company"), max_length=150, blank=True)
    proposer_email = models.EmailField(_("email"), max_length=254, blank=True)
    proposer_phone = models.CharField(_("phone"), max_length=30, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        editable=False,
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by (employee)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions_proposed",
        editable=False,
    )
    anonymous_to_assessors = models.BooleanField(
        _("stay anonymous to the assessors"),
        default=False,
        help_text=_(
            "Those who evaluate the suggestion see “Anonymous employee” instead of your name."
        ),
    )

    subject = models.CharField(_("subject"), max_length=150)
    description = models.TextField(_("suggestion"), max_length=4000)
    category = models.CharField(
        _("category"), max_length=20, choices=SuggestionCategory.choices, blank=True
    )
    department = models.CharField(
        _("evaluated by"), max_length=40, choices=DEPARTMENTS, blank=True, editable=False
    )

    feasibility = models.PositiveSmallIntegerField(
        _("feasibility"), null=True, blank=True, validators=SCORE_VALIDATORS, editable=False
    )
    novelty = models.PositiveSmallIntegerField(
        _("novelty"), null=True, blank=True, validators=SCORE_VALIDATORS, editable=False
    )
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, validators=SCORE_VALIDATORS, editable=False
    )
    evaluation_remark = models.TextField(_("evaluator's remark"), blank=True, editable=False)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True, editable=False)
    meeting_at = models.DateTimeField(_("meeting"), null=True, blank=True, editable=False)

    implementation_plan = models.TextField(_("implementation plan"), blank=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suggestions_owned",
        editable=False,
    )
    target_date = models.DateField(_("target date"), null=True, blank=True, editable=False)
    latest_progress = models.TextField(_("latest progress"), blank=True, editable=False)
    implemented_at = models.DateTimeField(
        _("implemented at"), null=True, blank=True, editable=False
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    # The reward is a second state machine beside `state` (P7.1): due once an employee's
    # suggestion is implemented, then given by HR. It has no deadline of its own.
    reward_state = FSMField(
        _("reward"),
        max_length=10,
        choices=R.choices,
        default=R.NONE,
        protected=True,
        editable=False,
        db_index=True,
    )
    reward_given_at = models.DateTimeField(
        _("reward given at"), null=True, blank=True, editable=False
    )
    reward_given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reward given by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    reward_note = models.TextField(_("reward"), blank=True, editable=False)

    search_fields = [
        index.SearchField("reference"),
        index.SearchField("subject"),
        index.SearchField("description"),
        index.SearchField("proposer_name"),
        index.SearchField("proposer_company"),
        index.AutocompleteField("subject"),
        index.FilterField("state"),
    ]

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-received_at", "-pk"]
        permissions = [
            ("classify_suggestion", _("Can receive and classify suggestions")),
            (
                "evaluate_suggestion",
                _("Can evaluate, adopt and decline suggestions sent to their department"),
            ),
            ("evaluate_any_suggestion", _("Can evaluate, adopt and decline any suggestion")),
            ("give_reward", _("Can mark the reward for an implemented suggestion as given")),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(source=SuggestionSource.EMPLOYEE, proposer__isnull=False)
                    | (
                        models.Q(source=SuggestionSource.CUSTOMER, proposer__isnull=True)
                        & ~models.Q(proposer_name="")
                        & ~models.Q(proposer_email="", proposer_phone="")
                    )
                ),
                name="suggestion_has_a_proposer",
                violation_error_message=_(
                    "A customer's suggestion needs a name and a phone number or an email address."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(anonymous_to_assessors=False)
                | models.Q(source=SuggestionSource.EMPLOYEE),
                name="suggestion_only_employees_stay_anonymous",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=EVALUATED_STATES)
                | models.Q(feasibility__range=(1, 5), novelty__range=(1, 5), value__range=(1, 5)),
                name="suggestion_evaluated_has_scores",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=ADOPTED_STATES)
                | models.Q(owner__isnull=False, target_date__isnull=False),
                name="suggestion_adopted_has_owner_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(reward_state=R.NONE)
                | models.Q(
                    state=S.IMPLEMENTED,
                    source=SuggestionSource.EMPLOYEE,
                    reward_state=R.DUE,
                )
                | models.Q(
                    state=S.IMPLEMENTED,
                    source=SuggestionSource.EMPLOYEE,
                    reward_state=R.GIVEN,
                    reward_given_at__isnull=False,
                ),
                name="suggestion_reward_only_for_implemented_employee_suggestions",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def is_from_employee(self):
        return self.source == SuggestionSource.EMPLOYEE

    @property
    def total_score(self):
        scores = (self.feasibility, self.novelty, self.value)
        return None if None in scores else sum(scores)

    @classmethod
    def public_stage_label(cls, state):
        """The stage as the proposer reads it: the steps of the evaluation are one stage."""
        if state in (S.CLASSIFIED, S.UNDER_EVALUATION, S.EVALUATED):
            return str(_("Being evaluated"))
        label = {
            S.RECEIVED: _("Received"),
            S.FOR_DISCUSSION: _("To be discussed in a meeting"),
            S.ADOPTED: _("Adopted"),
            S.IMPLEMENTING: _("Being implemented"),
            S.IMPLEMENTED: _("Implemented"),
            S.DECLINED: _("Not adopted"),
        }.get(state)
        return str(label) if label is not None else None

    def deadline_for(self, state):
        config = SuggestionSettings.load()
        days = {
            S.RECEIVED: config.classify_within_days,
            S.CLASSIFIED: config.start_evaluation_within_days,
            S.UNDER_EVALUATION: config.evaluate_within_days,
            S.EVALUATED: config.decide_within_days,
            S.ADOPTED: config.start_implementation_within_days,
        }
        if state in days:
            return timedelta(days=days[state])
        if state == S.FOR_DISCUSSION and self.meeting_at is not None:
            due = self.meeting_at + timedelta(days=config.decide_after_meeting_days)
            return due - timezone.now()
        if state == S.IMPLEMENTING and self.target_date is not None:
            return end_of_day(self.target_date) - timezone.now()
        return None

    @classmethod
    def visible_to(cls, user, queryset):
        """What the user may open (access.py), in the overdue report, choosers and site
        history too."""
        from ..access import visible_suggestions

        return visible_suggestions(queryset, user)

    @classmethod
    def private_recipient_records(cls):
        """An anonymous employee's messages would name them in the Outbox."""
        return cls.objects.filter(source=SuggestionSource.EMPLOYEE, anonymous_to_assessors=True)

    @classmethod
    def waiting_for(cls, user):
        """Customer Service: to classify; a department: to evaluate and decide; an owner:
        to implement; HR: rewards due (the reward's own machine)."""
        from workflows.core.transitions import waiting_condition

        from ..access import EVALUATE, role_names

        queryset = cls.objects.none()
        if user.is_superuser or user.has_perm(CLASSIFY):
            queryset = queryset | cls.objects.filter(state=S.RECEIVED)
        if user.is_superuser or user.has_perm(EVALUATE):
            queryset = queryset | cls.objects.filter(
                state__in=[S.CLASSIFIED, S.UNDER_EVALUATION, S.EVALUATED, S.FOR_DISCUSSION],
                department__in=role_names(user),
            )
        queryset = queryset | cls.objects.filter(
            state__in=[S.ADOPTED, S.IMPLEMENTING], owner_id=user.pk
        )
        reward = waiting_condition(cls, user, fields=["reward_state"])
        if reward is not None:
            queryset = queryset | cls.objects.filter(reward)
        return queryset

    # Transitions change the state only; the services do everything else.

    @transition(
        field=state,
        source=S.RECEIVED,
        target=S.CLASSIFIED,
        permission=CLASSIFY,
        conditions=[is_classified],
        custom={"label": _("Classify"), "style": "primary"},
    )
    def classify(self):
        pass

    classify.alters_data = True

    @transition(
        field=state,
        source=S.CLASSIFIED,
        target=S.UNDER_EVALUATION,
        permission=may_evaluate,
        custom={"label": _("Start evaluation"), "style": "primary"},
    )
    def start_evaluation(self):
        pass

    start_evaluation.alters_data = True

    @transition(
        field=state,
        source=S.UNDER_EVALUATION,
        target=S.EVALUATED,
        permission=may_evaluate,
        conditions=[is_scored],
        custom={"label": _("Record the evaluation"), "style": "primary"},
    )
    def evaluate(self):
        pass

    evaluate.alters_data = True

    @transition(
        field=state,
        source=S.EVALUATED,
        target=S.FOR_DISCUSSION,
        permission=may_evaluate,
        conditions=[has_meeting_ahead],
        custom={"label": _("Put on a meeting's agenda")},
    )
    def schedule_discussion(self):
        pass

    schedule_discussion.alters_data = True

    @transition(
        field=state,
        source=[S.EVALUATED, S.FOR_DISCUSSION],
        target=S.ADOPTED,
        permission=may_evaluate,
        conditions=[has_plan],
        custom={"label": _("Adopt"), "style": "primary"},
    )
    def adopt(self):
        pass

    adopt.alters_data = True

    @transition(
        field=state,
        source=[S.EVALUATED, S.FOR_DISCUSSION],
        target=S.DECLINED,
        permission=may_evaluate,
        conditions=[has_decline_reason],
        custom={"label": _("Decline"), "style": "danger"},
    )
    def decline(self):
        pass

    decline.alters_data = True

    @transition(
        field=state,
        source=S.ADOPTED,
        target=S.IMPLEMENTING,
        permission=may_implement,
        conditions=[has_progress],
        custom={"label": _("Start implementing"), "style": "primary"},
    )
    def start_implementation(self):
        pass

    start_implementation.alters_data = True

    @transition(
        field=state,
        source=S.IMPLEMENTING,
        target=S.IMPLEMENTING,
        permission=may_implement,
        conditions=[has_progress],
        custom={"label": _("Report progress")},
    )
    def record_progress(self):
        pass

    record_progress.alters_data = True

    @transition(
        field=state,
        source=S.IMPLEMENTING,
        target=S.IMPLEMENTED,
        permission=may_implement,
        conditions=[has_progress],
        custom={"label": _("Mark implemented"), "style": "primary"},
    )
    def complete_implementation(self):
        pass

    complete_implementation.alters_data = True

    # The reward (P7.1): its own machine, moved by its own transitions.

    @transition(
        field=reward_state,
        source=R.NONE,
        target=R.DUE,
        permission=may_implement,
        conditions=[is_implemented_employee_suggestion],
        custom={"label": _("Mark the reward due"), "automatic": True},
    )
    def mark_reward_due(self):
        """Run by `complete_implementation` for an employee's suggestion, never on its own."""

    mark_reward_due.alters_data = True

    @transition(
        field=reward_state,
        source=R.DUE,
        target=R.GIVEN,
        permission=GIVE_REWARD,
        conditions=[has_reward_note],
        custom={"label": _("Give the reward")},
    )
    def give_reward(self):
        pass

    give_reward.alters_data = True
