"""A visitor asks for a quote from a model's catalogue page (P1.1, P2.1).

The request becomes a website consultation for Customer Service, with the
model in its subject and the visitor's needs in its question; bots, repeated
clicks, forged posts and floods store nothing more than one honest request.
"""

import pytest
from django.core import mail
from django.test import Client

from contact.models import ChannelKind, ConsultationChannel
from tests.site.catalogue.factories import CataloguePageFactory
from tests.site.factories import ConsultationChannelFactory
from tests.workflows.fleet.factories import EquipmentModelFactory
from tests.workflows.suggestions.factories import SuggestionFormFactory, SuggestionFormPageFactory
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.suggestions.models import Suggestion

from .factories import ConsultationMessageFactory, QuoteRequestFactory, day

pytestmark = pytest.mark.django_db

MODEL_URL = "/en/catalogue/SL-08/"
THANKS_URL = "/en/catalogue/thanks/"


@pytest.fixture
def lift(db):
    return EquipmentModelFactory(code="SL-08", maker="Genie", name="GS-2632")


@pytest.fixture
def catalogue(home_page, website_channel, lift):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(data, url=MODEL_URL, *, using=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (using or client).post(url, data, **extra)

    return post


@pytest.fixture
def html():
    from bs4 import BeautifulSoup

    return lambda response: BeautifulSoup(response.content, "html.parser")


def field_block(page, name):
    block = page.select_one(f'form.intake-form div.field:has([name="{name}"])')
    assert block is not None, name
    return block


def assert_nothing_stored():
    assert not Consultation.objects.exists()
    assert mail.outbox == []


class TestRequestingAQuote:
    def test_becomes_a_received_website_consultation_naming_the_model_and_the_needs(
        self, send, catalogue, website_channel
    ):
        response = send(QuoteRequestFactory())

        assert response.status_code == 302
        assert response["Location"] == THANKS_URL
        consultation = Consultation.objects.get()
        assert consultation.state == S.RECEIVED
        assert consultation.channel == website_channel
        assert (consultation.customer_name, consultation.company) == ("周杰", "周氏營造")
        assert consultation.subject == "Quote request: Genie GS-2632 (SL-08)"
        question = consultation.question
        assert "Model: Genie GS-2632 (SL-08)" in question
        assert "Quantity: 2" in question
        assert f"Period: {day(7).isoformat()} to {day(13).isoformat()} (7 days)" in question
        assert "Site: 台北市內湖區瑞光路 100 號工地" in question
        assert "Needs: 室內使用，需要非標記輪胎" in question
        assert consultation.language == "en"

    def test_the_thank_you_page_shows_the_reference_and_is_never_cached(
        self, client, send, catalogue, html
    ):
        send(QuoteRequestFactory())

        thanks = client.get(THANKS_URL)

        shown = html(thanks).select_one("[data-reference]").get_text(strip=True)
        assert shown == Consultation.objects.get().reference
        assert "public" not in thanks["Cache-Control"]
        assert "no-cache" in thanks["Cache-Control"]

    def test_the_customer_gets_the_acknowledgement_with_the_reference(self, send, catalogue):
        send(QuoteRequestFactory(email="jay@example.com"))

        [email] = mail.outbox
        assert email.to == ["jay@example.com"]
        assert Consultation.objects.get().reference in email.body

    def test_chinese_pages_file_the_request_in_chinese(self, send, catalogue):
        response = send(QuoteRequestFactory(), url="/catalogue/SL-08/")

        assert response["Location"] == "/catalogue/thanks/"
        consultation = Consultation.objects.get()
        assert consultation.language == "zh-hant"
        assert "SL-08" in consultation.subject

    def test_the_pages_own_channel_wins(self, send, catalogue):
        campaign = ConsultationChannelFactory(kind=ChannelKind.WEBSITE, name="型錄詢價")
        catalogue.channel = campaign
        catalogue.save()

        send(QuoteRequestFactory())

        assert Consultation.objects.get().channel == campaign

    def test_the_model_page_with_the_form_is_never_cached(self, client, catalogue):
        response = client.get(MODEL_URL)

        assert "public" not in response["Cache-Control"]


class TestARequestThatCannotBeAccepted:
    @pytest.mark.parametrize("field", ["customer_name", "quantity", "start", "end", "site"])
    def test_a_missing_required_field_is_named_and_nothing_is_stored(
        self, send, catalogue, html, field
    ):
        response = send(QuoteRequestFactory(**{field: ""}))

        assert response.status_code == 400
        assert "This field is required." in field_block(html(response), field).get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize("quantity", ["0", "100", "-1", "two"])
    def test_an_impossible_quantity_is_refused(self, send, catalogue, html, quantity):
        response = send(QuoteRequestFactory(quantity=quantity))

        assert response.status_code == 400
        assert field_block(html(response), "quantity").select_one(".field__error")
        assert_nothing_stored()

    def test_a_last_day_before_the_first_is_refused_at_the_last_day(self, send, catalogue, html):
        response = send(QuoteRequestFactory(start=day(10).isoformat(), end=day(9).isoformat()))

        assert response.status_code == 400
        assert "comes after the first" in field_block(html(response), "end").get_text()
        assert_nothing_stored()

    def test_a_lease_starting_in_the_past_is_refused(self, send, catalogue, html):
        response = send(QuoteRequestFactory(start=day(-1).isoformat()))

        assert response.status_code == 400
        assert "past" in field_block(html(response), "start").get_text()
        assert_nothing_stored()

    def test_one_day_is_a_period(self, send, catalogue):
        send(QuoteRequestFactory(start=day(3).isoformat(), end=day(3).isoformat()))

        assert "(1 days)" in Consultation.objects.get().question

    def test_without_phone_or_email_both_fields_ask_for_one(self, send, catalogue, html):
        response = send(QuoteRequestFactory(phone="", email=""))

        assert response.status_code == 400
        page = html(response)
        message = "Give a phone number or an email address, so that we can reply."
        assert message in field_block(page, "phone").get_text()
        assert message in field_block(page, "email").get_text()
        assert_nothing_stored()

    def test_what_the_visitor_typed_is_kept_to_correct(self, send, catalogue, html):
        response = send(QuoteRequestFactory(email="jay.example.com"))

        page = html(response)
        assert field_block(page, "site").find("input")["value"] == "台北市內湖區瑞光路 100 號工地"
        assert field_block(page, "email").find("input")["value"] == "jay.example.com"

    def test_an_unpublished_model_takes_no_requests(self, send, catalogue, lift):
        lift.published = False
        lift.save()

        assert send(QuoteRequestFactory()).status_code == 404
        assert_nothing_stored()

    def test_without_a_website_channel_the_visitor_is_asked_to_call(
        self, send, catalogue, website_channel
    ):
        ConsultationChannel.objects.filter(pk=website_channel.pk).delete()

        response = send(QuoteRequestFactory())

        assert response.status_code == 503
        assert "call us" in response.content.decode()
        assert_nothing_stored()


class TestSafety:
    def test_a_filled_honeypot_looks_like_success_but_stores_nothing(self, send, catalogue):
        response = send(QuoteRequestFactory(website="http://cheap.example"))

        assert response.status_code == 302
        assert response["Location"] == THANKS_URL
        assert_nothing_stored()

    def test_the_same_form_sent_twice_makes_one_consultation_with_one_reference(
        self, client, send, catalogue, html
    ):
        data = QuoteRequestFactory()

        send(data)
        first = html(client.get(THANKS_URL)).select_one("[data-reference]").get_text(strip=True)
        second_response = send(data)
        second = html(client.get(THANKS_URL)).select_one("[data-reference]").get_text(strip=True)

        assert second_response.status_code == 302
        assert Consultation.objects.count() == 1
        assert first == second
        assert len(mail.outbox) == 1

    def test_a_post_without_the_csrf_token_is_refused(self, catalogue):
        browser = Client(enforce_csrf_checks=True)

        response = browser.post(MODEL_URL, QuoteRequestFactory())

        assert response.status_code == 403
        assert_nothing_stored()

    def test_the_same_form_sent_twice_takes_one_slot_of_the_rate_limit(
        self, send, catalogue, settings
    ):
        settings.INTAKE_RATE_LIMIT = 2
        data = QuoteRequestFactory()
        for _ in range(3):
            assert send(data, REMOTE_ADDR="203.0.113.9").status_code == 302

        assert send(QuoteRequestFactory(), REMOTE_ADDR="203.0.113.9").status_code == 302
        assert Consultation.objects.count() == 2

    def test_the_rate_limit_is_shared_with_the_other_public_forms(
        self, send, catalogue, form_page, home_page, settings, html
    ):
        SuggestionFormPageFactory(parent=home_page)
        settings.INTAKE_RATE_LIMIT = 3
        visitor = {"REMOTE_ADDR": "203.0.113.9"}
        assert send(ConsultationMessageFactory(), url="/en/message/", **visitor).status_code == 302
        assert send(SuggestionFormFactory(), url="/en/suggestion/", **visitor).status_code == 302
        assert send(QuoteRequestFactory(), **visitor).status_code == 302

        response = send(QuoteRequestFactory(), **visitor)
        other_forms = [
            send(ConsultationMessageFactory(), url="/en/message/", **visitor),
            send(SuggestionFormFactory(), url="/en/suggestion/", **visitor),
        ]

        assert response.status_code == 429
        assert "several messages" in html(response).select_one(".form-errors").get_text()
        assert [r.status_code for r in other_forms] == [429, 429]
        assert Consultation.objects.count() == 2  # one message, one quote request
        assert Suggestion.objects.count() == 1

    def test_a_flood_from_one_address_is_stopped(self, send, catalogue, settings, html):
        settings.INTAKE_RATE_LIMIT = 2
        for _ in range(2):
            assert send(QuoteRequestFactory(), REMOTE_ADDR="203.0.113.9").status_code == 302

        response = send(QuoteRequestFactory(), REMOTE_ADDR="203.0.113.9")

        assert response.status_code == 429
        assert "several messages" in html(response).text
        assert Consultation.objects.count() == 2
        assert send(QuoteRequestFactory(), REMOTE_ADDR="198.51.100.4").status_code == 302

    def test_markup_in_the_needs_is_shown_as_text_to_staff(self, send, catalogue, client, staff):
        send(QuoteRequestFactory(needs="<script>alert(1)</script>"))
        consultation = Consultation.objects.get()
        client.force_login(staff["admin"])

        from django.urls import reverse

        page = client.get(
            reverse("wagtailsnippets_consultations_consultation:inspect", args=[consultation.pk])
        ).content.decode()

        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
