"""Training needs of an approved assessment enrol the employee in matching planned sessions
of training (P7.5, P8.3)."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.people.factories import TrainingSessionFactory
from workflows.core.models import OutboundMessage
from workflows.core.roles import HR, MANAGEMENT, SALES
from workflows.people.models import Enrolment
from workflows.quality.choices import AssessmentState
from workflows.quality.models import Assessment
from workflows.quality.services import approve_assessment, review_assessment
from workflows.quality.services.training import topic_of

from .factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr():
    return UserFactory(roles=[HR])


@pytest.fixture
def sam():
    return UserFactory(roles=[SALES])


def reviewed(employee, needs):
    assessment = AssessmentFactory(employee=employee)
    Assessment.objects.filter(pk=assessment.pk).update(state=AssessmentState.COMPUTED)
    return review_assessment(
        Assessment.objects.get(pk=assessment.pk),
        user=UserFactory(roles=[MANAGEMENT]),
        manager_comment="需加強",
        training_needs=needs,
    )


def sessions_of(employee):
    return set(Enrolment.objects.filter(employee=employee).values_list("session_id", flat=True))


def test_a_missed_kpi_enrols_in_the_next_planned_session_of_its_topic(hr, sam):
    soon = timezone.now() + timedelta(days=3)
    later = TrainingSessionFactory(topic="contracts", starts_at=soon + timedelta(days=20))
    first = TrainingSessionFactory(topic="contracts", starts_at=soon)
    TrainingSessionFactory(topic="contracts", starts_at=timezone.now() - timedelta(days=1))
    TrainingSessionFactory(topic="rent", starts_at=soon)
    cancelled = TrainingSessionFactory(topic="contracts", starts_at=soon - timedelta(days=1))
    type(cancelled).objects.filter(pk=cancelled.pk).update(state="cancelled")
    assessment = reviewed(sam, "Contract first-pass legal approval\n")

    approve_assessment(assessment, user=hr)

    assert sessions_of(sam) == {first.pk}
    assert later.pk not in sessions_of(sam)
    assert (
        OutboundMessage.objects.filter(template="people/enrolled", recipient_user=sam).count() == 1
    )


def test_the_needs_as_written_in_chinese_match_too(hr, sam):
    with translation.override("zh-hant"):
        from workflows.quality.kpi import registry

        label = str(registry()["payment_collection"].label)
    rent = TrainingSessionFactory(topic="rent")

    approve_assessment(reviewed(sam, f"  {label}  "), user=hr)

    assert sessions_of(sam) == {rent.pk}


def test_a_topic_or_a_session_title_written_by_the_manager_matches(hr, sam):
    equipment = TrainingSessionFactory(topic="equipment", title="挖土機操作保養")
    teamwork = TrainingSessionFactory(topic="teamwork", title="跨部門合作工作坊")

    approve_assessment(reviewed(sam, "Business knowledge: equipment\n合作工作坊"), user=hr)

    assert sessions_of(sam) == {equipment.pk, teamwork.pk}


def test_two_needs_of_one_topic_enrol_once_and_what_finds_nothing_is_in_the_history(hr, sam):
    service = TrainingSessionFactory(topic="service")
    needs = "Complaint satisfaction\nConsultation reply timeliness\n\n領導統御"

    assessment = approve_assessment(reviewed(sam, needs), user=hr)

    assert Enrolment.objects.filter(employee=sam).count() == 1
    assert sessions_of(sam) == {service.pk}
    entry = ModelLogEntry.objects.get(object_id=str(assessment.pk), action="quality.enrol_training")
    assert str(service) in entry.data["note"]
    assert "領導統御" in entry.data["note"]


def test_an_employee_already_enrolled_is_not_enrolled_twice(hr, sam):
    service = TrainingSessionFactory(topic="service")
    Enrolment.objects.create(session=service, employee=sam)

    approve_assessment(reviewed(sam, "Complaint satisfaction"), user=hr)

    assert Enrolment.objects.filter(employee=sam).count() == 1


def test_without_training_needs_nothing_is_enrolled_or_logged(hr, sam):
    TrainingSessionFactory(topic="service")

    assessment = approve_assessment(reviewed(sam, ""), user=hr)

    assert assessment.state == AssessmentState.APPROVED
    assert not Enrolment.objects.exists()
    assert not ModelLogEntry.objects.filter(action="quality.enrol_training").exists()


def test_topics_of_lines():
    assert topic_of("Repair turnaround") == "equipment"
    assert topic_of("skills") == "skills"
    assert topic_of("unknown need") == ""
