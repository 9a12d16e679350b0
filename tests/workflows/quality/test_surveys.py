"""Satisfaction surveys (P7.2): sent once per occasion, answered once, reminded once."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.complaints.factories import ComplaintFactory, make_contract
from workflows.complaints.models import Complaint
from workflows.core.models import OutboundMessage
from workflows.leasing.models import Contract
from workflows.quality.choices import SurveyOccasion
from workflows.quality.exceptions import SurveyNotAccepted
from workflows.quality.models import QualitySettings, Survey
from workflows.quality.services import (
    answer_survey,
    remind_unanswered,
    send_survey,
    survey_active_customers,
    survey_after_delivery,
    survey_closed_complaints,
)

from .factories import SurveyFactory

pytestmark = pytest.mark.django_db

SCORES = {"attitude": 5, "efficiency": 4, "quality": 4, "problem_solving": 3}


def history(survey, action):
    return ModelLogEntry.objects.filter(object_id=str(survey.pk), action=action)


class TestSendSurvey:
    def test_asks_once_per_occasion_after_commit(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            first = send_survey(SurveyFactory.build(occasion_key="complaint:1"))
        again = send_survey(SurveyFactory.build(occasion_key="complaint:1"))

        assert again.pk == first.pk
        assert Survey.objects.count() == 1
        messages = OutboundMessage.objects.filter(template="quality/survey")
        assert messages.count() == 1
        assert first.get_public_url() in messages.get().body
        assert len(callbacks) == 1  # delivered after commit, once
        assert history(first, "quality.send_survey").count() == 1

    def test_without_email_it_asks_by_sms(self):
        survey = send_survey(SurveyFactory.build(email="", phone="0912-345-678"))

        assert OutboundMessage.objects.get(object_id=str(survey.pk)).template == (
            "quality/survey_sms"
        )

    def test_staff_may_not_send_one_in_a_customers_name(self):
        with pytest.raises(PermissionDenied):
            send_survey(SurveyFactory.build(), user=UserFactory(is_staff=True))
        assert not Survey.objects.exists()

    def test_after_delivery_asks_once_per_delivered_record(self):
        contract = make_contract()
        employee = UserFactory()

        survey = survey_after_delivery(contract, customer=contract.customer, employee=employee)
        survey_after_delivery(contract, customer=contract.customer, employee=employee)

        assert Survey.objects.count() == 1
        assert survey.occasion == SurveyOccasion.DELIVERY_ACCEPTED
        assert survey.source == contract
        assert survey.employee == employee


class TestAnswerSurvey:
    def test_stores_every_score_and_the_comment(self):
        survey = SurveyFactory()

        answered = answer_survey(survey, comment=" 很好 ", **SCORES)

        assert answered.answered_at is not None
        assert (answered.attitude, answered.problem_solving, answered.comment) == (5, 3, "很好")
        assert answered.average == pytest.approx(4.0)
        assert history(survey, "quality.answer_survey").count() == 1

    def test_a_second_answer_is_refused_and_the_first_kept(self):
        survey = SurveyFactory()
        answer_survey(survey, **SCORES)

        with pytest.raises(SurveyNotAccepted) as refused:
            answer_survey(survey, **{**SCORES, "attitude": 1})

        assert refused.value.code == "already_answered"
        survey.refresh_from_db()
        assert survey.attitude == 5
        assert history(survey, "quality.answer_survey").count() == 1

    @pytest.mark.parametrize("bad", [0, 6, None])
    def test_a_score_out_of_range_names_its_field(self, bad):
        survey = SurveyFactory()

        with pytest.raises(SurveyNotAccepted) as refused:
            answer_survey(survey, **{**SCORES, "efficiency": bad})

        assert "efficiency" in refused.value.message_dict
        survey.refresh_from_db()
        assert survey.answered_at is None

    def test_staff_may_not_answer_in_the_customers_place(self):
        survey = SurveyFactory()

        with pytest.raises(PermissionDenied):
            answer_survey(survey, user=UserFactory(is_staff=True), **SCORES)

        survey.refresh_from_db()
        assert survey.answered_at is None


class TestReminders:
    def test_one_reminder_after_the_set_days_and_never_a_second(self):
        now = timezone.now()
        old = SurveyFactory(sent_at=now - timedelta(days=8))
        recent = SurveyFactory(sent_at=now - timedelta(days=2))
        done = SurveyFactory(sent_at=now - timedelta(days=9))
        answer_survey(done, **SCORES)

        assert remind_unanswered(now=now) == 1
        assert remind_unanswered(now=now + timedelta(days=30)) == 1  # only `recent`, now due
        assert remind_unanswered(now=now + timedelta(days=60)) == 0

        reminders = OutboundMessage.objects.filter(template="quality/survey_reminder")
        assert sorted(reminders.values_list("object_id", flat=True)) == sorted(
            [str(old.pk), str(recent.pk)]
        )
        assert history(old, "quality.remind_survey").count() == 1
        assert not history(done, "quality.remind_survey").exists()


class TestJobs:
    def test_a_recently_closed_complaint_is_surveyed_once(self):
        investigator = UserFactory()
        closed = ComplaintFactory(language="en")
        Complaint.objects.filter(pk=closed.pk).update(
            state="closed",
            closed_at=timezone.now() - timedelta(days=1),
            root_cause="process",
            corrective_action="改善流程",
            department="sales",
            investigator=investigator,
        )
        ComplaintFactory()  # still open

        assert survey_closed_complaints() == 1
        assert survey_closed_complaints() == 0

        survey = Survey.objects.get()
        assert (survey.occasion, survey.language, survey.employee) == (
            SurveyOccasion.COMPLAINT_CLOSED,
            "en",
            investigator,
        )
        assert survey.get_public_url().startswith("/en/survey/")

    def test_a_customer_with_a_running_lease_is_asked_every_period(self):
        contract = make_contract()
        Contract.objects.filter(pk=contract.pk).update(
            state="signed", signed_at=timezone.now() - timedelta(days=5)
        )
        make_contract()  # a draft: the customer is not active

        assert survey_active_customers() == 1
        assert survey_active_customers() == 0
        later = timezone.now() + timedelta(days=QualitySettings.load().periodic_survey_days + 1)
        Contract.objects.filter(pk=contract.pk).update(
            period_end=timezone.localdate(later) + timedelta(days=1)
        )
        assert survey_active_customers(now=later) == 1
        assert Survey.objects.filter(customer=contract.customer).count() == 2

    def test_the_periodic_survey_can_be_switched_off(self):
        settings = QualitySettings.load()
        settings.periodic_survey_days = 0
        settings.save()
        contract = make_contract()
        Contract.objects.filter(pk=contract.pk).update(state="signed")

        assert survey_active_customers() == 0
