"""Assessments (P7.4, P7.5): opened per month or quarter (or after a complaint or incident),
computed from the records, reviewed by the manager, approved by HR, published to the employee."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.complaints.choices import DEPARTMENT_GROUPS
from workflows.core.choices import MessageChannel
from workflows.core.commands import command, transition_command
from workflows.core.notifications import queue_message
from workflows.core.people import members_queryset
from workflows.core.records import create_record, create_records
from workflows.core.registry import inspect_url
from workflows.core.services import perform_transition

from ..choices import AssessmentKind, AssessmentState, Recommendation
from ..kpi.registry import registry
from ..models import Assessment, AssessmentBand, Finding, KPITarget, Survey
from ..models.assessments import ASSESS
from .kpis import add_months

#: Points an assessment loses for each nonconforming inspection finding about the employee.
POINTS_PER_FINDING = Decimal("5")


@command(model=Assessment, permission=ASSESS, creates=True)
def open_assessment(assessment, *, user):
    """HR opens one assessment; a special one names the complaint or the incident (P7.4)."""
    if assessment.kind == AssessmentKind.SPECIAL and not (
        assessment.complaint_id or (assessment.incident or "").strip()
    ):
        raise ValidationError({"incident": _("Name the complaint or describe the incident.")})
    assessment.full_clean(exclude=["reference"])
    return create_record(assessment, user=user)


def department_of(user_groups):
    for department, group in DEPARTMENT_GROUPS.items():
        if group in user_groups:
            return department
    return ""


def open_periodic_assessments(*, now=None):
    """At the start of a month, a draft for every department member for the month before,
    and for the quarter before when it ended (P7.4). Idempotent: existing ones are kept."""
    today = timezone.localdate(now)
    last_month = add_months(today.replace(day=1), -1)
    periods = [(AssessmentKind.MONTHLY, last_month, today.replace(day=1) - timedelta(days=1))]
    if today.month in (1, 4, 7, 10):
        periods.append((AssessmentKind.QUARTERLY, add_months(last_month, -2), periods[0][2]))
    staff = list(
        members_queryset(*DEPARTMENT_GROUPS.values()).prefetch_related("groups").order_by("pk")
    )
    existing = set(
        Assessment.objects.filter(
            period_start__in=[start for _kind, start, _end in periods]
        ).values_list("employee_id", "kind", "period_start")
    )
    drafts = [
        Assessment(
            kind=kind,
            employee=person,
            department=department_of({g.name for g in person.groups.all()}),
            period_start=start,
            period_end=end,
        )
        for kind, start, end in periods
        for person in staff
        if (person.pk, kind, start) not in existing
    ]
    create_records(drafts)
    return len(drafts)


def _bounds(assessment):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(assessment.period_start, time.min), tz)
    end = timezone.make_aware(
        datetime.combine(assessment.period_end + timedelta(days=1), time.min), tz
    )
    return start, end


def gather(assessment):
    """The employee's KPIs against their targets, findings and survey results for the period."""
    start, end = _bounds(assessment)
    targets = {t.code: t for t in KPITarget.objects.all()}
    results = []
    for kpi in registry().values():
        target = targets.get(kpi.code)
        if target is not None and not target.active:
            continue
        figure = kpi.measure(start, end, employee=assessment.employee)
        goal = target.target if target else kpi.default_target
        results.append(
            {
                "code": kpi.code,
                "label": str(kpi.label),
                "value": figure.value,
                "count": figure.denominator,
                "target": float(goal),
                "weight": float(target.weight if target else 1),
                "met": kpi.meets(figure.value, goal),
            }
        )
    findings = Finding.objects.filter(
        employee=assessment.employee, conforms=False, recorded_at__gte=start, recorded_at__lt=end
    ).count()
    answered = [
        s.average
        for s in Survey.objects.filter(
            employee=assessment.employee, answered_at__gte=start, answered_at__lt=end
        ).only("attitude", "efficiency", "quality", "problem_solving", "answered_at")
    ]
    return results, findings, answered


def score_of(results, findings):
    """100 × the weighted share of KPIs (with records) that met their target, less
    POINTS_PER_FINDING for each nonconforming finding; never below 0."""
    counted = [r for r in results if r["met"] is not None]
    weights = sum(Decimal(str(r["weight"])) for r in counted)
    if not weights:
        base = Decimal("100")
    else:
        met = sum(Decimal(str(r["weight"])) for r in counted if r["met"])
        base = Decimal("100") * met / weights
    return max(base - POINTS_PER_FINDING * findings, Decimal("0")).quantize(Decimal("0.01"))


@transition_command(Assessment, "compute")
def compute_assessment(assessment, *, user, expected_state=None, note=""):
    """Compute the figures, the band and its bonus, and the recommendation (P7.5):
    excellent twice in a row → priority for promotion; unfit → rotation or dismissal
    review; a missed KPI → training in it."""
    results, findings, answered = gather(assessment)
    score = score_of(results, findings)
    band = AssessmentBand.for_score(score)
    previous = (
        Assessment.objects.filter(
            employee=assessment.employee, period_end__lt=assessment.period_start
        )
        .exclude(kind=AssessmentKind.SPECIAL)
        .exclude(state__in=[AssessmentState.DRAFT])
        .order_by("-period_end")
        .first()
    )
    missed = [r["label"] for r in results if r["met"] is False]
    if band is not None and band.unfit:
        recommendation = Recommendation.ROTATION_REVIEW
    elif band is not None and band.excellent and previous is not None and previous.excellent:
        recommendation = Recommendation.PROMOTION_PRIORITY
    elif missed:
        recommendation = Recommendation.TRAINING
    else:
        recommendation = Recommendation.NONE

    def prepare(a):
        a.results = results
        a.findings = findings
        a.surveys = len(answered)
        a.survey_average = sum(answered) / len(answered) if answered else None
        a.score = score
        a.band = band.label if band else ""
        a.excellent = bool(band and band.excellent)
        a.bonus_percent = band.bonus_percent if band else Decimal("0")
        a.recommendation = recommendation
        a.training_needs = "\n".join(missed)

    return perform_transition(
        assessment,
        "compute",
        user=user,
        note=note,
        expected_state=expected_state,
        prepare=prepare,
        log_data={"score": str(score)},
    )


@transition_command(Assessment, "review")
def review_assessment(
    assessment, *, user, manager_comment, training_needs=None, expected_state=None, note=""
):
    """The manager comments and may correct the training needs."""
    comment = (manager_comment or "").strip()
    if not comment:
        raise ValidationError({"manager_comment": _("Write the manager's comment.")})

    def prepare(a):
        a.manager_comment = comment
        if training_needs is not None:
            a.training_needs = training_needs.strip()

    return perform_transition(
        assessment,
        "review",
        user=user,
        note=note or comment,
        expected_state=expected_state,
        prepare=prepare,
    )


@transition_command(Assessment, "approve")
def approve_assessment(assessment, *, user, expected_state=None, note=""):
    """HR approves; the training needs enrol the employee in matching planned sessions, and
    the recommendation proposes a promotion, a rotation or a mentor (P7.5, see `proposals`)."""
    from .proposals import propose_from_assessment
    from .training import enrol_for_training

    with transaction.atomic():
        assessment = perform_transition(
            assessment, "approve", user=user, note=note, expected_state=expected_state
        )
        enrol_for_training(assessment, user=user)
        propose_from_assessment(assessment, user=user)
    return assessment


@transition_command(Assessment, "publish")
def publish_assessment(assessment, *, user, expected_state=None, note=""):
    """Published: the employee is told in the admin, once, and may acknowledge or comment."""
    with transaction.atomic():
        assessment = perform_transition(
            assessment,
            "publish",
            user=user,
            note=note,
            expected_state=expected_state,
            prepare=lambda a: setattr(a, "published_at", timezone.now()),
        )
        queue_message(
            channel=MessageChannel.IN_APP,
            template="quality/assessment_published",
            context={"assessment": assessment},
            record=assessment,
            user=assessment.employee,
            link=inspect_url(assessment),
            dedupe_key=f"quality.assessment:{assessment.pk}:published",
        )
    return assessment


@transition_command(Assessment, "acknowledge")
def acknowledge_assessment(assessment, *, user, employee_comment="", expected_state=None, note=""):
    """The employee acknowledges, with a comment of their own if they wish."""
    comment = (employee_comment or "").strip()

    def prepare(a):
        a.employee_comment = comment
        a.acknowledged_at = timezone.now()

    return perform_transition(
        assessment,
        "acknowledge",
        user=user,
        note=note or comment,
        expected_state=expected_state,
        prepare=prepare,
    )
