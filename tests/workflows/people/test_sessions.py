"""Training sessions (P8.2, P8.3): planned, held with attendance, evaluated; HR runs them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.exceptions import (
    CommandPermissionDenied,
    TransitionNotAvailable,
    TransitionPermissionDenied,
)
from workflows.core.models import OutboundMessage
from workflows.people import services
from workflows.people.choices import SessionState as S
from workflows.people.exceptions import SessionNotPlanned
from workflows.people.models import Enrolment, TrainingSession

from .factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db

SESSIONS = "wagtailsnippets_people_trainingsession"
ALL_ROLES = list(roles.ROLE_PERMISSIONS)


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def trainee(db):
    return UserFactory(username="trainee", roles=[roles.SALES])


def state_of(session):
    return TrainingSession.objects.get(pk=session.pk).state


def history(session, action):
    return ModelLogEntry.objects.filter(
        content_type__app_label="people", object_id=str(session.pk), action=action
    )


def held(session, hr, attended=()):
    return services.hold_session(session, user=hr, attended=attended)


class TestPlanning:
    def test_hr_plans_a_session_with_a_number(self, hr):
        session = services.plan_session(TrainingSessionFactory.build(reference=""), user=hr)
        assert session.reference.startswith("TR")
        assert session.state == S.PLANNED
        assert history(session, "wagtail.create").count() == 1

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.HR], ids=str)
    def test_no_other_role_plans(self, staff, role):
        with pytest.raises(CommandPermissionDenied):
            services.plan_session(TrainingSessionFactory.build(), user=staff[role])
        assert not TrainingSession.objects.exists()

    def test_planning_in_the_admin_goes_through_the_command(self, client, hr):
        client.force_login(hr)
        response = client.post(
            reverse(f"{SESSIONS}:add"),
            {
                "title": "合約條款講解",
                "kind": "external",
                "topic": "contracts",
                "trainer": "外部講師",
                "starts_at": "2026-12-01 09:00",
                "place": "台北",
                "audience": "法務、業務",
            },
        )
        assert response.status_code == 302
        assert TrainingSession.objects.get().reference.startswith("TR")


class TestEnrolment:
    def test_hr_enrols_an_employee_who_is_told_once_after_commit(
        self, hr, trainee, django_capture_on_commit_callbacks
    ):
        session = TrainingSessionFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.enrol_employee(session, user=hr, employee=trainee)
            services.enrol_employee(session, user=hr, employee=trainee)
        assert Enrolment.objects.filter(session=session, employee=trainee).count() == 1
        assert OutboundMessage.objects.filter(recipient_user=trainee).count() == 1
        assert len(callbacks) == 1, "delivery waits for the commit, once"

    def test_a_held_session_takes_no_enrolments(self, hr, trainee):
        session = held(TrainingSessionFactory(), hr)
        with pytest.raises(SessionNotPlanned):
            services.enrol_employee(session, user=hr, employee=trainee)
        assert not Enrolment.objects.exists()

    def test_an_employee_cannot_enrol_others(self, trainee):
        with pytest.raises(CommandPermissionDenied):
            services.enrol_employee(TrainingSessionFactory(), user=trainee, employee=trainee)


class TestHolding:
    def test_records_who_attended(self, hr, trainee):
        session = TrainingSessionFactory()
        absent = UserFactory(username="absent")
        services.enrol_employee(session, user=hr, employee=trainee)
        services.enrol_employee(session, user=hr, employee=absent)
        session = held(session, hr, attended=[trainee.pk])
        assert session.state == S.HELD
        attended = dict(session.enrolments.values_list("employee__username", "attended"))
        assert attended == {"trainee": True, "absent": False}
        assert history(session, "people.hold").count() == 1

    @pytest.mark.parametrize("source", ["held", "evaluated", "cancelled"])
    def test_only_a_planned_session_is_held(self, hr, source):
        session = TrainingSessionFactory()
        session = held(session, hr)
        if source == "evaluated":
            session = services.evaluate_session(session, user=hr, evaluation="考試平均 85 分")
        if source == "cancelled":
            session = services.cancel_session(TrainingSessionFactory(), user=hr)
        with pytest.raises(TransitionNotAvailable):
            held(session, hr)
        assert state_of(session) == source


class TestEvaluating:
    def test_records_the_evaluation_and_the_plan_adjustment(self, hr):
        session = held(TrainingSessionFactory(), hr)
        session = services.evaluate_session(
            session, user=hr, evaluation="筆試平均 82 分", plan_adjustment="下季加開實作"
        )
        assert session.state == S.EVALUATED
        assert (session.evaluation, session.plan_adjustment) == ("筆試平均 82 分", "下季加開實作")
        assert history(session, "people.evaluate").count() == 1

    def test_needs_an_evaluation(self, hr):
        session = held(TrainingSessionFactory(), hr)
        with pytest.raises(ValidationError):
            services.evaluate_session(session, user=hr, evaluation="  ")
        assert state_of(session) == S.HELD

    def test_a_planned_session_cannot_be_evaluated(self, hr):
        session = TrainingSessionFactory()
        with pytest.raises(TransitionNotAvailable):
            services.evaluate_session(session, user=hr, evaluation="x")
        assert state_of(session) == S.PLANNED

    def test_only_hr_evaluates(self, hr, staff):
        session = held(TrainingSessionFactory(), hr)
        with pytest.raises(TransitionPermissionDenied):
            services.evaluate_session(session, user=staff[roles.SALES], evaluation="x")
        assert state_of(session) == S.HELD


class TestInTheAdmin:
    def test_hr_evaluates_through_the_form(self, client, hr):
        session = held(TrainingSessionFactory(), hr)
        client.force_login(hr)
        url = reverse(f"{SESSIONS}:transition", args=[session.pk, "evaluate"])
        response = client.post(
            url, {"from_state": S.HELD, "evaluation": "實作測驗全數通過", "note": ""}
        )
        assert response.status_code == 302
        assert state_of(session) == S.EVALUATED

    @pytest.mark.parametrize("role", [r for r in ALL_ROLES if r != roles.HR], ids=str)
    def test_every_other_role_is_refused_by_post(self, client, staff, role):
        session = TrainingSessionFactory()
        client.force_login(staff[role])
        url = reverse(f"{SESSIONS}:transition", args=[session.pk, "hold"])
        assert client.post(url, {"from_state": S.PLANNED}).status_code == 403
        assert state_of(session) == S.PLANNED
        assert not history(session, "people.hold").exists()

    def test_the_listing_query_count_does_not_grow(self, client, hr, django_assert_max_num_queries):
        client.force_login(hr)
        TrainingSessionFactory()
        url = reverse(f"{SESSIONS}:list")
        with django_assert_max_num_queries(60) as one:
            assert client.get(url).status_code == 200
        TrainingSessionFactory.create_batch(30)
        with django_assert_max_num_queries(len(one.captured_queries)):
            assert client.get(url).status_code == 200
