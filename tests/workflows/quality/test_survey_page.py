"""The survey's private page: the token rules of complaint tracking, one answer only."""

import pytest

from workflows.quality.models import Survey

from .factories import SurveyFactory

pytestmark = pytest.mark.django_db

ANSWER = {"attitude": "5", "efficiency": "4", "quality": "4", "problem_solving": "3"}


@pytest.fixture
def survey():
    return SurveyFactory(language="en")


def test_the_holder_of_the_link_sees_the_form_in_their_language(client, survey):
    response = client.get(survey.get_public_url())

    assert response.status_code == 200
    assert b"How did we do?" in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1],  # partial
        lambda t: t[:8],  # short
        lambda t: t + "x",  # longer
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # one character wrong
        lambda t: "x" * 43,  # made up
    ],
    ids=["partial", "short", "longer", "one-wrong", "made-up"],
)
def test_every_wrong_token_is_the_same_404(client, survey, mangle):
    response = client.get(f"/en/survey/{mangle(survey.token)}/")
    answer = client.post(f"/en/survey/{mangle(survey.token)}/", ANSWER)

    assert response.status_code == 404
    assert answer.status_code == 404
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_an_answer_is_stored_once_and_the_page_then_thanks(client, survey):
    url = survey.get_public_url()

    first = client.post(url, {**ANSWER, "comment": "準時送達"})
    second = client.post(url, {**ANSWER, "attitude": "1"})

    assert first.status_code == 302
    assert second.status_code == 200  # the thank-you page, no form
    assert b"data-answered" in second.content
    survey.refresh_from_db()
    assert (survey.attitude, survey.comment) == (5, "準時送達")
    page = client.get(url)
    assert b"data-answered" in page.content
    assert b'name="attitude"' not in page.content


def test_a_missing_score_is_a_400_that_names_it_and_stores_nothing(client, survey):
    response = client.post(survey.get_public_url(), {**ANSWER, "quality": ""})

    assert response.status_code == 400
    assert b"quality" in response.content
    assert Survey.objects.get(pk=survey.pk).answered_at is None
