"""Training records (P8.2, P8.3): sessions, enrolments and their evaluation, quiz results,
and the staff profile HR keeps for each employee."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.core.models import ProcessRecord
from workflows.core.people import person_name
from workflows.core.roles import DEPARTMENT_LABELS

from .choices import SessionKind, SessionState, Topic, Track

DEPARTMENTS = list(DEPARTMENT_LABELS.items())


class StaffProfile(models.Model):
    """What HR keeps about an employee (P8.4): department, position, track and level, mentor."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("employee"),
    )
    department = models.CharField(_("department"), max_length=40, choices=DEPARTMENTS)
    position = models.CharField(_("position"), max_length=100, blank=True)
    track = models.CharField(_("career track"), max_length=20, choices=Track.choices, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("mentor"),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        ordering = ["department", "user__username"]

    def __str__(self):
        return person_name(self.user)


class QuizAttempt(models.Model):
    """One employee's answers to one course's quiz, scored on the server (P8.2).

    The attempt token is issued with the quiz form: the same attempt posted twice
    (a double click, a resent form) is stored once.
    """

    token = models.UUIDField(_("attempt"), default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
        verbose_name=_("employee"),
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    correct = models.PositiveSmallIntegerField(_("correct answers"))
    questions = models.PositiveSmallIntegerField(_("questions"))
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        ordering = ["-taken_at"]
        indexes = [models.Index(fields=["employee", "course"])]

    def __str__(self):
        return f"{self.course.title}: {self.score}%"


class TrainingSession(ProcessRecord):
    """A course as held (P8.2, P8.3): planned, held with attendance, then evaluated.

    Evaluation (exam, practical test, feedback) and the adjustment it asks of the plan
    are written when the session is evaluated; HR runs every step.
    """

    REFERENCE_PREFIX = "TR"
    DATE_FIELD = "created_at"
    FINAL_STATES = (SessionState.EVALUATED, SessionState.CANCELLED)
    DELETABLE_STATES = (SessionState.PLANNED,)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("method"), max_length=20, choices=SessionKind.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    trainer = models.CharField(_("trainer"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    plan_adjustment = models.TextField(
        _("plan adjustment"),
        blank=True,
        help_text=_("What the training plan changes because of this session's results."),
    )
    state = FSMField(
        _("state"), default=SessionState.PLANNED, choices=SessionState.choices, protected=True
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-starts_at"]
        permissions = [("run_trainingsession", _("Can hold and evaluate training sessions"))]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @transition(
        field=state,
        source=SessionState.PLANNED,
        target=SessionState.HELD,
        permission="people.run_trainingsession",
        custom={"label": _("Mark as held"), "style": "primary"},
    )
    def hold(self):
        pass

    hold.alters_data = True

    @transition(
        field=state,
        source=SessionState.HELD,
        target=SessionState.EVALUATED,
        permission="people.run_trainingsession",
        custom={"label": _("Evaluate"), "style": "primary"},
    )
    def evaluate(self):
        pass

    evaluate.alters_data = True

    @transition(
        field=state,
        source=SessionState.PLANNED,
        target=SessionState.CANCELLED,
        permission="people.run_trainingsession",
        custom={"label": _("Cancel"), "style": "danger"},
    )
    def cancel(self):
        pass

    cancel.alters_data = True


class Enrolment(models.Model):
    """An employee on a session: chosen for it, attended or not, and how they did."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("session"),
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_enrolments",
        verbose_name=_("employee"),
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    exam_score = models.DecimalField(
        _("exam score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    practical_passed = models.BooleanField(_("practical test passed"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="people_enrol_once")
        ]

    def __str__(self):
        return f"{self.session.reference}: {person_name(self.employee)}"


from .careers import CareerMove, DevelopmentPlan, MentorPair  # noqa: E402, F401
