"""A customer sends a suggestion on the website and gets a reference and a private link (P9.7).

The same protections as the consultation form: CSRF, a honeypot, the shared rate
limit, a message at each field, nothing stored on error, no duplicate on resubmit.
"""

import pytest
from django.core import mail
from django.test import Client

from tests.forms.factories import ConsultationMessageFactory
from tests.site.factories import ContactSettingsFactory
from tests.workflows.suggestions.factories import SuggestionFormFactory, SuggestionFormPageFactory
from workflows.core.choices import MessageChannel
from workflows.core.models import OutboundMessage
from workflows.suggestions.choices import SuggestionSource
from workflows.suggestions.choices import SuggestionState as S
from workflows.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db

FORM_URL = "/en/suggestion/"
VISITOR = "203.0.113.7"
ANOTHER_VISITOR = "198.51.100.23"


@pytest.fixture
def page(home_page):
    return SuggestionFormPageFactory(parent=home_page)


def assert_nothing_stored():
    assert not Suggestion.objects.exists()
    assert not OutboundMessage.objects.exists()
    assert mail.outbox == []


def max_length(field):
    name = {"company": "proposer_company", "phone": "proposer_phone", "email": "proposer_email"}
    return Suggestion._meta.get_field(name.get(field, field)).max_length


@pytest.fixture
def thanks_page(client, html):
    """The thank-you page this browser is sent to: (reference, tracking link) shown."""

    def follow(response, browser=None):
        assert response.status_code == 302
        # (Ends with: the language prefix depends on the language the URL resolver
        # cached first, which other test modules may have changed.)
        assert response["Location"].endswith("/suggestion/thanks/")
        thanks = (browser or client).get(response["Location"])
        assert thanks.status_code == 200
        reference = html(thanks).select_one("[data-reference]")
        link = html(thanks).select_one("[data-tracking-link]")
        return (
            reference.get_text(strip=True) if reference else None,
            link["href"] if link else None,
        )

    return follow


class TestTheFormPage:
    def test_shows_the_form_and_is_never_cached(self, client, html, page):
        response = client.get(FORM_URL)

        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        form = html(response).select_one("form.intake-form")
        for name in ("proposer_name", "phone", "email", "category", "subject", "description"):
            assert form.select_one(f'[name="{name}"]') is not None, name

    def test_shows_the_complaint_hotline_and_mailbox_from_the_site_settings(
        self, client, html, page
    ):
        ContactSettingsFactory()

        shown = html(client.get(FORM_URL)).select_one("[data-complaint-contact]").get_text()

        assert "0800-123-456" in shown
        assert "complaints@rental.example" in shown


class TestSendingASuggestion:
    def test_is_stored_once_as_a_customers_suggestion_received_in_the_pages_language(
        self, send, page
    ):
        response = send(SuggestionFormFactory(), url=FORM_URL)

        assert response.status_code == 302
        suggestion = Suggestion.objects.get()
        assert suggestion.state == S.RECEIVED
        assert suggestion.source == SuggestionSource.CUSTOMER
        assert suggestion.proposer_name == "王小明"
        assert suggestion.category == "service"
        assert suggestion.language == "en"

    def test_the_thank_you_page_shows_the_reference_and_the_private_tracking_link(
        self, send, client, thanks_page, page
    ):
        reference, link = thanks_page(send(SuggestionFormFactory(), url=FORM_URL))

        suggestion = Suggestion.objects.get()
        assert reference == suggestion.reference
        assert link.endswith(f"/track/{suggestion.tracking_token}/")
        tracking = client.get(link)
        assert tracking.status_code == 200
        assert suggestion.reference in tracking.text

    def test_the_acknowledgement_email_carries_the_reference_and_the_link(self, send, page):
        send(SuggestionFormFactory(), url=FORM_URL)

        suggestion = Suggestion.objects.get()
        assert len(mail.outbox) == 1
        assert suggestion.reference in mail.outbox[0].subject
        assert suggestion.tracking_token in mail.outbox[0].body
        assert OutboundMessage.objects.get().channel == MessageChannel.EMAIL


class TestASuggestionThatCannotBeAccepted:
    @pytest.mark.parametrize("field", ["proposer_name", "subject", "description"])
    def test_a_missing_required_field_is_named_and_nothing_is_stored(
        self, send, field_block, page, field
    ):
        response = send(SuggestionFormFactory(**{field: ""}), url=FORM_URL)

        assert response.status_code == 400
        assert "This field is required." in field_block(response, field).get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize(
        ("field", "too_long"),
        [
            ("proposer_name", lambda n: "字" * n),
            ("company", lambda n: "字" * n),
            ("phone", lambda n: "0" * n),
            ("email", lambda n: "a" * (n - len("@example.com")) + "@example.com"),
            ("subject", lambda n: "字" * n),
            ("description", lambda n: "字" * n),
        ],
    )
    def test_one_character_over_the_limit_is_refused_at_that_field(
        self, send, field_block, page, field, too_long
    ):
        limit = 4000 if field == "description" else max_length(field)

        response = send(SuggestionFormFactory(**{field: too_long(limit + 1)}), url=FORM_URL)

        assert response.status_code == 400
        assert (
            f"Ensure this value has at most {limit} characters (it has {limit + 1})."
            in field_block(response, field).get_text()
        )
        assert_nothing_stored()

    @pytest.mark.parametrize("email", ["wang.example.com", "wang@", '"<b>x</b>"@example.com'])
    def test_a_bad_email_address_is_refused_at_the_email_field(
        self, send, field_block, page, email
    ):
        response = send(SuggestionFormFactory(email=email), url=FORM_URL)

        assert response.status_code == 400
        assert "Enter a valid email address." in field_block(response, "email").get_text()
        assert_nothing_stored()

    @pytest.mark.parametrize("phone", ["call me", "12345", "<script>alert(1)</script>"])
    def test_a_bad_phone_number_is_refused_at_the_phone_field(self, send, field_block, page, phone):
        response = send(SuggestionFormFactory(phone=phone), url=FORM_URL)

        assert response.status_code == 400
        assert "Enter a phone number of digits" in field_block(response, "phone").get_text()
        assert_nothing_stored()

    def test_an_unknown_topic_is_refused_at_its_field(self, send, field_block, page):
        response = send(SuggestionFormFactory(category="bribes"), url=FORM_URL)

        assert response.status_code == 400
        assert "Select a valid choice." in field_block(response, "category").get_text()
        assert_nothing_stored()

    def test_without_phone_or_email_it_asks_for_one_at_both_fields(self, send, field_block, page):
        response = send(SuggestionFormFactory(phone="", email=""), url=FORM_URL)

        message = "Give a phone number or an email address, so that we can reply."
        assert response.status_code == 400
        assert message in field_block(response, "phone").get_text()
        assert message in field_block(response, "email").get_text()
        assert_nothing_stored()


class TestABotFillingTheHiddenField:
    def test_looks_like_success_but_stores_nothing(self, send, thanks_page, page):
        response = send(SuggestionFormFactory(website="http://cheap-pills.example"), url=FORM_URL)

        assert thanks_page(response) == (None, None)
        assert_nothing_stored()


class TestTheSharedRateLimit:
    @pytest.fixture(autouse=True)
    def _small_limit(self, settings):
        settings.INTAKE_RATE_LIMIT = 2

    def test_the_suggestion_after_the_limit_gets_429_and_is_not_stored(self, send, html, page):
        for _ in range(2):
            assert (
                send(SuggestionFormFactory(), url=FORM_URL, REMOTE_ADDR=VISITOR).status_code == 302
            )

        response = send(SuggestionFormFactory(), url=FORM_URL, REMOTE_ADDR=VISITOR)

        assert response.status_code == 429
        assert "You have sent several messages" in html(response).select_one(".form-errors").text
        assert Suggestion.objects.count() == 2

    def test_messages_left_on_the_consultation_form_count_too(self, send, page, form_page):
        for _ in range(2):
            send(ConsultationMessageFactory(), url="/en/message/", REMOTE_ADDR=VISITOR)

        response = send(SuggestionFormFactory(), url=FORM_URL, REMOTE_ADDR=VISITOR)

        assert response.status_code == 429
        assert not Suggestion.objects.exists()

    def test_another_address_still_gets_through(self, send, page):
        for _ in range(3):
            send(SuggestionFormFactory(), url=FORM_URL, REMOTE_ADDR=VISITOR)

        response = send(SuggestionFormFactory(), url=FORM_URL, REMOTE_ADDR=ANOTHER_VISITOR)

        assert response.status_code == 302


class TestCrossSiteRequestForgery:
    def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(self, send, page):
        browser = Client(enforce_csrf_checks=True)

        response = send(SuggestionFormFactory(), url=FORM_URL, using=browser)

        assert response.status_code == 403
        assert_nothing_stored()

    def test_a_post_with_the_token_from_the_form_is_accepted(self, send, html, page):
        browser = Client(enforce_csrf_checks=True)
        form = html(browser.get(FORM_URL))
        token = form.select_one('[name="csrfmiddlewaretoken"]')["value"]

        response = send(
            {**SuggestionFormFactory(), "csrfmiddlewaretoken": token}, url=FORM_URL, using=browser
        )

        assert response.status_code == 302
        assert Suggestion.objects.count() == 1


class TestSendingTheSameFormTwice:
    def test_it_makes_one_suggestion_and_one_acknowledgement(self, send, page):
        data = SuggestionFormFactory()

        send(data, url=FORM_URL)
        send(data, url=FORM_URL)

        assert Suggestion.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_a_resend_from_a_fresh_session_shows_the_same_reference_and_link(
        self, send, thanks_page, page
    ):
        data = SuggestionFormFactory()
        first = thanks_page(send(data, url=FORM_URL))
        other = Client()

        second = thanks_page(send(data, url=FORM_URL, using=other), browser=other)

        assert first == second
        assert Suggestion.objects.count() == 1

    def test_even_past_the_rate_limit(self, send, page, settings):
        settings.INTAKE_RATE_LIMIT = 1
        data = SuggestionFormFactory()
        send(data, url=FORM_URL, REMOTE_ADDR=VISITOR)

        assert send(data, url=FORM_URL, REMOTE_ADDR=VISITOR).status_code == 302
        assert Suggestion.objects.count() == 1


class TestMarketingWordsThePage:
    NEW_INTRO = "Tell us how we could serve you better."
    NEW_THANKS = "Thank you! We read every suggestion."

    def edit(self, user, page):
        from django.urls import reverse
        from wagtail.test.utils.form_data import nested_form_data, rich_text

        browser = Client()
        browser.force_login(user)
        data = {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text(f"<p>{self.NEW_INTRO}</p>"),
            "thank_you_text": rich_text(f"<p>{self.NEW_THANKS}</p>"),
            "action-publish": "action-publish",
        }
        return browser.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data)
        )

    def test_the_published_texts_are_shown_on_the_form_and_after_sending(
        self, staff, page, send, html
    ):
        assert self.edit(staff["Marketing"], page).status_code == 302

        visitor = Client()
        intro = html(visitor.get(FORM_URL)).select_one(".intake__intro")
        assert intro.get_text(strip=True) == self.NEW_INTRO
        sent = send(SuggestionFormFactory(), url=FORM_URL, using=visitor)
        thanks = html(visitor.get(sent["Location"])).select_one(".intake--thanks")
        assert self.NEW_THANKS in thanks.get_text()

    def test_customer_service_cannot(self, staff, page):
        self.edit(staff["Customer Service"], page)

        page.refresh_from_db()
        assert self.NEW_INTRO not in page.intro
