"""Internal supervision (P7.1): inspections with a checklist per process area, findings that
become rectification orders, and the staff's internal problem-report channel."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from workflows.complaints.choices import Department
from workflows.core.escalation import Escalation
from workflows.core.models import ProcessRecord
from workflows.core.people import person_name
from workflows.core.roles import SUPERVISION

from ..choices import (
    InspectionFrequency,
    InspectionKind,
    InspectionState,
    ProblemReportState,
    ProcessArea,
    RectificationState,
    RewardState,
)

INSPECT = "quality.inspect"
VERIFY = "quality.verify_rectification"
REVIEW_REPORTS = "quality.review_problem_report"
GIVE_REWARD = "quality.give_problem_report_reward"
#: Who reads every inspection: the supervision group (Supervision and Management).
READ_INSPECTIONS = "quality.view_inspection"


def owner_or_supervision(record, user):
    """The order's owner works on it; Supervision may record it in their place."""
    return record.owner_id == user.pk or user.has_perm(VERIFY)


def has_evidence(order):
    return bool((order.evidence or "").strip())


has_evidence.message = _("Describe the evidence that the finding was put right.")


def has_reward_note(report):
    return bool((report.reward_note or "").strip())


has_reward_note.message = _("Say what reward was given.")


class ChecklistItem(models.Model):
    """One point Supervision checks in a process area; Supervision keeps the list."""

    area = models.CharField(_("process area"), max_length=20, choices=ProcessArea.choices)
    text = models.CharField(_("check"), max_length=300)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["area", "sort_order", "pk"]

    def __str__(self):
        return self.text


def _inspector_roles():
    from workflows.core.roles import DEPARTMENT_LABELS

    return list(DEPARTMENT_LABELS.items())


class InspectionPlan(models.Model):
    """One line of Supervision's inspection plan (P7.1): a process area of a department,
    inspected every so many months from a first date by a member of a role.

    The periodic job `generate_planned_inspections` creates each inspection of the plan
    a few days before its date, once.
    """

    area = models.CharField(_("process area"), max_length=20, choices=ProcessArea.choices)
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    frequency = models.PositiveSmallIntegerField(
        _("frequency"), choices=InspectionFrequency.choices, default=InspectionFrequency.QUARTERLY
    )
    first_on = models.DateField(
        _("first inspection on"),
        help_text=_("The following ones fall on the same day of the month, every period."),
    )
    inspector_role = models.CharField(
        _("inspector's role"),
        max_length=50,
        choices=_inspector_roles,
        default=SUPERVISION,
        help_text=_("Each inspection goes to the members of this role in turn."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plan")
        ordering = ["area", "department", "pk"]

    def __str__(self):
        return f"{self.get_area_display()}, {self.get_department_display()}"


class Inspection(ProcessRecord):
    """A planned inspection or an unannounced spot check of one department's work (P7.1)."""

    REFERENCE_PREFIX = "QI"
    FINAL_STATES = (InspectionState.COMPLETED,)
    DELETABLE_STATES = (InspectionState.PLANNED,)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"),
        max_length=20,
        choices=InspectionState.choices,
        default=InspectionState.PLANNED,
        protected=True,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices)
    area = models.CharField(_("process area"), max_length=20, choices=ProcessArea.choices)
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    planned_for = models.DateField(_("planned for"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    summary = models.TextField(_("summary"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("from the plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
        editable=False,
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-planned_for", "-pk"]
        permissions = [("inspect", _("Can carry out inspections and record findings"))]
        indexes = [models.Index(fields=["state", "due_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "planned_for"],
                name="quality_inspection_once_per_plan_date",
                violation_error_message=_("The plan already has an inspection on this date."),
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.get_area_display()}"

    @transition(
        field=state,
        source=InspectionState.PLANNED,
        target=InspectionState.IN_PROGRESS,
        permission=INSPECT,
        custom={"label": _("Start"), "style": "primary"},
    )
    def start(self):
        pass

    start.alters_data = True

    @transition(
        field=state,
        source=InspectionState.IN_PROGRESS,
        target=InspectionState.COMPLETED,
        permission=INSPECT,
        custom={"label": _("Complete"), "style": "primary"},
    )
    def complete(self):
        pass

    complete.alters_data = True


class Finding(models.Model):
    """What an inspection found against one checklist point; a nonconformity is rectified."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="findings"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    conforms = models.BooleanField(_("conforms"), default=False)
    description = models.TextField(_("finding"), max_length=4000)
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_findings",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "pk"]

    def __str__(self):
        return self.description[:60]


class RectificationOrder(ProcessRecord):
    """A finding to put right by its owner before the deadline, verified by Supervision (P7.1).

    Past its deadline, Supervision hears of it through the one escalation job.
    """

    REFERENCE_PREFIX = "QR"
    FINAL_STATES = (RectificationState.VERIFIED,)
    escalation = Escalation(
        roles=(SUPERVISION,),
        states=(RectificationState.OPEN, RectificationState.IN_PROGRESS),
        note=_("rectification deadline passed"),
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"),
        max_length=20,
        choices=RectificationState.choices,
        default=RectificationState.OPEN,
        protected=True,
    )
    finding = models.OneToOneField(
        Finding,
        verbose_name=_("finding"),
        on_delete=models.PROTECT,
        related_name="rectification",
    )
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="rectifications_owned",
    )
    deadline = models.DateTimeField(_("deadline"))
    required_action = models.TextField(_("what must be put right"), max_length=4000)
    evidence = models.TextField(_("evidence"), blank=True, editable=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("verify_rectification", _("Can order and verify rectifications")),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    @classmethod
    def visible_to(cls, user, queryset):
        """Supervision and Management (the supervision group) read every order; anyone
        else only the orders they own."""
        if user.is_superuser or user.has_perm(VERIFY) or user.has_perm(READ_INSPECTIONS):
            return queryset
        return queryset.filter(owner_id=user.pk)

    def __str__(self):
        return self.reference

    def deadline_for(self, state):
        """The order's own deadline while it is open or being worked on; a day to verify."""
        if state in (RectificationState.OPEN, RectificationState.IN_PROGRESS):
            from django.utils import timezone

            return max(self.deadline - timezone.now(), timedelta(0))
        if state == RectificationState.DONE:
            return timedelta(days=3)
        return None

    @transition(
        field=state,
        source=RectificationState.OPEN,
        target=RectificationState.IN_PROGRESS,
        permission=owner_or_supervision,
        custom={"label": _("Start work"), "style": "primary"},
    )
    def start_work(self):
        pass

    start_work.alters_data = True

    @transition(
        field=state,
        source=[RectificationState.OPEN, RectificationState.IN_PROGRESS],
        target=RectificationState.DONE,
        permission=owner_or_supervision,
        conditions=[has_evidence],
        custom={"label": _("Mark done"), "style": "primary"},
    )
    def mark_done(self):
        pass

    mark_done.alters_data = True

    @transition(
        field=state,
        source=RectificationState.DONE,
        target=RectificationState.VERIFIED,
        permission=VERIFY,
        custom={"label": _("Verify"), "style": "primary"},
    )
    def verify(self):
        pass

    verify.alters_data = True

    @transition(
        field=state,
        source=RectificationState.DONE,
        target=RectificationState.IN_PROGRESS,
        permission=VERIFY,
        custom={"label": _("Send back")},
    )
    def send_back(self):
        pass

    send_back.alters_data = True


class ProblemReport(ProcessRecord):
    """A problem an employee reports to Supervision (P7.1).

    The reporter is known to Supervision only: the listing, History and messages
    never show them to anyone else. A useful report is due a reward, which HR
    gives (the reward is its own state machine, as for suggestions).
    """

    REFERENCE_PREFIX = "QP"
    FINAL_STATES = (ProblemReportState.USEFUL, ProblemReportState.DISMISSED)

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    state = FSMField(
        _("state"),
        max_length=20,
        choices=ProblemReportState.choices,
        default=ProblemReportState.RECEIVED,
        protected=True,
    )
    area = models.CharField(_("process area"), max_length=20, choices=ProcessArea.choices)
    department = models.CharField(
        _("department concerned"), max_length=20, choices=Department.choices, blank=True
    )
    description = models.TextField(_("what is wrong"), max_length=4000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="problem_reports",
        editable=False,
    )
    anonymous = models.BooleanField(
        _("keep my name from everyone but Supervision"),
        default=True,
    )
    assessment = models.TextField(_("Supervision's assessment"), blank=True, editable=False)
    reward_state = FSMField(
        _("reward"),
        max_length=10,
        choices=RewardState.choices,
        default=RewardState.NONE,
        protected=True,
        editable=False,
        db_index=True,
    )
    reward_note = models.TextField(_("reward"), blank=True, editable=False)
    reward_given_at = models.DateTimeField(
        _("reward given at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("review_problem_report", _("Can review problem reports and see their reporters")),
            ("give_problem_report_reward", _("Can give the reward for a useful problem report")),
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return self.reference

    def deadline_for(self, state):
        return timedelta(days=5) if state == ProblemReportState.RECEIVED else None

    @classmethod
    def visible_to(cls, user, queryset):
        """Supervision reads every report; HR the ones due or given a reward (to give it);
        everyone else, Management included, only the reports they made themselves: what a
        colleague reported stays between them and Supervision."""
        if user.is_superuser or user.has_perm(REVIEW_REPORTS):
            return queryset
        mine = Q(reporter_id=user.pk)
        if user.has_perm(GIVE_REWARD):
            mine |= ~Q(reward_state=RewardState.NONE)
        return queryset.filter(mine)

    def reporter_label(self, user):
        """The reporter's name for Supervision (and, when not anonymous, for HR)."""
        if user.is_superuser or user.has_perm(REVIEW_REPORTS) or not self.anonymous:
            return person_name(self.reporter)
        return _("Anonymous employee")

    @transition(
        field=state,
        source=ProblemReportState.RECEIVED,
        target=ProblemReportState.USEFUL,
        permission=REVIEW_REPORTS,
        custom={"label": _("Useful: reward due"), "style": "primary"},
    )
    def mark_useful(self):
        pass

    mark_useful.alters_data = True

    @transition(
        field=state,
        source=ProblemReportState.RECEIVED,
        target=ProblemReportState.DISMISSED,
        permission=REVIEW_REPORTS,
        custom={"label": _("Not pursued")},
    )
    def dismiss(self):
        pass

    dismiss.alters_data = True

    @transition(
        field=reward_state,
        source=RewardState.NONE,
        target=RewardState.DUE,
        permission=REVIEW_REPORTS,
        custom={"label": _("Mark the reward due"), "automatic": True},
    )
    def mark_reward_due(self):
        """Run by `mark_useful`, never on its own."""

    mark_reward_due.alters_data = True

    @transition(
        field=reward_state,
        source=RewardState.DUE,
        target=RewardState.GIVEN,
        permission=GIVE_REWARD,
        conditions=[has_reward_note],
        custom={"label": _("Give the reward")},
    )
    def give_reward(self):
        pass

    give_reward.alters_data = True
