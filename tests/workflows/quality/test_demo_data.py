"""The demo quality data loads once, through the services, in every state, over a quarter."""

import pytest

from fixtures import demo, demo_quality
from workflows.quality.choices import (
    AssessmentState,
    InspectionState,
    ProblemReportState,
    RectificationState,
    RewardState,
)
from workflows.quality.dashboard import worst_offenders
from workflows.quality.models import (
    Assessment,
    Inspection,
    KPIMonth,
    ProblemReport,
    RectificationOrder,
    Scope,
    Survey,
)

pytestmark = pytest.mark.django_db


def test_every_state_a_quarter_of_surveys_and_figures_and_is_idempotent():
    from workflows.people.models import CareerMove, MentorPair

    users = demo.load()  # the leasing demo signs the contracts the quality demo needs
    counts = (Survey.objects.count(), Assessment.objects.count(), Inspection.objects.count())
    proposals = (
        CareerMove.objects.filter(assessment__isnull=False).count(),
        MentorPair.objects.filter(assessment__isnull=False).count(),
    )

    demo_quality.load(users)

    assert (
        Survey.objects.count(),
        Assessment.objects.count(),
        Inspection.objects.count(),
    ) == counts
    assert (
        CareerMove.objects.filter(assessment__isnull=False).count(),
        MentorPair.objects.filter(assessment__isnull=False).count(),
    ) == proposals
    assert CareerMove.objects.filter(
        kind="promotion", state="proposed", assessment__state="approved"
    ).exists()
    assert MentorPair.objects.filter(state="proposed", assessment__state="approved").exists()
    assert Inspection.objects.filter(plan__isnull=False).exists()
    for model, states in [
        (Inspection, InspectionState),
        (RectificationOrder, RectificationState),
        (ProblemReport, ProblemReportState),
        (Assessment, AssessmentState),
    ]:
        assert set(model.objects.values_list("state", flat=True)) == set(states.values), model
    assert set(ProblemReport.objects.values_list("reward_state", flat=True)) == set(
        RewardState.values
    )
    answered_months = {s.answered_at.strftime("%Y-%m") for s in Survey.objects.answered()}
    assert len(answered_months) >= 3
    assert Survey.objects.filter(reminded_at__isnull=False).exists()
    survey_months = KPIMonth.objects.filter(code="survey_average", scope=Scope.COMPANY)
    assert survey_months.count() >= 3
    assert RectificationOrder.objects.open().overdue().exists()
    assert Assessment.objects.filter(kind="special").exists()
    # The dashboard has someone with repeated complaints, and the figures are not degenerate:
    # repairs take time, complaints are mostly closed within their deadlines.
    _departments, people = worst_offenders()
    assert people
    company = KPIMonth.objects.filter(scope=Scope.COMPANY)
    repairs = company.filter(code="repair_turnaround_days", denominator__gt=0)
    assert repairs.count() >= 3 and all(row.numerator > 0 for row in repairs)
    in_time = company.filter(code="complaint_resolution_in_time", denominator__gt=0)
    assert sum(row.numerator for row in in_time) > sum(row.denominator for row in in_time) / 2
