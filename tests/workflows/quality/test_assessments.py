"""Assessments (P7.4, P7.5): the score worked out by hand, bands and recommendations from
data, and every step: allowed path, forbidden states, permission by POST, History, messages."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.complaints.factories import ComplaintFactory
from workflows.complaints.models import Complaint
from workflows.core.exceptions import TransitionNotAvailable
from workflows.core.models import OutboundMessage
from workflows.core.roles import HR, MANAGEMENT, SALES
from workflows.quality.choices import AssessmentKind, AssessmentState, Recommendation
from workflows.quality.models import Assessment, AssessmentBand, Finding, KPITarget
from workflows.quality.services import (
    acknowledge_assessment,
    approve_assessment,
    compute_assessment,
    open_assessment,
    open_periodic_assessments,
    publish_assessment,
    review_assessment,
)

from .factories import AssessmentFactory, FindingFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Taipei")


def at(month, day):
    return datetime(2026, month, day, 12, 0, tzinfo=TZ)


@pytest.fixture
def bands():
    for label, low, bonus, excellent, unfit in [
        ("Excellent", 90, 10, True, False),
        ("Good", 70, 0, False, False),
        ("Fair", 50, -5, False, False),
        ("Unfit", 0, -20, False, True),
    ]:
        AssessmentBand.objects.create(
            label=label, min_score=low, bonus_percent=bonus, excellent=excellent, unfit=unfit
        )


@pytest.fixture
def hr():
    return UserFactory(roles=[HR])


@pytest.fixture
def manager():
    return UserFactory(roles=[MANAGEMENT])


@pytest.fixture
def sam():
    return UserFactory(roles=[SALES])


def complaint_closed(investigator, *, missed, rating):
    c = ComplaintFactory(received_at=at(10, 1))
    Complaint.objects.filter(pk=c.pk).update(
        state="closed",
        department="sales",
        investigator=investigator,
        closed_at=at(10, 5),
        deadlines_missed=missed,
        root_cause="process",
        corrective_action="改善",
        satisfaction=rating,
        rated_at=at(10, 6),
    )


class TestComputing:
    def test_half_the_kpis_met_and_one_finding_is_45_unfit(self, bands, hr, sam):
        # resolution in time 1/2 = 50% < 90 (missed); satisfaction 5.0 ≥ 4 (met)
        complaint_closed(sam, missed=0, rating=5)
        complaint_closed(sam, missed=1, rating=5)
        finding = FindingFactory(employee=sam)
        Finding.objects.filter(pk=finding.pk).update(recorded_at=at(10, 10))
        assessment = AssessmentFactory(employee=sam)

        assessment = compute_assessment(assessment, user=hr)

        # 100 × 1/2 − 5 for the finding
        assert assessment.score == Decimal("45.00")
        assert assessment.findings == 1
        assert (assessment.band, assessment.bonus_percent) == ("Unfit", Decimal("-20.00"))
        assert assessment.recommendation == Recommendation.ROTATION_REVIEW
        assert "Complaints resolved within deadline" in assessment.training_needs
        by_code = {r["code"]: r for r in assessment.results}
        assert by_code["complaint_resolution_in_time"]["value"] == pytest.approx(50.0)
        assert by_code["complaint_satisfaction"]["met"] is True
        assert (
            ModelLogEntry.objects.filter(
                object_id=str(assessment.pk), action="quality.compute"
            ).count()
            == 1
        )

    def test_weights_are_data(self, bands, hr, sam):
        complaint_closed(sam, missed=0, rating=5)
        complaint_closed(sam, missed=1, rating=5)
        KPITarget.objects.create(code="complaint_satisfaction", target=4, weight=3)

        assessment = compute_assessment(AssessmentFactory(employee=sam), user=hr)

        # 100 × 3 / (3 + 1)
        assert assessment.score == Decimal("75.00")
        assert assessment.band == "Good"
        assert assessment.recommendation == Recommendation.TRAINING

    def test_excellent_twice_in_a_row_is_priority_for_promotion(self, bands, hr, sam):
        complaint_closed(sam, missed=0, rating=5)
        september = AssessmentFactory(
            employee=sam, period_start=date(2026, 9, 1), period_end=date(2026, 9, 30)
        )
        Assessment.objects.filter(pk=september.pk).update(state="approved", excellent=True)

        assessment = compute_assessment(AssessmentFactory(employee=sam), user=hr)

        assert assessment.score == Decimal("100.00")
        assert assessment.recommendation == Recommendation.PROMOTION_PRIORITY
        assert assessment.bonus_percent == Decimal("10.00")


class TestSteps:
    def test_computed_reviewed_approved_published_acknowledged(
        self, bands, hr, manager, sam, django_capture_on_commit_callbacks
    ):
        assessment = compute_assessment(AssessmentFactory(employee=sam), user=hr)
        assessment = review_assessment(
            assessment, user=manager, manager_comment="表現穩定", training_needs="合約審閱"
        )
        assessment = approve_assessment(assessment, user=hr)
        with django_capture_on_commit_callbacks() as callbacks:
            assessment = publish_assessment(assessment, user=hr)
        assessment = acknowledge_assessment(assessment, user=sam, employee_comment="同意")

        assert assessment.state == AssessmentState.ACKNOWLEDGED
        assert (assessment.training_needs, assessment.employee_comment) == ("合約審閱", "同意")
        assert (
            OutboundMessage.objects.filter(
                template="quality/assessment_published", recipient_user=sam
            ).count()
            == 1
        )
        assert callbacks == []  # in-app: stored is delivered, nothing to send after commit
        for action in ("review", "approve", "publish", "acknowledge"):
            assert (
                ModelLogEntry.objects.filter(
                    object_id=str(assessment.pk), action=f"quality.{action}"
                ).count()
                == 1
            )

    def test_no_publishing_before_approval(self, hr):
        assessment = compute_assessment(AssessmentFactory(), user=hr)
        with pytest.raises(TransitionNotAvailable):
            publish_assessment(assessment, user=hr)

    def test_a_review_needs_the_managers_comment(self, hr, manager):
        assessment = compute_assessment(AssessmentFactory(), user=hr)
        with pytest.raises(ValidationError):
            review_assessment(assessment, user=manager, manager_comment=" ")

    def test_only_the_employee_acknowledges(self, hr, manager, sam):
        assessment = compute_assessment(AssessmentFactory(employee=sam), user=hr)
        assessment = review_assessment(assessment, user=manager, manager_comment="ok")
        assessment = publish_assessment(approve_assessment(assessment, user=hr), user=hr)
        with pytest.raises(PermissionDenied):
            acknowledge_assessment(assessment, user=UserFactory(roles=[SALES]))

    def test_the_employee_may_not_approve_by_post(self, client, hr, manager, sam):
        assessment = compute_assessment(AssessmentFactory(employee=sam), user=hr)
        assessment = review_assessment(assessment, user=manager, manager_comment="ok")
        client.force_login(sam)

        response = client.post(
            reverse(
                "wagtailsnippets_quality_assessment:transition", args=[assessment.pk, "approve"]
            ),
            {"from_state": AssessmentState.REVIEWED},
        )

        assert response.status_code == 403
        assessment.refresh_from_db()
        assert assessment.state == AssessmentState.REVIEWED


class TestOpening:
    def test_a_special_assessment_names_the_complaint_or_incident(self, hr, sam):
        with pytest.raises(ValidationError) as refused:
            open_assessment(
                Assessment(
                    kind=AssessmentKind.SPECIAL,
                    employee=sam,
                    period_start=date(2026, 10, 1),
                    period_end=date(2026, 10, 31),
                ),
                user=hr,
            )
        assert "incident" in refused.value.message_dict

        complaint = ComplaintFactory()
        special = open_assessment(
            Assessment(
                kind=AssessmentKind.SPECIAL,
                employee=sam,
                complaint=complaint,
                period_start=date(2026, 10, 1),
                period_end=date(2026, 10, 31),
            ),
            user=hr,
        )
        assert special.reference.startswith("QA")

    def test_the_job_opens_last_month_and_at_a_quarters_end_the_quarter_once(self, sam):
        opened = open_periodic_assessments(now=at(10, 2))
        again = open_periodic_assessments(now=at(10, 2))

        mine = Assessment.objects.filter(employee=sam)
        assert opened >= 2 and again == 0
        assert set(mine.values_list("kind", "period_start", "period_end", "department")) == {
            ("monthly", date(2026, 9, 1), date(2026, 9, 30), "sales"),
            ("quarterly", date(2026, 7, 1), date(2026, 9, 30), "sales"),
        }
