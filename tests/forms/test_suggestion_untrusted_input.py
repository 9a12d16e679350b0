"""Markup typed into the public suggestion form is kept as written and shown as text.

It reaches the admin listing, the inspect page, the History, the notification
emails and the Excel export; in each it must arrive as the same literal text (P9.7).
"""

import io

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.workflows.suggestions.factories import SuggestionFormFactory, SuggestionFormPageFactory
from workflows.core import roles
from workflows.core.models import OutboundMessage
from workflows.suggestions import services
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_suggestions_suggestion"
FORM_URL = "/en/suggestion/"

MARKUP = {
    "proposer_name": '<script>alert("name")</script>王',
    "company": "<img src=x onerror=alert('company')>",
    "subject": '<b>Faster</b> & <a href="javascript:alert(1)">delivery</a>',
    "description": '</textarea><script>alert("text")</script> &lt;already escaped&gt;',
}
STORED_AS = {"company": "proposer_company"}
#: What the listing shows: the subject, and the proposer with their company.
LISTED = ["proposer_name", "company", "subject"]


@pytest.fixture
def suggestion(send, home_page):
    SuggestionFormPageFactory(parent=home_page)
    response = send(SuggestionFormFactory(**MARKUP), url=FORM_URL)
    assert response.status_code == 302
    return Suggestion.objects.get()


@pytest.fixture
def customer_service(cs):
    browser = Client()
    browser.force_login(cs)
    return browser


def test_every_field_is_stored_as_the_literal_text(suggestion):
    for field, text in MARKUP.items():
        assert getattr(suggestion, STORED_AS.get(field, field)) == text


@pytest.mark.parametrize("field", LISTED)
def test_the_admin_listing_shows_it_as_text(suggestion, customer_service, field):
    page = customer_service.get(reverse(f"{URLS}:list")).text

    assert escape(MARKUP[field]) in page
    assert MARKUP[field] not in page


@pytest.mark.parametrize("field", MARKUP)
def test_the_inspect_page_shows_it_as_text(suggestion, customer_service, field):
    page = customer_service.get(reverse(f"{URLS}:inspect", args=[suggestion.pk])).text

    assert escape(MARKUP[field]) in page
    assert MARKUP[field] not in page


def test_the_history_shows_it_as_text(suggestion, customer_service, cs, staff):
    services.classify_suggestion(
        suggestion, user=cs, category="service", department=roles.SALES, note=MARKUP["subject"]
    )

    for view in ("history", "inspect"):
        page = customer_service.get(reverse(f"{URLS}:{view}", args=[suggestion.pk])).text
        assert escape(MARKUP["subject"]) in page, view
        assert MARKUP["subject"] not in page, view


def test_the_excel_export_holds_the_literal_text(suggestion, customer_service):
    response = customer_service.get(reverse(f"{URLS}:list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == suggestion.reference)

    assert MARKUP["subject"] in row
    assert MARKUP["description"] in row
    assert f"{MARKUP['proposer_name']} ({MARKUP['company']})" in row
    assert not any(escape(text) in row for text in MARKUP.values())


def test_the_emails_are_plain_text_with_the_literal_text(suggestion, staff):
    services.classify_suggestion(
        suggestion, user=staff[roles.CUSTOMER_SERVICE], category="service", department=roles.SALES
    )

    acknowledgement = mail.outbox[0]
    assert acknowledgement.content_subtype == "plain"
    # The acknowledgement repeats nothing the visitor typed (no relay).
    for field in ("proposer_name", "subject", "description"):
        assert MARKUP[field] not in acknowledgement.body
        assert escape(MARKUP[field]) not in acknowledgement.body
    to_department = OutboundMessage.objects.get(template="suggestions/for_evaluation")
    assert MARKUP["subject"] in to_department.body
    assert escape(MARKUP["subject"]) not in to_department.body
