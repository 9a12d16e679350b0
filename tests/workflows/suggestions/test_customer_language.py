"""The proposer reads our sentences in their own language, never in the language of the
staff member who decided (P9.7): the tracking page writes stored codes when it is read,
and the messages to the proposer are written in the suggestion's language."""

import opencc
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from workflows.suggestions import services
from workflows.suggestions.choices import SuggestionState as S

from .conftest import later
from .helpers import messages

pytestmark = pytest.mark.django_db

to_traditional = opencc.OpenCC("s2t").convert
ADOPTED_HANT = "您的建議已獲採納。我們會在此告知您實施進度。"


@pytest.fixture
def simplified(evaluator):
    """The evaluating department's member works in the admin in Simplified Chinese."""
    profile = UserProfile.get_for_user(evaluator)
    profile.preferred_language = "zh-hans"
    profile.save()
    return evaluator


def tracking(suggestion, language):
    with translation.override(language):  # the site's own language has no prefix
        url = reverse("track", args=[suggestion.tracking_token])
    response = Client().get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {
        "stage": page.select_one("[data-stage]").get_text(strip=True),
        "update_stages": [s.get_text(strip=True) for s in page.select(".tracking__update-stage")],
        "updates": [li.p.get_text("\n", strip=True) for li in page.select("[data-update]")],
    }


@pytest.fixture
def adopted(home_page, make, simplified, owner, django_capture_on_commit_callbacks):
    suggestion = make(S.EVALUATED, language="zh-hant")
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        return services.adopt_suggestion(
            suggestion,
            user=simplified,
            implementation_plan="修改交付檢查表",
            owner=owner,
            target_date=later(),
        )


class TestATraditionalChineseProposer:
    def test_reads_the_adoption_in_traditional_chinese(self, adopted):
        page = tracking(adopted, "zh-hant")

        assert page["stage"] == "已採納"
        assert page["update_stages"] == ["已採納"]
        assert page["updates"] == [ADOPTED_HANT]
        for text in (page["stage"], *page["updates"]):
            assert to_traditional(text) == text

    def test_a_reader_of_the_english_page_reads_english(self, adopted):
        page = tracking(adopted, "en")

        assert page["stage"] == "Adopted"
        assert page["updates"] == [
            "Your suggestion has been adopted. We will tell you here how its implementation "
            "progresses."
        ]

    def test_is_emailed_in_traditional_chinese(self, adopted):
        email = messages("adopted").get()

        assert ADOPTED_HANT in email.body
        assert "您的建议" not in email.body

    def test_a_decline_shows_the_reason_as_typed_and_our_thanks_in_the_readers_language(
        self, home_page, make, simplified
    ):
        suggestion = make(S.EVALUATED, language="zh-hant")
        with translation.override("zh-hans"):
            suggestion = services.decline_suggestion(
                suggestion, user=simplified, decline_reason="目前成本過高"
            )

        assert tracking(suggestion, "zh-hant")["updates"] == ["目前成本過高\n感謝您的建議。"]
        assert tracking(suggestion, "en")["updates"] == [
            "目前成本過高\nThank you for your suggestion."
        ]
