"""The training-needs survey (P8.3): every employee answers, HR reads the answers."""

import pytest
from django.urls import reverse

from learning.models import TrainingNeedsAnswer
from tests.factories import UserFactory
from workflows.core import roles

pytestmark = pytest.mark.django_db


def field_names(survey):
    return [field.clean_name for field in survey.get_form_fields()]


class TestAnswering:
    def test_an_employee_answers_and_the_answer_is_theirs(self, client, survey):
        employee = UserFactory(username="learner", roles=[roles.AFTER_SALES])
        client.force_login(employee)
        first, second = field_names(survey)
        response = client.post(survey.url, {first: "設備保養", second: "線上學習"})
        assert response.status_code == 200
        stored = TrainingNeedsAnswer.objects.get()
        assert stored.employee == employee
        assert stored.get_data()[first] == "設備保養"
        assert "no-store" in response["Cache-Control"]

    def test_answering_again_replaces_the_earlier_answer(self, client, survey):
        client.force_login(UserFactory(username="learner", roles=[roles.SALES]))
        first, second = field_names(survey)
        client.post(survey.url, {first: "合約條款", second: "內部培訓"})
        client.post(survey.url, {first: "租金計算", second: "線上學習"})
        assert TrainingNeedsAnswer.objects.get().get_data()[first] == "租金計算"

    def test_anonymous_visitors_cannot_answer(self, client, survey):
        first, second = field_names(survey)
        response = client.post(survey.url, {first: "x", second: "線上學習"})
        assert response.status_code == 302
        assert not TrainingNeedsAnswer.objects.exists()


class TestReading:
    def test_hr_reads_the_answers(self, client, staff, survey):
        client.force_login(staff[roles.SALES])
        first, second = field_names(survey)
        client.post(survey.url, {first: "投訴處理", second: "內部培訓"})
        client.force_login(staff[roles.HR])
        response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
        assert response.status_code == 200
        assert "投訴處理" in response.content.decode()

    @pytest.mark.parametrize("role", [roles.MARKETING, roles.SALES], ids=str)
    def test_others_do_not(self, client, staff, survey, role):
        client.force_login(staff[role])
        response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
        assert response.status_code == 403
