"""A visitor files a complaint on the website (P9.1, P9.2): reference, tracking link, safety.

The form validates; `receive_complaint` stores the complaint and acknowledges
it. Bots, repeated clicks, forged posts and floods store nothing more than one
honest visitor's complaint.
"""

import re
import uuid

import pytest
from django.core import mail
from django.test import Client

from tests.workflows.complaints.factories import ComplaintMessageFactory
from workflows.complaints.choices import ComplaintChannel
from workflows.complaints.choices import ComplaintState as S
from workflows.complaints.models import Complaint
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.models import OutboundMessage

from .complaint_fixtures import (  # noqa: F401
    COMPLAINT_URL,
    assert_nothing_stored,
    complaint_page_fixture,
    contact_fixture,
    fresh_storage_fixture,
)
from .factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db

THANKS_URL = COMPLAINT_URL + "thanks/"


def thanks(client, html, response):
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    page = client.get(THANKS_URL)
    assert page.status_code == 200
    return html(page)


class TestThePage:
    def test_shows_the_form_the_complaint_hotline_and_mailbox(self, client, html, complaint_page):
        response = client.get(COMPLAINT_URL)

        assert response.status_code == 200
        soup = html(response)
        assert soup.select_one("h1").get_text(strip=True) == "線上投訴"
        assert "0800-123-456" in soup.select_one("[data-complaint-hotline]").get_text()
        assert soup.select_one("[data-complaint-hotline] a")["href"] == "tel:0800123456"
        assert "complaints@rental.example" in soup.select_one("[data-complaint-email]").get_text()
        form = soup.select_one("form.intake-form")
        assert form["enctype"] == "multipart/form-data"
        assert form.select_one("input[name=csrfmiddlewaretoken]")
        assert form.select_one("input[type=file][name=evidence][multiple]")

    def test_is_never_cached(self, client, complaint_page):
        response = client.get(COMPLAINT_URL)

        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_marketing_edits_the_hotline_shown(self, client, html, complaint_page, contact):
        contact.complaint_hotline = "0800-999-888"
        contact.save()

        soup = html(client.get(COMPLAINT_URL))

        assert "0800-999-888" in soup.select_one("[data-complaint-hotline]").get_text()


class TestFilingAComplaint:
    def test_a_valid_complaint_is_stored_once_as_received(self, send, complaint_page):
        response = send(ComplaintMessageFactory(), url=COMPLAINT_URL)

        assert response.status_code == 302
        complaint = Complaint.objects.get()
        assert complaint.state == S.RECEIVED
        assert complaint.channel == ComplaintChannel.WEBSITE
        assert complaint.complainant_name == "王小明"
        assert complaint.matter_reference == "L2611-000001"
        assert complaint.language == "en"
        assert not complaint.urgent

    def test_the_thank_you_page_shows_the_reference_and_a_working_tracking_link(
        self, client, send, html, complaint_page
    ):
        soup = thanks(client, html, send(ComplaintMessageFactory(), url=COMPLAINT_URL))

        complaint = Complaint.objects.get()
        assert soup.select_one("[data-reference]").get_text(strip=True) == complaint.reference
        link = soup.select_one("[data-tracking-link]")["href"]
        assert link == f"http://testserver/en/track/{complaint.tracking_token}/"
        tracking = Client().get(link.removeprefix("http://testserver"))
        assert tracking.status_code == 200
        assert complaint.reference in tracking.text

    def test_the_acknowledgement_email_carries_the_reference_and_link(self, send, complaint_page):
        send(ComplaintMessageFactory(), url=COMPLAINT_URL)

        complaint = Complaint.objects.get()
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["wang@example.com"]
        assert complaint.reference in mail.outbox[0].subject
        assert complaint.tracking_token in mail.outbox[0].body

    def test_an_urgent_complaint_alerts_supervision_and_management_at_once(
        self, send, complaint_page, staff
    ):
        send(ComplaintMessageFactory(urgent="on"), url=COMPLAINT_URL)

        complaint = Complaint.objects.get()
        assert complaint.urgent
        told = set(
            OutboundMessage.objects.filter(template="complaints/urgent").values_list(
                "recipient_user__username", flat=True
            )
        )
        assert told == {staff[roles.SUPERVISION].username, staff[roles.MANAGEMENT].username}
        urgent_mail = [
            m for m in mail.outbox if complaint.reference in m.subject and "URGENT" in m.subject
        ]
        assert len(urgent_mail) == 2

    @pytest.mark.parametrize(
        ("url", "language"),
        [("/complaint/", "zh-hant"), ("/zh-hans/complaint/", "zh-hans"), ("/en/complaint/", "en")],
    )
    def test_the_complaint_keeps_the_language_of_the_page(
        self, send, complaint_page, url, language
    ):
        response = send(ComplaintMessageFactory(), url=url)

        assert response["Location"] == url + "thanks/"
        assert Complaint.objects.get().language == language


class TestAComplaintThatCannotBeAccepted:
    @pytest.mark.parametrize("field", ["complainant_name", "category", "description"])
    def test_a_missing_required_field_is_named_and_nothing_is_stored(
        self, send, field_block, complaint_page, field
    ):
        response = send(ComplaintMessageFactory(**{field: ""}), url=COMPLAINT_URL)

        assert response.status_code == 400
        assert "This field is required." in field_block(response, field).get_text()
        assert_nothing_stored()

    def test_without_phone_or_email_both_fields_say_so(self, send, field_block, complaint_page):
        response = send(ComplaintMessageFactory(phone="", email=""), url=COMPLAINT_URL)

        assert response.status_code == 400
        message = "Give a phone number or an email address, so that we can reply."
        assert message in field_block(response, "phone").get_text()
        assert message in field_block(response, "email").get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize(
        ("field", "limit"), [("complainant_name", 100), ("company", 150), ("description", 4000)]
    )
    def test_one_character_over_the_limit_is_refused_at_that_field(
        self, send, field_block, complaint_page, field, limit
    ):
        response = send(ComplaintMessageFactory(**{field: "字" * (limit + 1)}), url=COMPLAINT_URL)

        assert response.status_code == 400
        assert f"at most {limit} characters" in field_block(response, field).get_text()
        assert_nothing_stored()

    def test_an_unknown_category_is_refused(self, send, field_block, complaint_page):
        response = send(ComplaintMessageFactory(category="weather"), url=COMPLAINT_URL)

        assert response.status_code == 400
        assert "Select a valid choice" in field_block(response, "category").get_text()
        assert_nothing_stored()


class TestSafety:
    def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(
        self, client, send, html, complaint_page
    ):
        response = send(ComplaintMessageFactory(website="http://spam.example"), url=COMPLAINT_URL)

        soup = thanks(client, html, response)
        assert soup.select_one("[data-reference]") is None
        assert soup.select_one("[data-tracking-link]") is None
        assert_nothing_stored()

    def test_sending_the_same_form_twice_stores_one_complaint(
        self, client, send, html, complaint_page
    ):
        data = ComplaintMessageFactory()

        first = send(data, url=COMPLAINT_URL)
        second = send(data, url=COMPLAINT_URL)

        assert Complaint.objects.count() == 1
        assert len(mail.outbox) == 1
        reference = thanks(client, html, second).select_one("[data-reference]").get_text(strip=True)
        assert reference == Complaint.objects.get().reference
        assert first["Location"] == second["Location"]

    def test_a_post_without_the_csrf_token_is_refused(self, complaint_page):
        browser = Client(enforce_csrf_checks=True)

        response = browser.post(COMPLAINT_URL, ComplaintMessageFactory())

        assert response.status_code == 403
        assert_nothing_stored()

    def test_the_rate_limit_is_shared_with_the_other_public_forms(
        self, settings, send, form_page, complaint_page
    ):
        settings.INTAKE_RATE_LIMIT = 2
        send(ConsultationMessageFactory(), url="/en/message/")
        send(ComplaintMessageFactory(), url=COMPLAINT_URL)

        response = send(ComplaintMessageFactory(), url=COMPLAINT_URL)

        assert response.status_code == 429
        assert "several messages in a short time" in response.text
        assert Complaint.objects.count() == 1
        assert Consultation.objects.count() == 1

    def test_another_visitor_is_not_limited(self, settings, send, complaint_page):
        settings.INTAKE_RATE_LIMIT = 1
        send(ComplaintMessageFactory(), url=COMPLAINT_URL, REMOTE_ADDR="203.0.113.7")

        response = send(ComplaintMessageFactory(), url=COMPLAINT_URL, REMOTE_ADDR="198.51.100.23")

        assert response.status_code == 302
        assert Complaint.objects.count() == 2

    def test_a_fresh_form_carries_a_new_submission_token(self, client, html, complaint_page):
        tokens = {
            html(client.get(COMPLAINT_URL)).select_one("[name=submission_token]")["value"]
            for _ in range(2)
        }

        assert len(tokens) == 2
        assert all(uuid.UUID(token) for token in tokens)
        assert all(re.fullmatch(r"[0-9a-f-]{36}", token) for token in tokens)
