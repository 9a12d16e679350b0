"""The KPIs whose records exist today (P7.3). Delivery, maintenance, repair and billing
KPIs are registered by their own apps the same way."""

from decimal import Decimal

from django.db.models import (
    Case,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from ..choices import KPIUnit
from .registry import KPI, register


def _rate(condition):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def consultation_replies(start, end, now):
    from workflows.consultations.kpi import IN_TIME, replies_due

    return (
        replies_due(start, end, now)
        .select_related("handler", "channel")
        .annotate(
            kpi_value=_rate(IN_TIME),
            kpi_employee=F("handler_id"),
            kpi_department=Value("customer_service"),
        )
    )


def business_cycles(start, end, now):
    from workflows.leasing.models import Contract

    started = Coalesce(
        "plan__requirement__consultation__received_at",
        "plan__requirement__taken_at",
        output_field=DateTimeField(),
    )
    return (
        Contract.objects.select_related("customer", "drafted_by")
        .filter(signed_at__isnull=False, signed_at__gte=start, signed_at__lt=end)
        .annotate(kpi_started_at=started)
        .annotate(
            kpi_value=ExpressionWrapper(
                F("signed_at") - F("kpi_started_at"), output_field=DurationField()
            ),
            kpi_employee=F("drafted_by_id"),
            kpi_department=Value("sales"),
        )
    )


def first_reviews(start, end, now):
    from workflows.leasing.choices import ReviewOutcome
    from workflows.leasing.models import Contract

    return (
        Contract.objects.select_related("customer", "drafted_by")
        .exclude(first_review_outcome="")
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .annotate(
            kpi_value=_rate(Q(first_review_outcome=ReviewOutcome.APPROVED)),
            kpi_employee=F("drafted_by_id"),
            kpi_department=Value("sales"),
        )
    )


def closed_complaints(start, end, now):
    from workflows.complaints.choices import ComplaintState
    from workflows.complaints.models import Complaint

    return (
        Complaint.objects.select_related("investigator")
        .filter(state=ComplaintState.CLOSED, closed_at__gte=start, closed_at__lt=end)
        .annotate(
            kpi_value=_rate(Q(deadlines_missed=0)),
            kpi_employee=F("investigator_id"),
            kpi_department=F("department"),
        )
    )


def rated_complaints(start, end, now):
    from workflows.complaints.models import Complaint

    return (
        Complaint.objects.select_related("investigator")
        .filter(satisfaction__isnull=False, rated_at__gte=start, rated_at__lt=end)
        .annotate(
            kpi_value=F("satisfaction"),
            kpi_employee=F("investigator_id"),
            kpi_department=F("department"),
        )
    )


def answered_surveys(start, end, now):
    from ..models import Survey

    scores = F("attitude") + F("efficiency") + F("quality") + F("problem_solving")
    return (
        Survey.objects.select_related("employee", "customer")
        .filter(answered_at__gte=start, answered_at__lt=end)
        .annotate(
            kpi_value=ExpressionWrapper(
                Cast(scores, FloatField()) / Value(4.0), output_field=FloatField()
            ),
            kpi_employee=F("employee_id"),
            kpi_department=F("department"),
        )
    )


REPLY_TIMELINESS = register(
    KPI(
        code="consultation_reply_timeliness",
        label=_("Consultation reply timeliness"),
        definition=_(
            "Consultations replied to (answered or handed to Sales) by their reply deadline, "
            "÷ every consultation whose reply deadline fell in the period and has passed or "
            "was met. The deadline is the promised time when a reply was promised, otherwise "
            "the channel's reply time from receipt. Counted for the person who handled it."
        ),
        unit=KPIUnit.PERCENT,
        records=consultation_replies,
        training_topic="service",
        default_target=Decimal("95"),
        columns=(
            (_("Consultation"), "reference"),
            (_("Received"), "received_at"),
            (_("Reply due"), "reply_deadline"),
            (_("Replied"), "replied_at"),
            (_("Handled by"), "handler"),
        ),
        order_by=("reply_deadline", "pk"),
    )
)

BUSINESS_CYCLE = register(
    KPI(
        code="business_cycle_days",
        label=_("Business cycle time"),
        definition=_(
            "Average days from the consultation's receipt (or, without a consultation, from "
            "recording the customer's requirement) to the signing of the lease contract, over "
            "the contracts signed in the period. Counted for the salesperson who drafted it."
        ),
        unit=KPIUnit.DAYS,
        records=business_cycles,
        training_topic="process",
        higher_is_better=False,
        default_target=Decimal("14"),
        columns=(
            (_("Contract"), "number"),
            (_("Customer"), "customer"),
            (_("Started"), "kpi_started_at"),
            (_("Signed"), "signed_at"),
            (_("Drafted by"), "drafted_by"),
        ),
        order_by=("signed_at", "pk"),
    )
)

FIRST_PASS = register(
    KPI(
        code="contract_first_pass_approval",
        label=_("Contract first-pass legal approval"),
        definition=_(
            "Contracts Legal approved at their first review ÷ contracts first sent to Legal "
            "in the period and reviewed. Counted for the salesperson who drafted them."
        ),
        unit=KPIUnit.PERCENT,
        records=first_reviews,
        training_topic="contracts",
        default_target=Decimal("80"),
        columns=(
            (_("Contract"), "number"),
            (_("Customer"), "customer"),
            (_("First sent"), "submitted_at"),
            (_("First review"), "get_first_review_outcome_display"),
            (_("Drafted by"), "drafted_by"),
        ),
        order_by=("submitted_at", "pk"),
    )
)

COMPLAINTS_IN_TIME = register(
    KPI(
        code="complaint_resolution_in_time",
        label=_("Complaints resolved within deadline"),
        definition=_(
            "Complaints closed in the period that never left a state after its deadline "
            "÷ complaints closed in the period. Counted for the investigator and the "
            "department the complaint was assigned to."
        ),
        unit=KPIUnit.PERCENT,
        records=closed_complaints,
        training_topic="service",
        default_target=Decimal("90"),
        columns=(
            (_("Complaint"), "reference"),
            (_("Received"), "received_at"),
            (_("Closed"), "closed_at"),
            (_("Deadlines missed"), "deadlines_missed"),
            (_("Investigator"), "investigator"),
        ),
        order_by=("closed_at", "pk"),
    )
)

COMPLAINT_SATISFACTION = register(
    KPI(
        code="complaint_satisfaction",
        label=_("Complaint satisfaction"),
        definition=_(
            "Average of the complainants' ratings (1-5) given in the period on how their "
            "complaint was handled. Counted for the investigator and the department."
        ),
        unit=KPIUnit.SCORE,
        records=rated_complaints,
        training_topic="service",
        default_target=Decimal("4"),
        columns=(
            (_("Complaint"), "reference"),
            (_("Rated"), "rated_at"),
            (_("Rating"), "satisfaction"),
            (_("Investigator"), "investigator"),
        ),
        order_by=("rated_at", "pk"),
    )
)

SURVEY_AVERAGE = register(
    KPI(
        code="survey_average",
        label=_("Satisfaction survey average"),
        definition=_(
            "Average over the surveys answered in the period of the mean of their four scores "
            "(attitude, efficiency, quality, problem solving; 1-5). Counted for the employee "
            "and department the survey is about."
        ),
        unit=KPIUnit.SCORE,
        records=answered_surveys,
        training_topic="service",
        default_target=Decimal("4"),
        columns=(
            (_("Asked"), "name"),
            (_("Occasion"), "get_occasion_display"),
            (_("Answered"), "answered_at"),
            (_("Average"), "average"),
            (_("Employee"), "employee"),
        ),
        order_by=("answered_at", "pk"),
    )
)
