"""Career records (P8.4, P8.2): individual development plans, promotions and rotations,
mentor pairs. Imported by `models`, so they belong to this app."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.people import person_name
from workflows.core.roles import DEPARTMENT_LABELS, HR, MANAGEMENT

from .choices import MoveKind, MoveState, PairReason, PairState, PlanState, Track

DEPARTMENTS = list(DEPARTMENT_LABELS.items())

#: Days before a development plan's review date its employee and HR are reminded.
REVIEW_REMINDER_DAYS = 7
#: Days Management has to decide on a proposed promotion or rotation.
DECISION_DAYS = 14


def review_deadline(day):
    """A review is overdue once its day has passed: the start of the next day, local time."""
    if day is None:
        return None
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start)


class DevelopmentPlan(ProcessRecord):
    """An employee's individual development plan (P8.4), kept by HR and reviewed on schedule.

    The deadline is the next review date: a week before it the employee and HR are
    reminded (once per review date), and a plan whose review date has passed is
    escalated to HR by the periodic job. A review records what was found and sets
    the next review date.
    """

    REFERENCE_PREFIX = "DP"
    FINAL_STATES = (PlanState.CLOSED,)
    escalation = Escalation(
        roles=(HR,), states=(PlanState.ACTIVE,), note=_("development plan review overdue")
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="development_plans",
        verbose_name=_("employee"),
    )
    target_track = models.CharField(
        _("target track"), max_length=20, choices=Track.choices, blank=True
    )
    target_level = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    goals = models.TextField(_("goals"))
    actions = models.TextField(
        _("actions"), help_text=_("Courses, assignments, rotations and coaching, with dates.")
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_plans",
        verbose_name=_("mentor"),
    )
    review_on = models.DateField(_("next review"), db_index=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)
    review_notes = models.TextField(_("review notes"), blank=True, editable=False)
    reminded_for = models.DateField(
        _("reminded for review of"), null=True, blank=True, editable=False
    )
    state = FSMField(
        _("state"), default=PlanState.ACTIVE, choices=PlanState.choices, protected=True
    )

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["review_on"]
        permissions = [("review_developmentplan", _("Can review development plans"))]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(state="active"),
                name="people_one_active_plan_per_employee",
            )
        ]

    def __str__(self):
        return f"{self.reference} {person_name(self.employee)}"

    def save(self, *args, **kwargs):
        # The deadline follows the review date (an edit moves it; a new date may be
        # reminded and escalated again); a closed plan waits for nobody.
        due = review_deadline(self.review_on) if self.state == PlanState.ACTIVE else None
        if due != self.due_at:
            self.due_at = due
            self.escalated_at = None
            if update_fields := kwargs.get("update_fields"):
                kwargs["update_fields"] = {*update_fields, "due_at", "escalated_at"}
        super().save(*args, **kwargs)

    @transition(
        field=state,
        source=PlanState.ACTIVE,
        target=PlanState.ACTIVE,
        permission="people.review_developmentplan",
        custom={"label": _("Record review"), "style": "primary"},
    )
    def review(self):
        pass

    review.alters_data = True

    @transition(
        field=state,
        source=PlanState.ACTIVE,
        target=PlanState.CLOSED,
        permission="people.review_developmentplan",
        custom={"label": _("Close plan")},
    )
    def close(self):
        pass

    close.alters_data = True


class CareerMove(ProcessRecord):
    """A promotion or rotation (P8.4, P7.5): HR proposes it, Management approves or
    declines it, and HR makes it effective, which updates the staff profile."""

    REFERENCE_PREFIX = "CM"
    FINAL_STATES = (MoveState.EFFECTIVE, MoveState.DECLINED)
    DELETABLE_STATES = (MoveState.PROPOSED,)
    # What Management approved is what takes effect: details change only while proposed.
    EDITABLE_STATES = (MoveState.PROPOSED,)
    escalation = Escalation(
        roles=(MANAGEMENT,),
        states=(MoveState.PROPOSED,),
        note=_("promotion or rotation waiting for a decision"),
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="career_moves",
        verbose_name=_("employee"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MoveKind.choices)
    reason = models.TextField(
        _("reason"), help_text=_("Assessment results, development plan, business need.")
    )
    from_department = models.CharField(
        _("from department"), max_length=40, choices=DEPARTMENTS, blank=True, editable=False
    )
    from_position = models.CharField(_("from position"), max_length=100, blank=True, editable=False)
    from_level = models.PositiveSmallIntegerField(
        _("from level"), null=True, blank=True, editable=False
    )
    to_department = models.CharField(_("to department"), max_length=40, choices=DEPARTMENTS)
    to_position = models.CharField(_("to position"), max_length=100)
    to_track = models.CharField(_("to track"), max_length=20, choices=Track.choices, blank=True)
    to_level = models.PositiveSmallIntegerField(_("to level"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"))
    assessment = models.ForeignKey(
        "quality.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="career_moves",
        verbose_name=_("proposed by assessment"),
    )
    state = FSMField(
        _("state"), default=MoveState.PROPOSED, choices=MoveState.choices, protected=True
    )

    class Meta:
        verbose_name = _("promotion or rotation")
        verbose_name_plural = _("promotions and rotations")
        ordering = ["-effective_on", "-pk"]
        permissions = [
            ("approve_careermove", _("Can approve or decline promotions and rotations")),
            ("run_careermove", _("Can make promotions and rotations effective")),
        ]
        constraints = [
            # An approved assessment proposes at most one move (P7.5), however often it runs.
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(assessment__isnull=False),
                name="people_one_move_per_assessment",
            )
        ]

    def __str__(self):
        return f"{self.reference} {person_name(self.employee)}"

    def deadline_for(self, state):
        return datetime.timedelta(days=DECISION_DAYS) if state == MoveState.PROPOSED else None

    def effective_date_reached(self):
        return self.effective_on <= timezone.localdate()

    effective_date_reached.message = _("The move takes effect on its date, not before.")

    @transition(
        field=state,
        source=MoveState.PROPOSED,
        target=MoveState.APPROVED,
        permission="people.approve_careermove",
        custom={"label": _("Approve"), "style": "primary"},
    )
    def approve(self):
        pass

    approve.alters_data = True

    @transition(
        field=state,
        source=MoveState.PROPOSED,
        target=MoveState.DECLINED,
        permission="people.approve_careermove",
        custom={"label": _("Decline"), "style": "danger"},
    )
    def decline(self):
        pass

    decline.alters_data = True

    @transition(
        field=state,
        source=MoveState.APPROVED,
        target=MoveState.EFFECTIVE,
        permission="people.run_careermove",
        conditions=[effective_date_reached],
        custom={"label": _("Make effective"), "style": "primary"},
    )
    def make_effective(self):
        pass

    make_effective.alters_data = True


class MentorPair(ProcessRecord):
    """A mentor and a mentee (P8.2 導師帶徒): for a new employee, or after an assessment
    that asks for coaching. The mentee's staff profile names the mentor while it lasts.

    An assessment that asks for coaching proposes a pair without a mentor: choosing an
    experienced colleague is HR's judgement, so the pair waits (proposed) until HR assigns
    one, which starts it."""

    FINAL_STATES = (PairState.ENDED,)
    DELETABLE_STATES = ()

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        # Empty only on a proposal, which HR fills by assigning; a form always asks for it.
        null=True,
        related_name="mentor_pairs",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentee_pairs",
        verbose_name=_("mentee"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=PairReason.choices)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    assessment = models.ForeignKey(
        "quality.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="mentor_pairs",
        verbose_name=_("proposed by assessment"),
    )
    state = FSMField(
        _("state"), default=PairState.ACTIVE, choices=PairState.choices, protected=True
    )

    class Meta:
        verbose_name = _("mentor pair")
        verbose_name_plural = _("mentor pairs")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state="active"),
                name="people_one_active_mentor_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="people_mentor_is_not_mentee"
            ),
            # A pairing under way has its mentor; a proposal waits for one, or ends without.
            models.CheckConstraint(
                condition=~Q(state="active") | Q(mentor__isnull=False),
                name="people_active_pair_has_mentor",
            ),
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state="proposed"),
                name="people_one_proposed_pair_per_mentee",
            ),
            models.UniqueConstraint(
                fields=["assessment"],
                condition=Q(assessment__isnull=False),
                name="people_one_pair_per_assessment",
            ),
        ]

    def __str__(self):
        mentor = person_name(self.mentor) if self.mentor_id else _("(mentor to be chosen)")
        return f"{mentor} → {person_name(self.mentee)}"

    @transition(
        field=state,
        source=PairState.PROPOSED,
        target=PairState.ACTIVE,
        permission="people.change_mentorpair",
        custom={"label": _("Assign mentor"), "style": "primary"},
    )
    def assign(self):
        pass

    assign.alters_data = True

    @transition(
        field=state,
        source=[PairState.PROPOSED, PairState.ACTIVE],
        target=PairState.ENDED,
        permission="people.change_mentorpair",
        custom={"label": _("End pairing")},
    )
    def end(self):
        pass

    end.alters_data = True
