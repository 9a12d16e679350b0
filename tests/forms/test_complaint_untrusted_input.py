"""What a complainant types is kept as written and shown as text, never run (P9.2, P9.5).

Markup typed into the public complaint form and the rating form reaches the
admin listing, the inspect page, the History, the notification emails and the
Excel exports; in each it must arrive as the same literal text.
"""

import io

import openpyxl
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.workflows.complaints.factories import ComplaintMessageFactory
from workflows.complaints import services
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.choices import RootCause
from workflows.complaints.models import Complaint
from workflows.core import roles

from .complaint_fixtures import (  # noqa: F401
    COMPLAINT_URL,
    complaint_page_fixture,
    contact_fixture,
    fresh_storage_fixture,
)

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_complaints_complaint"

MARKUP = {
    "complainant_name": '<script>alert("name")</script>王',
    "company": "<img src=x onerror=alert('company')>",
    "matter_reference": '<a href="javascript:alert(1)">L-1</a>',
    "description": '</textarea><script>alert("what")</script> &lt;already escaped&gt;',
}
RATING_COMMENT = "<b onmouseover=alert('rating')>bad</b>"
#: The public fields each place shows.
LISTED = ["complainant_name"]
ACKNOWLEDGED = ["complainant_name", "description"]
ALERTED = ["complainant_name", "company", "description"]


@pytest.fixture
def complaint(send, complaint_page, staff):
    """Filed urgent with markup everywhere, then closed and rated with markup too."""
    response = send(ComplaintMessageFactory(**MARKUP, urgent="on"), url=COMPLAINT_URL)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    services.explain_and_close(
        complaint,
        user=staff[roles.CUSTOMER_SERVICE],
        explanation="依合約第 7 條。",
        root_cause=RootCause.UNFOUNDED,
        corrective_action="加強說明",
    )
    rated = Client().post(
        f"/en/track/{complaint.tracking_token}/rate/",
        {"satisfaction": "1", "comment": RATING_COMMENT},
    )
    assert rated.status_code == 302
    return Complaint.objects.get()


@pytest.fixture
def customer_service(staff):
    """Customer Service in an English admin, so that the export's headers read as written."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(staff[roles.CUSTOMER_SERVICE])
    profile.preferred_language = "en"
    profile.save()
    browser = Client()
    browser.force_login(staff[roles.CUSTOMER_SERVICE])
    return browser


def assert_shown_as_text(html, value):
    assert escape(value) in html
    assert value not in html


class TestMarkupTypedIntoThePublicForms:
    def test_is_stored_as_the_literal_text(self, complaint):
        assert {field: getattr(complaint, field) for field in MARKUP} == MARKUP
        assert complaint.rating_comment == RATING_COMMENT

    @pytest.mark.parametrize("field", LISTED)
    def test_the_admin_listing_shows_it_as_text(self, complaint, customer_service, field):
        response = customer_service.get(reverse(f"{VIEWS}:list"))

        assert_shown_as_text(response.text, MARKUP[field])

    @pytest.mark.parametrize("field", [*MARKUP, "rating_comment"])
    def test_the_inspect_page_shows_it_as_text(self, complaint, customer_service, field):
        response = customer_service.get(reverse(f"{VIEWS}:inspect", args=[complaint.pk]))

        assert_shown_as_text(response.text, getattr(complaint, field))

    def test_the_history_shows_it_as_text(self, complaint, customer_service):
        inspect = customer_service.get(reverse(f"{VIEWS}:inspect", args=[complaint.pk]))
        history = customer_service.get(reverse(f"{VIEWS}:history", args=[complaint.pk]))

        for page in (inspect, history):
            assert page.status_code == 200
            assert_shown_as_text(page.text, RATING_COMMENT)
            assert_shown_as_text(page.text, MARKUP["complainant_name"])

    @pytest.mark.parametrize("field", ACKNOWLEDGED)
    def test_the_acknowledgement_email_does_not_repeat_it(self, complaint, field):
        # Whatever a visitor types must not reach the address they typed (no relay).
        acknowledgement = next(m for m in mail.outbox if m.to == ["wang@example.com"])

        assert MARKUP[field] not in acknowledgement.body
        assert escape(MARKUP[field]) not in acknowledgement.body

    @pytest.mark.parametrize("field", ALERTED)
    def test_the_urgent_alert_email_repeats_it_as_typed(self, complaint, staff, field):
        alert = next(m for m in mail.outbox if m.to == [staff[roles.SUPERVISION].email])

        assert MARKUP[field] in alert.body
        assert MARKUP["complainant_name"] in alert.subject

    def test_the_urgent_alert_in_the_admin_shows_it_as_text(self, complaint, staff):
        browser = Client()
        browser.force_login(staff[roles.SUPERVISION])

        home = browser.get(reverse("wagtailadmin_home")).text

        assert_shown_as_text(home, MARKUP["description"])

    def test_the_excel_export_of_the_listing_holds_the_literal_text(
        self, complaint, customer_service
    ):
        response = customer_service.get(reverse(f"{VIEWS}:list"), {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        header = [cell.value for cell in sheet[1]]
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == complaint.reference)
        values = dict(zip(header, row, strict=True))

        assert values["Complainant"] == MARKUP["complainant_name"]
        assert values["Company"] == MARKUP["company"]
        assert values["What happened"] == MARKUP["description"]
        assert values["Rating comment"] == RATING_COMMENT

    def test_the_excel_export_of_the_analysis_holds_the_literal_text(
        self, complaint, customer_service
    ):
        response = customer_service.get(reverse("complaints_analysis"), {"export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Complaints"]
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == complaint.reference)

        assert MARKUP["complainant_name"] in row
        assert MARKUP["description"] in row
        assert RATING_COMMENT in row


def test_a_formula_typed_into_the_form_is_exported_as_text(send, complaint_page, staff):
    send(
        ComplaintMessageFactory(complainant_name="=1+2", company='=HYPERLINK("http://x")'),
        url=COMPLAINT_URL,
    )
    browser = Client()
    browser.force_login(staff[roles.CUSTOMER_SERVICE])

    response = browser.get(reverse(f"{VIEWS}:list"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = next(sheet.iter_rows(min_row=2))
    cells = {cell.value: cell for cell in row}

    # Written as text with Excel's quote prefix: shown as typed, never computed.
    for typed in ("=1+2", '=HYPERLINK("http://x")'):
        assert cells[typed].data_type == "s"
        assert cells[typed].quotePrefix


def test_the_state_is_closed(complaint):
    assert complaint.state == S.CLOSED
