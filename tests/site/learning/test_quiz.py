"""A course's quiz is scored on the server and each attempt is stored once (P8.2)."""

import uuid

import pytest

from tests.factories import UserFactory
from workflows.core import roles
from workflows.people.models import QuizAttempt

from .factories import CoursePageFactory

pytestmark = pytest.mark.django_db

Q1 = "q-00000000-0000-0000-0000-000000000001"
Q2 = "q-00000000-0000-0000-0000-000000000002"


@pytest.fixture
def employee(client, staff):
    user = UserFactory(username="learner", roles=[roles.AFTER_SALES])
    client.force_login(user)
    return user


def answer(client, course, token=None, **answers):
    data = {"attempt": str(token or uuid.uuid4()), **answers}
    return client.post(course.url, data)


class TestTakingTheQuiz:
    def test_the_right_answers_pass_and_are_stored_against_the_employee(
        self, client, employee, course
    ):
        response = answer(client, course, **{Q1: "2", Q2: "1"})
        assert response.status_code == 200
        attempt = QuizAttempt.objects.get()
        assert (attempt.employee, attempt.course_id) == (employee, course.pk)
        assert (attempt.correct, attempt.questions, attempt.score, attempt.passed) == (
            2,
            2,
            100,
            True,
        )
        assert "100%" in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_the_score_is_computed_on_the_server(self, client, employee, course):
        answer(client, course, score="100", passed="on", correct="2", **{Q1: "1", Q2: "1"})
        attempt = QuizAttempt.objects.get()
        assert (attempt.correct, attempt.score, attempt.passed) == (1, 50, False)

    def test_an_unanswered_question_counts_as_wrong(self, client, employee, course):
        answer(client, course, **{Q1: "2"})
        assert QuizAttempt.objects.get().score == 50

    def test_the_same_attempt_sent_twice_is_stored_once(self, client, employee, course):
        token = uuid.uuid4()
        answer(client, course, token, **{Q1: "2", Q2: "1"})
        answer(client, course, token, **{Q1: "1", Q2: "2"})
        attempt = QuizAttempt.objects.get()
        assert attempt.score == 100

    def test_each_new_attempt_is_stored(self, client, employee, course):
        answer(client, course, **{Q1: "1", Q2: "1"})
        answer(client, course, **{Q1: "2", Q2: "1"})
        assert sorted(QuizAttempt.objects.values_list("score", flat=True)) == [50, 100]

    def test_the_form_never_carries_the_right_answers(self, client, employee, course):
        html = client.get(course.url).content.decode()
        quiz = html[
            html.index('<section class="quiz"') : html.index(
                "</section>", html.index('<section class="quiz"')
            )
        ]
        assert 'name="attempt"' in quiz
        assert "correct" not in quiz and "checked" not in quiz

    def test_a_forged_attempt_token_is_refused(self, client, employee, course):
        response = client.post(course.url, {"attempt": "not-a-token", Q1: "2"})
        assert response.status_code == 400
        assert not QuizAttempt.objects.exists()

    def test_a_course_without_a_quiz_stores_nothing(self, client, employee, courses):
        course = CoursePageFactory(parent=courses, slug="no-quiz", quiz=[])
        assert answer(client, course).status_code == 400
        assert not QuizAttempt.objects.exists()
