"""The proposer's private tracking link (P9.7): the stage and published updates, nothing else."""

import re

import pytest
from django.urls import reverse

from workflows.core import roles
from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

from .conftest import later

pytestmark = pytest.mark.django_db

INTERNAL = ["評估意見：內部保密", "內部實施計畫", "內部備註"]


def without_addresses(html):
    return re.sub(r"/track/[^/\"]*/", "/track/…/", html)


def track(client, token):
    return client.get(reverse("track", args=[token]))


@pytest.fixture
def implementing(make, staff, evaluator, owner):
    """A suggestion adopted with internal notes, with one progress update published."""
    suggestion = make(S.UNDER_EVALUATION, language="en")
    suggestion = services.evaluate_suggestion(
        suggestion,
        user=evaluator,
        feasibility=3,
        novelty=3,
        value=4,
        evaluation_remark=INTERNAL[0],
        note=INTERNAL[2],
    )
    suggestion = services.adopt_suggestion(
        suggestion,
        user=evaluator,
        implementation_plan=INTERNAL[1],
        owner=owner,
        target_date=later(),
        note=INTERNAL[2],
    )
    return services.start_implementation(
        suggestion, user=owner, progress="We are redesigning the form."
    )


class TestTheRightLink:
    def test_shows_the_stage_and_the_published_updates(self, client, implementing):
        response = track(client, implementing.tracking_token)

        assert response.status_code == 200
        assert implementing.reference in response.text
        assert "Being implemented" in response.text
        assert "We are redesigning the form." in response.text
        assert "Your suggestion has been adopted." in response.text

    def test_shows_no_internal_note_and_no_staff_name(self, client, staff, implementing):
        page = track(client, implementing.tracking_token).text

        for text in INTERNAL:
            assert text not in page
        for user in (staff[roles.AFTER_SALES], staff[roles.FINANCE], staff[roles.CUSTOMER_SERVICE]):
            assert user.get_full_name() not in page
            assert user.get_username() not in page

    @pytest.mark.parametrize(
        ("state", "stage"),
        [
            (S.RECEIVED, "Received"),
            (S.CLASSIFIED, "Being evaluated"),
            (S.UNDER_EVALUATION, "Being evaluated"),
            (S.EVALUATED, "Being evaluated"),
            (S.FOR_DISCUSSION, "To be discussed in a meeting"),
            (S.ADOPTED, "Adopted"),
            (S.IMPLEMENTED, "Implemented"),
            (S.DECLINED, "Not adopted"),
        ],
    )
    def test_names_each_stage_in_the_proposers_words(self, client, make, state, stage):
        suggestion = make(state)

        response = track(client, suggestion.tracking_token)

        assert f"<strong data-stage>{stage}</strong>" in response.text

    def test_is_never_cached_nor_indexed(self, client, make):
        response = track(client, make().tracking_token)

        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


class TestAnyOtherLink:
    @pytest.mark.parametrize(
        "token",
        [
            lambda s: s.tracking_token[:-1],
            lambda s: s.tracking_token[:20],
            lambda s: s.tracking_token[::-1],
            lambda s: s.reference,
            lambda s: str(s.pk),
            lambda s: "x" * 43,
        ],
        ids=["one character short", "truncated", "reversed", "reference", "pk", "made up"],
    )
    def test_shows_nothing_and_looks_like_every_other_wrong_link(self, client, make, token):
        suggestion = make()
        wrong = token(suggestion)

        response = track(client, wrong)
        unknown = track(client, "y" * 43)

        assert response.status_code == 404
        # The page repeats the address asked for (language links); beyond that it says nothing.
        page = without_addresses(response.text)
        assert suggestion.reference not in page
        assert suggestion.subject not in page
        assert page == without_addresses(unknown.text)
