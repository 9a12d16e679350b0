"""An approved assessment's recommendation proposes a promotion, a rotation or a mentor
(P7.5, P8.2, P8.4): exactly one proposal, through people's commands, never twice."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.people.factories import MentorPairFactory, StaffProfileFactory
from workflows.core import roles
from workflows.people.choices import MoveKind, MoveState, PairReason, PairState
from workflows.people.models import CareerMove, MentorPair
from workflows.quality.choices import AssessmentState, Recommendation
from workflows.quality.models import Assessment
from workflows.quality.services import approve_assessment
from workflows.quality.services.proposals import propose_from_assessment

from .factories import AssessmentFactory

pytestmark = pytest.mark.django_db

ASSESSMENTS = "wagtailsnippets_quality_assessment"


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def sam():
    return UserFactory(username="sam", first_name="陳小明", roles=[roles.SALES])


def reviewed(employee, recommendation, needs=""):
    assessment = AssessmentFactory(employee=employee)
    Assessment.objects.filter(pk=assessment.pk).update(
        state=AssessmentState.REVIEWED,
        recommendation=recommendation,
        training_needs=needs,
        score="95.00",
    )
    return Assessment.objects.get(pk=assessment.pk)


def history(record, action):
    return ModelLogEntry.objects.filter(
        content_type__app_label=record._meta.app_label, object_id=str(record.pk), action=action
    )


class TestEachRecommendationProposesExactlyItsProposal:
    def test_priority_for_promotion_proposes_the_next_level_of_the_track(self, hr, sam):
        StaffProfileFactory(user=sam, department=roles.SALES, track="professional", level=3)
        assessment = approve_assessment(reviewed(sam, Recommendation.PROMOTION_PRIORITY), user=hr)

        move = CareerMove.objects.get()
        assert (move.employee, move.kind) == (sam, MoveKind.PROMOTION)
        assert move.state == MoveState.PROPOSED
        assert move.assessment == assessment
        assert (move.from_level, move.to_track, move.to_level) == (3, "professional", 4)
        assert move.to_department == roles.SALES and move.reference.startswith("CM")
        assert assessment.reference in move.reason
        assert history(move, "wagtail.create").get().user == hr
        assert history(assessment, "quality.propose").count() == 1
        assert not MentorPair.objects.exists()

    def test_without_a_profile_the_target_level_is_left_for_hr(self, hr, sam):
        approve_assessment(reviewed(sam, Recommendation.PROMOTION_PRIORITY), user=hr)

        move = CareerMove.objects.get()
        assert move.to_level is None and move.to_track == ""
        assert move.to_department == roles.SALES  # the assessment's department

    def test_rotation_or_dismissal_review_proposes_a_rotation(self, hr, sam):
        StaffProfileFactory(user=sam, track="professional", level=3)
        assessment = approve_assessment(reviewed(sam, Recommendation.ROTATION_REVIEW), user=hr)

        move = CareerMove.objects.get()
        assert (move.kind, move.state, move.assessment) == (
            MoveKind.ROTATION,
            MoveState.PROPOSED,
            assessment,
        )
        assert move.to_level is None
        assert not MentorPair.objects.exists()

    def test_training_proposes_a_pairing_that_awaits_its_mentor(self, hr, sam):
        assessment = approve_assessment(
            reviewed(sam, Recommendation.TRAINING, "Complaint satisfaction"), user=hr
        )

        pair = MentorPair.objects.get()
        assert (pair.mentee, pair.mentor, pair.state) == (sam, None, PairState.PROPOSED)
        assert (pair.reason, pair.assessment) == (PairReason.COACHING, assessment)
        assert "Complaint satisfaction" in pair.notes
        assert history(pair, "wagtail.create").get().user == hr
        assert history(assessment, "quality.propose").count() == 1
        assert not CareerMove.objects.exists()

    def test_training_for_an_employee_with_a_mentor_proposes_nothing(self, hr, sam):
        MentorPairFactory(mentee=sam)
        assessment = approve_assessment(reviewed(sam, Recommendation.TRAINING, "x"), user=hr)

        assert MentorPair.objects.count() == 1
        assert not history(assessment, "quality.propose").exists()

    def test_no_recommendation_proposes_nothing(self, hr, sam):
        assessment = approve_assessment(reviewed(sam, Recommendation.NONE), user=hr)

        assert not CareerMove.objects.exists() and not MentorPair.objects.exists()
        assert not history(assessment, "quality.propose").exists()


class TestNeverTwice:
    @pytest.mark.parametrize(
        ("recommendation", "model"),
        [
            (Recommendation.PROMOTION_PRIORITY, CareerMove),
            (Recommendation.ROTATION_REVIEW, CareerMove),
            (Recommendation.TRAINING, MentorPair),
        ],
    )
    def test_a_rerun_proposes_nothing_more(self, hr, sam, recommendation, model):
        assessment = approve_assessment(reviewed(sam, recommendation, "x"), user=hr)
        with transaction.atomic():
            assert propose_from_assessment(assessment, user=hr) is None

        assert model.objects.count() == 1
        assert history(assessment, "quality.propose").count() == 1

    def test_a_pairing_hr_ended_unassigned_is_not_proposed_again(self, hr, sam):
        from workflows.people.career_services import end_mentor_pair

        assessment = approve_assessment(reviewed(sam, Recommendation.TRAINING, "x"), user=hr)
        end_mentor_pair(MentorPair.objects.get(), user=hr, note="不需要")
        with transaction.atomic():
            assert propose_from_assessment(assessment, user=hr) is None
        assert MentorPair.objects.count() == 1

    def test_the_database_holds_one_move_and_one_pair_per_assessment(self, hr, sam):
        assessment = approve_assessment(reviewed(sam, Recommendation.PROMOTION_PRIORITY), user=hr)
        move = CareerMove.objects.get()
        with pytest.raises(IntegrityError), transaction.atomic():
            CareerMove.objects.create(
                reference="CM-dup",
                employee=sam,
                kind=MoveKind.ROTATION,
                reason="x",
                to_department=roles.SALES,
                to_position="x",
                effective_on=move.effective_on,
                assessment=assessment,
            )
        MentorPairFactory(assessment=assessment, mentee=sam)
        with pytest.raises(IntegrityError), transaction.atomic():
            MentorPairFactory(assessment=assessment, state=PairState.ENDED)


class TestWhoMayApprove:
    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR], ids=str)
    def test_every_other_role_is_refused_by_post_and_nothing_is_proposed(
        self, client, staff, sam, role
    ):
        assessment = reviewed(sam, Recommendation.PROMOTION_PRIORITY)
        client.force_login(staff[role])

        response = client.post(
            reverse(f"{ASSESSMENTS}:transition", args=[assessment.pk, "approve"]),
            {"from_state": AssessmentState.REVIEWED},
        )

        assert response.status_code == 403
        assert Assessment.objects.get(pk=assessment.pk).state == AssessmentState.REVIEWED
        assert not CareerMove.objects.exists()

    def test_hr_approves_by_post_and_the_pages_link_both_ways(self, client, hr, sam, staff):
        assessment = reviewed(sam, Recommendation.PROMOTION_PRIORITY)
        client.force_login(hr)

        response = client.post(
            reverse(f"{ASSESSMENTS}:transition", args=[assessment.pk, "approve"]),
            {"from_state": AssessmentState.REVIEWED},
        )

        assert response.status_code == 302
        move = CareerMove.objects.get()
        move_url = reverse("wagtailsnippets_people_careermove:inspect", args=[move.pk])
        assessment_url = reverse(f"{ASSESSMENTS}:inspect", args=[assessment.pk])
        page = client.get(assessment_url).content.decode()
        assert "Proposed on approval" in page and move_url in page
        client.force_login(staff[roles.MANAGEMENT])
        page = client.get(move_url).content.decode()
        assert assessment_url in page and assessment.reference in page

    def test_the_assessment_page_links_the_proposed_pairing(self, client, hr, sam):
        assessment = approve_assessment(reviewed(sam, Recommendation.TRAINING, "x"), user=hr)
        pair = MentorPair.objects.get()
        client.force_login(hr)

        page = client.get(reverse(f"{ASSESSMENTS}:inspect", args=[assessment.pk]))

        pair_url = reverse("wagtailsnippets_people_mentorpair:inspect", args=[pair.pk])
        assert pair_url in page.content.decode()
        page = client.get(pair_url).content.decode()
        assert reverse(f"{ASSESSMENTS}:inspect", args=[assessment.pk]) in page
