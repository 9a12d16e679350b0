"""The visitor chooses the language of our replies on every public form, the page's by
default; the record keeps it, and what we send them is written in it (P1.1, P9.1, P9.7)."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.workflows.complaints.factories import ComplaintMessageFactory
from tests.workflows.suggestions.factories import SuggestionFormFactory, SuggestionFormPageFactory
from workflows.complaints.models import Complaint
from workflows.consultations import services as consultation_services
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.models import OutboundMessage
from workflows.suggestions.models import Suggestion

from .complaint_fixtures import (  # noqa: F401
    COMPLAINT_URL,
    complaint_page_fixture,
    contact_fixture,
    fresh_storage_fixture,
)
from .conftest import FORM_URL
from .factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db

SUGGESTION_URL = "/en/suggestion/"


@pytest.fixture
def suggestion_page(home_page):
    return SuggestionFormPageFactory(parent=home_page)


class TestTheChoice:
    def test_is_a_labelled_list_of_the_sites_languages_in_their_own_names(
        self, client, field_block, form_page
    ):
        block = field_block(client.get(FORM_URL), "language")

        select = block.select_one("select[name=language]")
        assert block.select_one(f"label[for={select['id']}]").get_text(strip=True) == "Reply in"
        assert [(o["value"], o.get_text()) for o in select.select("option")] == [
            ("zh-hant", "繁體中文"),
            ("zh-hans", "简体中文"),
            ("en", "English"),
        ]

    def test_defaults_to_the_language_of_the_page(self, client, field_block, form_page):
        for language in ("en", "zh-hans", settings.LANGUAGE_CODE):
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            response = client.get(f"{prefix}/message/")
            selected = field_block(response, "language").select_one("option[selected]")
            assert selected["value"] == language


class TestTheRecordKeepsIt:
    def test_a_consultation_and_its_acknowledgement(self, send, form_page):
        send(ConsultationMessageFactory(language="zh-hans"))

        consultation = Consultation.objects.get()
        assert consultation.language == "zh-hans"
        acknowledgement = OutboundMessage.objects.get(template="consultations/acknowledgement")
        assert "感谢您与我们联系" in acknowledgement.body

    def test_a_consultation_sent_without_a_choice_takes_the_pages(self, send, form_page):
        data = ConsultationMessageFactory()
        data.pop("language", None)

        send(data)

        assert Consultation.objects.get().language == "en"

    def test_a_complaint(self, send, complaint_page):
        send(ComplaintMessageFactory(language="zh-hant"), url=COMPLAINT_URL)

        assert Complaint.objects.get().language == "zh-hant"

    def test_a_suggestion(self, send, suggestion_page):
        send(SuggestionFormFactory(language="zh-hans"), url=SUGGESTION_URL)

        assert Suggestion.objects.get().language == "zh-hans"


class TestTheReply:
    def test_is_written_in_the_consultations_language_not_the_staff_members(
        self, send, form_page, staff, django_capture_on_commit_callbacks
    ):
        send(ConsultationMessageFactory(language="zh-hant"))
        consultation = Consultation.objects.get()

        with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
            consultation_services.answer_consultation(
                consultation, user=staff[roles.CUSTOMER_SERVICE], reply="月租為八萬元。"
            )

        reply = OutboundMessage.objects.get(template="consultations/reply")
        assert "您的問題" in reply.body
        assert "您的问题" not in reply.body
