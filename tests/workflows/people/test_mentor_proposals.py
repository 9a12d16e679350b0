"""A proposed mentor pairing (P8.2 導師帶徒 after an assessment, P7.5): it waits without a
mentor until HR assigns one, which starts it as HR's own pairing does."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.exceptions import CommandPermissionDenied
from workflows.core.models import OutboundMessage
from workflows.people import career_services as services
from workflows.people.choices import PairReason
from workflows.people.choices import PairState as P
from workflows.people.models import MentorPair, StaffProfile

from .factories import MentorPairFactory, StaffProfileFactory
from .test_careers import history, state_of

pytestmark = pytest.mark.django_db

PAIRS = "wagtailsnippets_people_mentorpair"


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def employee(db):
    return UserFactory(username="wei", first_name="林志偉", roles=[roles.SALES])


@pytest.fixture
def mentor(db):
    return UserFactory(username="senior", first_name="王大同", roles=[roles.SALES])


def proposed(hr, employee):
    return services.propose_mentor_pair(
        MentorPair(mentee=employee, reason=PairReason.COACHING, notes="需加強合約條款"), user=hr
    )


class TestProposal:
    def test_a_proposal_waits_without_a_mentor_and_tells_nobody(self, hr, employee):
        pair = proposed(hr, employee)

        assert (pair.state, pair.mentor) == (P.PROPOSED, None)
        assert history(pair, "wagtail.create").get().user == hr
        assert not OutboundMessage.objects.exists()

    def test_not_while_the_employee_has_a_mentor_or_a_proposal(self, hr, employee):
        proposed(hr, employee)
        with pytest.raises(ValidationError):
            proposed(hr, employee)
        other = UserFactory(username="other")
        MentorPairFactory(mentee=other)
        with pytest.raises(ValidationError):
            proposed(hr, other)
        assert MentorPair.objects.count() == 2

    def test_the_database_keeps_one_proposal_per_mentee_and_a_mentor_on_active_pairs(
        self, employee
    ):
        MentorPairFactory(mentee=employee, mentor=None, state=P.PROPOSED)
        with pytest.raises(IntegrityError), transaction.atomic():
            MentorPairFactory(mentee=employee, mentor=None, state=P.PROPOSED)
        with pytest.raises(IntegrityError), transaction.atomic():
            MentorPairFactory(mentor=None)

    def test_hr_pairing_directly_still_needs_a_mentor(self, hr, employee):
        with pytest.raises(ValidationError):
            services.pair_mentor(MentorPair(mentee=employee, reason="new_staff"), user=hr)

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR], ids=str)
    def test_only_hr_proposes(self, staff, employee, role):
        with pytest.raises(CommandPermissionDenied):
            proposed(staff[role], employee)


class TestAssigningTheMentor:
    def test_hr_assigns_the_mentor_which_starts_the_pairing(
        self, client, hr, employee, mentor, django_capture_on_commit_callbacks
    ):
        StaffProfileFactory(user=employee)
        pair = proposed(hr, employee)
        client.force_login(hr)
        url = reverse(f"{PAIRS}:transition", args=[pair.pk, "assign"])
        assert client.get(url).status_code == 200

        with django_capture_on_commit_callbacks(execute=False):
            response = client.post(url, {"from_state": P.PROPOSED, "mentor": mentor.pk})

        assert response.status_code == 302
        pair = MentorPair.objects.get(pk=pair.pk)
        assert (pair.state, pair.mentor) == (P.ACTIVE, mentor)
        assert StaffProfile.objects.get(user=employee).mentor == mentor
        assert OutboundMessage.objects.filter(recipient_user=mentor).count() == 1
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 1
        assert history(pair, "people.assign").count() == 1

    def test_the_mentee_cannot_mentor_themselves_nor_have_two_mentors(self, hr, employee, mentor):
        pair = proposed(hr, employee)
        with pytest.raises(ValidationError):
            services.assign_mentor(pair, user=hr, mentor=employee)
        MentorPairFactory(mentee=employee)
        with pytest.raises(ValidationError):
            services.assign_mentor(pair, user=hr, mentor=mentor)
        assert state_of(pair) == P.PROPOSED

    def test_hr_may_end_a_proposal_without_assigning(self, hr, employee):
        pair = services.end_mentor_pair(proposed(hr, employee), user=hr, note="已改善")

        assert (pair.state, pair.mentor) == (P.ENDED, None)

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR], ids=str)
    def test_every_other_role_is_refused_by_post(self, client, hr, staff, employee, mentor, role):
        pair = proposed(hr, employee)
        client.force_login(staff[role])

        url = reverse(f"{PAIRS}:transition", args=[pair.pk, "assign"])
        response = client.post(url, {"from_state": P.PROPOSED, "mentor": mentor.pk})

        assert response.status_code == 403
        assert state_of(pair) == P.PROPOSED

    def test_the_edit_form_cannot_take_the_mentor_away(self, client, hr, employee, mentor):
        pair = services.pair_mentor(
            MentorPair(mentor=mentor, mentee=employee, reason="new_staff"), user=hr
        )
        client.force_login(hr)

        response = client.post(
            reverse(f"{PAIRS}:edit", args=[pair.pk]),
            {
                "mentor": "",
                "mentee": employee.pk,
                "reason": "new_staff",
                "starts_on": pair.starts_on.isoformat(),
                "notes": "",
            },
        )

        assert response.status_code == 200
        assert MentorPair.objects.get(pk=pair.pk).mentor == mentor
