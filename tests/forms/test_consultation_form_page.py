"""A visitor leaves a message on the website and gets a reference number (P1.1-P1.3).

The form validates; `receive_consultation` stores the consultation and
acknowledges it. Bots, repeated clicks, forged posts and floods store nothing
more than one honest visitor's message.
"""

import uuid
from unittest import mock

import pytest
import redis
from django.core import mail
from django.core.cache.backends.redis import RedisCache
from django.test import Client

from contact.models import ChannelKind
from tests.conftest import skip_or_fail
from tests.site.factories import ConsultationChannelFactory
from workflows.consultations.choices import ConsultationState as S
from workflows.consultations.models import Consultation
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.models import OutboundMessage

from .conftest import FORM_URL
from .factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db

THANKS_URL = FORM_URL + "thanks/"
VISITOR = "203.0.113.7"
ANOTHER_VISITOR = "198.51.100.23"
RATE_LIMIT_MESSAGE = "You have sent several messages in a short time."
REDIS_URL = "redis://127.0.0.1:6379/15"


def assert_nothing_stored():
    assert not Consultation.objects.exists()
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def max_length(field):
    """What the database holds: the form must refuse anything longer, with a message."""
    return Consultation._meta.get_field(field).max_length


@pytest.fixture
def reference_on(client, html):
    """The reference number the thank-you page shows to this browser."""

    def follow(response, browser=None):
        assert response.status_code == 302
        thanks = (browser or client).get(response["Location"])
        assert thanks.status_code == 200
        shown = html(thanks).select_one("[data-reference]")
        return shown.get_text(strip=True) if shown else None

    return follow


class TestLeavingAMessage:
    def test_a_valid_message_is_stored_once_as_received(self, send, form_page):
        send(
            ConsultationMessageFactory(
                customer_name="Wang Hsiao-ming",
                company="Da-an Construction",
                phone="02-2345-6789",
                email="wang@example.com",
                subject="Excavator rental",
                question="How much is a 20 t excavator per month?",
            )
        )

        consultation = Consultation.objects.get()
        assert consultation.state == S.RECEIVED
        assert (
            consultation.customer_name,
            consultation.company,
            consultation.phone,
            consultation.email,
            consultation.subject,
            consultation.question,
        ) == (
            "Wang Hsiao-ming",
            "Da-an Construction",
            "02-2345-6789",
            "wang@example.com",
            "Excavator rental",
            "How much is a 20 t excavator per month?",
        )

    def test_the_message_is_filed_under_the_pages_channel(self, send, form_page, website_channel):
        # Another website channel, listed first: the page's own choice must win.
        ConsultationChannelFactory(kind=ChannelKind.WEBSITE, name="Main site", sort_order=-1)
        campaign = ConsultationChannelFactory(kind=ChannelKind.WEBSITE, name="Spring campaign")
        form_page.channel = campaign
        form_page.save()

        send(ConsultationMessageFactory())

        assert Consultation.objects.get().channel == campaign

    @pytest.mark.parametrize(
        ("url", "language"),
        [("/message/", "zh-hant"), ("/zh-hans/message/", "zh-hans"), ("/en/message/", "en")],
    )
    def test_the_message_keeps_the_language_of_the_page_it_was_sent_from(
        self, send, form_page, url, language
    ):
        response = send(ConsultationMessageFactory(), url=url)

        assert response.status_code == 302
        assert response["Location"] == url + "thanks/"
        assert Consultation.objects.get().language == language

    def test_the_visitor_is_taken_to_the_thank_you_page_showing_the_reference(
        self, send, reference_on, form_page
    ):
        response = send(ConsultationMessageFactory())

        assert response["Location"] == THANKS_URL
        reference = reference_on(response)
        assert reference
        assert reference == Consultation.objects.get().reference

    def test_the_acknowledgement_email_carries_the_reference(self, send, form_page):
        send(ConsultationMessageFactory(email="wang@example.com"))

        consultation = Consultation.objects.get()
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == ["wang@example.com"]
        assert consultation.reference in email.subject
        assert consultation.reference in email.body

    def test_the_acknowledgement_is_stored_as_sent_about_the_consultation(self, send, form_page):
        send(ConsultationMessageFactory(email="wang@example.com"))

        consultation = Consultation.objects.get()
        message = OutboundMessage.objects.get()
        assert message.channel == MessageChannel.EMAIL
        assert message.status == MessageStatus.SENT
        assert message.recipient_address == "wang@example.com"
        assert message.object_id == str(consultation.pk)
        assert consultation.reference in message.subject
        assert consultation.reference in message.body


class TestAMessageThatCannotBeAccepted:
    """The visitor sees what to correct, next to the field, and nothing is half saved."""

    @pytest.mark.parametrize("field", ["customer_name", "subject", "question"])
    def test_a_missing_required_field_is_named_and_nothing_is_stored(
        self, send, field_block, form_page, field
    ):
        response = send(ConsultationMessageFactory(**{field: ""}))

        assert response.status_code == 400
        assert "This field is required." in field_block(response, field).get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize(
        ("field", "too_long"),
        [
            ("customer_name", lambda n: "字" * n),
            ("company", lambda n: "字" * n),
            ("phone", lambda n: "0" * n),
            ("email", lambda n: "a" * (n - len("@example.com")) + "@example.com"),
            ("subject", lambda n: "字" * n),
            ("question", lambda n: "字" * n),
        ],
    )
    def test_one_character_over_the_limit_is_refused_at_that_field(
        self, send, field_block, form_page, field, too_long
    ):
        limit = max_length(field)

        response = send(ConsultationMessageFactory(**{field: too_long(limit + 1)}))

        assert response.status_code == 400
        assert (
            f"Ensure this value has at most {limit} characters (it has {limit + 1})."
            in field_block(response, field).get_text()
        )
        assert_nothing_stored()

    @pytest.mark.parametrize("field", ["customer_name", "company", "subject", "question"])
    def test_text_of_exactly_the_limit_is_kept_whole(self, send, form_page, field):
        text = "字" * max_length(field)

        assert send(ConsultationMessageFactory(**{field: text})).status_code == 302

        assert getattr(Consultation.objects.get(), field) == text

    @pytest.mark.parametrize(
        "email", ["wang.example.com", "wang@", "wang@example", '"wang"@example.com']
    )
    def test_a_bad_email_address_is_refused_at_the_email_field(
        self, send, field_block, form_page, email
    ):
        response = send(ConsultationMessageFactory(email=email))

        assert response.status_code == 400
        assert "Enter a valid email address." in field_block(response, "email").get_text()
        assert "Enter a valid email address." not in field_block(response, "phone").get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize("phone", ["call me", "12345", "0912-345-678 ext. 5", "+"])
    def test_a_bad_phone_number_is_refused_at_the_phone_field(
        self, send, field_block, form_page, phone
    ):
        response = send(ConsultationMessageFactory(phone=phone))

        assert response.status_code == 400
        assert "Enter a phone number of digits" in field_block(response, "phone").get_text()
        assert "Enter a phone number of digits" not in field_block(response, "email").get_text()
        assert_nothing_stored()

    def test_a_message_without_phone_or_email_asks_for_one_at_both_fields(
        self, send, field_block, form_page
    ):
        response = send(ConsultationMessageFactory(phone="", email=""))

        assert response.status_code == 400
        message = "Give a phone number or an email address, so that we can reply."
        assert message in field_block(response, "phone").get_text()
        assert message in field_block(response, "email").get_text()
        assert_nothing_stored()

    def test_what_the_visitor_typed_is_kept_in_the_form_to_correct(
        self, send, field_block, form_page
    ):
        question = "請問 20 噸挖土機月租多少？\n需要司機。"

        response = send(ConsultationMessageFactory(question=question, email="wang.example.com"))

        assert field_block(response, "question").find("textarea").get_text().strip() == question
        assert field_block(response, "email").find("input")["value"] == "wang.example.com"


class TestABotFillingTheHiddenField:
    def test_a_filled_honeypot_looks_like_success_but_stores_nothing(
        self, send, reference_on, form_page
    ):
        response = send(ConsultationMessageFactory(website="http://cheap-pills.example"))

        assert response.status_code == 302
        assert response["Location"] == THANKS_URL
        assert reference_on(response) is None
        assert_nothing_stored()

    def test_the_honeypot_is_hidden_from_people_and_screen_readers(self, client, html, form_page):
        trap = html(client.get(FORM_URL)).select_one('[name="website"]')

        wrapper = trap.find_parent("div")
        assert wrapper["aria-hidden"] == "true"
        assert "left:-10000px" in wrapper["style"]
        assert trap["tabindex"] == "-1"
        assert trap["autocomplete"] == "off"


class TestTheRateLimit:
    """At most INTAKE_RATE_LIMIT messages per address per window: a flood stores nothing."""

    @pytest.fixture(autouse=True)
    def _small_limit(self, settings):
        settings.INTAKE_RATE_LIMIT = 2

    def test_the_message_after_the_limit_gets_429_with_a_message_and_is_not_stored(
        self, send, html, form_page
    ):
        for _ in range(2):
            assert send(ConsultationMessageFactory(), REMOTE_ADDR=VISITOR).status_code == 302

        response = send(ConsultationMessageFactory(), REMOTE_ADDR=VISITOR)

        assert response.status_code == 429
        assert RATE_LIMIT_MESSAGE in html(response).select_one(".form-errors").get_text()
        assert Consultation.objects.count() == 2
        # Both from the same address: one acknowledgement per address per window (relay.py).
        assert OutboundMessage.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_another_address_still_gets_through(self, send, form_page):
        for _ in range(3):
            send(ConsultationMessageFactory(), REMOTE_ADDR=VISITOR)

        response = send(ConsultationMessageFactory(), REMOTE_ADDR=ANOTHER_VISITOR)

        assert response.status_code == 302
        assert Consultation.objects.count() == 3

    def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_limit(
        self, send, settings, form_page
    ):
        settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        proxy = {"REMOTE_ADDR": "10.0.0.1"}

        def via_proxy(forwarded):
            return send(ConsultationMessageFactory(), HTTP_X_FORWARDED_FOR=forwarded, **proxy)

        # The client may write anything first; the proxy appends what it saw last.
        assert via_proxy(f"1.1.1.1, {VISITOR}").status_code == 302
        assert via_proxy(f"2.2.2.2, {VISITOR}").status_code == 302
        assert via_proxy(f"3.3.3.3, {VISITOR}").status_code == 429
        assert via_proxy(f"3.3.3.3, {ANOTHER_VISITOR}").status_code == 302

    @pytest.fixture
    def two_processes(self):
        """Two RedisCache objects with the same settings, as two app servers build them."""
        server = redis.Redis.from_url(REDIS_URL)
        try:
            server.ping()
        except (redis.RedisError, OSError) as exc:
            server.close()
            skip_or_fail(f"needs Redis at {REDIS_URL}: {exc}")
        prefix = f"rsd-test-{uuid.uuid4().hex}"
        params = {"KEY_PREFIX": prefix, "TIMEOUT": 600}
        try:
            yield RedisCache(REDIS_URL, params), RedisCache(REDIS_URL, params)
        finally:
            for key in server.scan_iter(f"{prefix}:*"):
                server.delete(key)
            server.close()

    def test_the_count_is_shared_by_every_process_when_the_cache_is_redis(
        self, send, form_page, two_processes
    ):
        first, second = two_processes
        assert first._cache is not second._cache  # no client or pool shared between them

        def through(process):
            with mock.patch("forms.safety.cache", process):
                return send(ConsultationMessageFactory(), REMOTE_ADDR=VISITOR).status_code

        assert through(first) == 302
        assert through(second) == 302
        assert through(first) == 429
        assert through(second) == 429
        assert Consultation.objects.count() == 2


class TestCrossSiteRequestForgery:
    def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(self, send, form_page):
        browser = Client(enforce_csrf_checks=True)
        browser.get(FORM_URL)

        response = send(ConsultationMessageFactory(), using=browser)

        assert response.status_code == 403
        assert_nothing_stored()

    def test_a_post_with_the_token_from_the_form_is_accepted(self, send, html, form_page):
        browser = Client(enforce_csrf_checks=True)
        form = html(browser.get(FORM_URL)).select_one("form.intake-form")

        response = send(
            ConsultationMessageFactory(
                csrfmiddlewaretoken=form.select_one('[name="csrfmiddlewaretoken"]')["value"],
                submission_token=form.select_one('[name="submission_token"]')["value"],
            ),
            using=browser,
        )

        assert response.status_code == 302
        assert Consultation.objects.count() == 1


class TestSendingTheSameFormTwice:
    """A double click or a resent POST carries the same submission token."""

    def test_it_makes_one_record_and_one_acknowledgement(self, send, form_page):
        message = ConsultationMessageFactory()

        first = send(message)
        second = send(message)

        assert first.status_code == second.status_code == 302
        assert Consultation.objects.count() == 1
        assert OutboundMessage.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_both_answers_lead_to_the_same_reference(self, send, reference_on, form_page):
        message = ConsultationMessageFactory()

        first = reference_on(send(message))
        second = reference_on(send(message))

        assert first == second == Consultation.objects.get().reference

    def test_a_resend_from_a_fresh_session_shows_the_first_reference(
        self, send, reference_on, form_page
    ):
        message = ConsultationMessageFactory()
        first = reference_on(send(message))
        other_tab = Client()

        again = reference_on(send(message, using=other_tab), browser=other_tab)

        assert again == first
        assert Consultation.objects.count() == 1

    def test_two_different_forms_make_two_records(self, send, form_page):
        send(ConsultationMessageFactory())
        send(ConsultationMessageFactory())

        assert Consultation.objects.count() == 2
        # The same visitor's address: acknowledged once per window (workflows/core/relay.py).
        assert len(mail.outbox) == 1


class TestCaching:
    """Pages that carry a form, or one visitor's reference, never go into a shared cache."""

    @pytest.mark.parametrize("url", ["/message/", "/en/message/", "/message/thanks/"])
    def test_an_anonymous_visitor_gets_a_response_no_shared_cache_may_keep(
        self, client, form_page, url
    ):
        response = client.get(url)

        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert "public" not in cache_control
        assert cache_control & {"no-cache", "no-store", "private"}
