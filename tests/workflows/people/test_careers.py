"""Promotions and rotations (P8.4, P7.5) and mentor pairs (P8.2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.exceptions import (
    CommandPermissionDenied,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.models import OutboundMessage
from workflows.people import career_services as services
from workflows.people.choices import MoveState as M
from workflows.people.choices import PairState as P
from workflows.people.models import CareerMove, MentorPair, StaffProfile

from .factories import CareerMoveFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db

MOVES = "wagtailsnippets_people_careermove"
PAIRS = "wagtailsnippets_people_mentorpair"
REFUSED = (CommandPermissionDenied, TransitionPermissionDenied)


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def boss(staff):
    return staff[roles.MANAGEMENT]


@pytest.fixture
def employee(db):
    return UserFactory(username="wei", first_name="林志偉", roles=[roles.SALES])


def history(record, action):
    return ModelLogEntry.objects.filter(
        content_type__app_label="people", object_id=str(record.pk), action=action
    )


def proposed(hr, employee, **fields):
    move = CareerMoveFactory.build(employee=employee, reference="", **fields)
    return services.propose_career_move(move, user=hr)


def state_of(record):
    return type(record).objects.get(pk=record.pk).state


class TestCareerMoves:
    def test_hr_proposes_with_the_current_post_recorded(self, hr, employee):
        StaffProfileFactory(user=employee, department="Sales", position="業務專員", level=2)
        move = proposed(hr, employee)
        assert move.reference.startswith("CM")
        assert (move.from_department, move.from_position, move.from_level) == (
            "Sales",
            "業務專員",
            2,
        )
        assert move.state == M.PROPOSED and move.due_at is not None
        assert history(move, "wagtail.create").count() == 1

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR], ids=str)
    def test_only_hr_proposes(self, staff, employee, role):
        with pytest.raises(CommandPermissionDenied):
            proposed(staff[role], employee)
        assert not CareerMove.objects.exists()

    def test_management_approves_and_hr_makes_it_effective_on_the_profile(
        self, hr, boss, employee, django_capture_on_commit_callbacks
    ):
        StaffProfileFactory(user=employee, department="Sales", position="業務專員", level=2)
        move = proposed(hr, employee, to_department="Customer Service", to_position="客服組長")
        move = services.approve_career_move(move, user=boss, note="同意")
        assert move.state == M.APPROVED and move.due_at is None
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            move = services.make_career_move_effective(move, user=hr)
        assert move.state == M.EFFECTIVE
        profile = StaffProfile.objects.get(user=employee)
        assert (profile.department, profile.position, profile.track, profile.level) == (
            "Customer Service",
            "客服組長",
            "professional",
            4,
        )
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 1
        assert len(callbacks) == 1
        for action in ("people.approve", "people.make_effective"):
            assert history(move, action).count() == 1

    def test_a_profile_is_created_for_an_employee_without_one(self, hr, boss, employee):
        move = services.approve_career_move(proposed(hr, employee, kind="rotation"), user=boss)
        services.make_career_move_effective(move, user=hr)
        assert StaffProfile.objects.get(user=employee).position == "資深業務專員"

    def test_hr_cannot_approve_and_management_cannot_make_effective(self, hr, boss, employee):
        move = proposed(hr, employee)
        with pytest.raises(REFUSED):
            services.approve_career_move(move, user=hr)
        assert state_of(move) == M.PROPOSED
        move = services.approve_career_move(move, user=boss)
        with pytest.raises(REFUSED):
            services.make_career_move_effective(move, user=boss)
        assert state_of(move) == M.APPROVED
        assert not StaffProfile.objects.exists()

    def test_not_effective_before_its_date(self, hr, boss, employee):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        move = services.approve_career_move(
            proposed(hr, employee, effective_on=tomorrow), user=boss
        )
        with translation.override("en"), pytest.raises(TransitionNotAvailable) as error:
            services.make_career_move_effective(move, user=hr)
        assert "not before" in str(error.value.reason)
        assert state_of(move) == M.APPROVED and not StaffProfile.objects.exists()

    def test_declining_needs_a_reason_and_ends_it(self, hr, boss, employee):
        move = proposed(hr, employee)
        with pytest.raises(ValidationError):
            services.decline_career_move(move, user=boss, note="  ")
        move = services.decline_career_move(move, user=boss, note="本年度無職缺")
        assert move.state == M.DECLINED
        assert history(move, "people.decline").get().data["note"] == "本年度無職缺"
        for run in (services.approve_career_move, services.make_career_move_effective):
            with pytest.raises(TransitionNotAvailable):
                run(move, user=boss if run is services.approve_career_move else hr)

    def test_effective_is_final(self, hr, boss, employee):
        move = services.approve_career_move(proposed(hr, employee), user=boss)
        move = services.make_career_move_effective(move, user=hr)
        with pytest.raises(TransitionNotAvailable):
            services.make_career_move_effective(move, user=hr)
        with pytest.raises(TransitionNotAvailable):
            services.decline_career_move(move, user=boss, note="x")
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 1

    @pytest.mark.parametrize(
        "role", [r for r in roles.ROLE_PERMISSIONS if r != roles.MANAGEMENT], ids=str
    )
    def test_approval_by_post_is_refused_to_every_other_role(
        self, client, hr, staff, employee, role
    ):
        move = proposed(hr, employee)
        client.force_login(staff[role])
        for name in ("approve", "decline"):
            url = reverse(f"{MOVES}:transition", args=[move.pk, name])
            assert client.post(url, {"from_state": M.PROPOSED, "note": "x"}).status_code == 403
        assert state_of(move) == M.PROPOSED

    def test_hr_edits_a_move_only_while_it_is_proposed(self, client, hr, boss, employee):
        move = proposed(hr, employee)
        client.force_login(hr)
        url = reverse(f"{MOVES}:edit", args=[move.pk])
        assert client.get(url).status_code == 200
        services.approve_career_move(move, user=boss)
        response = client.post(url, {"to_position": "總經理"})
        assert response.status_code == 302
        assert response.url == reverse(f"{MOVES}:inspect", args=[move.pk])
        assert CareerMove.objects.get(pk=move.pk).to_position == "資深業務專員"

    def test_management_declines_through_the_form(self, client, hr, boss, employee):
        move = proposed(hr, employee)
        client.force_login(boss)
        url = reverse(f"{MOVES}:transition", args=[move.pk, "decline"])
        assert client.post(url, {"from_state": M.PROPOSED, "note": ""}).status_code == 200
        assert state_of(move) == M.PROPOSED
        response = client.post(url, {"from_state": M.PROPOSED, "note": "預算不足"})
        assert response.status_code == 302 and state_of(move) == M.DECLINED


class TestMentorPairs:
    def paired(self, hr, mentor, mentee, reason="new_staff"):
        return services.pair_mentor(
            MentorPair(mentor=mentor, mentee=mentee, reason=reason), user=hr
        )

    def test_hr_pairs_and_the_profile_names_the_mentor_both_told_once(
        self, hr, employee, django_capture_on_commit_callbacks
    ):
        mentor = UserFactory(username="senior")
        StaffProfileFactory(user=employee)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            pair = self.paired(hr, mentor, employee)
        assert pair.state == P.ACTIVE
        assert StaffProfile.objects.get(user=employee).mentor == mentor
        assert OutboundMessage.objects.filter(recipient_user=mentor).count() == 1
        assert OutboundMessage.objects.filter(recipient_user=employee).count() == 1
        assert len(callbacks) == 2
        assert history(pair, "wagtail.create").count() == 1

    def test_one_active_mentor_per_mentee_and_nobody_mentors_themselves(self, hr, employee):
        self.paired(hr, UserFactory(username="m1"), employee)
        with pytest.raises(ValidationError):
            self.paired(hr, UserFactory(username="m2"), employee)
        with pytest.raises(ValidationError):
            self.paired(hr, employee, employee)
        assert MentorPair.objects.count() == 1
        with pytest.raises(IntegrityError), transaction.atomic():
            MentorPair.objects.create(
                mentor=UserFactory(username="m3"), mentee=employee, reason="x"
            )

    def test_ending_a_pair_frees_the_mentee_and_clears_the_profile(self, hr, employee):
        mentor = UserFactory(username="senior")
        StaffProfileFactory(user=employee)
        pair = self.paired(hr, mentor, employee)
        pair = services.end_mentor_pair(pair, user=hr, note="試用期結束")
        assert pair.state == P.ENDED and pair.ends_on == timezone.localdate()
        assert StaffProfile.objects.get(user=employee).mentor is None
        assert history(pair, "people.end").count() == 1
        with pytest.raises(TransitionNotAvailable):
            services.end_mentor_pair(pair, user=hr)
        coaching = self.paired(hr, UserFactory(username="coach"), employee, reason="coaching")
        assert coaching.state == P.ACTIVE

    @pytest.mark.parametrize("role", [r for r in roles.ROLE_PERMISSIONS if r != roles.HR], ids=str)
    def test_only_hr_pairs_and_ends(self, client, hr, staff, employee, role):
        with pytest.raises(CommandPermissionDenied):
            self.paired(staff[role], UserFactory(username="m"), employee)
        pair = self.paired(hr, UserFactory(username="m"), employee)
        client.force_login(staff[role])
        url = reverse(f"{PAIRS}:transition", args=[pair.pk, "end"])
        assert client.post(url, {"from_state": P.ACTIVE}).status_code == 403
        assert state_of(pair) == P.ACTIVE
