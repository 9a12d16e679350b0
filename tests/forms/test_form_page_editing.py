"""Marketing words the "leave a message" page; visitors see what was published (P1.1)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from .conftest import FORM_URL
from .factories import ConsultationMessageFactory

pytestmark = pytest.mark.django_db

NEW_INTRO = "Ask us about excavators, cranes and generators."
NEW_THANKS = "Thank you! Our team answers within one working day."


def edit_form(page, *, intro, thank_you_text, publish):
    """The page editor's POST data, as the admin's edit form sends it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(f"<p>{intro}</p>"),
        "thank_you_text": rich_text(f"<p>{thank_you_text}</p>"),
        "channel": page.channel_id,
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


@pytest.fixture
def editor():
    """Post to the page editor as `user`; return the response."""

    def post(user, page, **texts):
        browser = Client()
        browser.force_login(user)
        return browser.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form(page, **texts)
        )

    return post


class TestMarketingEditsTheFormPage:
    def test_a_published_intro_is_shown_on_the_form(self, editor, staff, form_page, html):
        response = editor(
            staff["Marketing"], form_page, intro=NEW_INTRO, thank_you_text=NEW_THANKS, publish=True
        )

        assert response.status_code == 302
        intro = html(Client().get(FORM_URL)).select_one(".intake__intro")
        assert intro.get_text(strip=True) == NEW_INTRO

    def test_a_published_thank_you_text_is_shown_after_sending(
        self, editor, staff, form_page, html, send
    ):
        editor(
            staff["Marketing"], form_page, intro=NEW_INTRO, thank_you_text=NEW_THANKS, publish=True
        )

        visitor = Client()
        sent = send(ConsultationMessageFactory(), using=visitor)
        thanks = html(visitor.get(sent["Location"])).select_one(".intake--thanks")
        assert NEW_THANKS in thanks.get_text()
        assert thanks.select_one("[data-reference]") is not None

    def test_a_saved_draft_is_not_shown_to_visitors(self, editor, staff, form_page):
        response = editor(
            staff["Marketing"], form_page, intro=NEW_INTRO, thank_you_text=NEW_THANKS, publish=False
        )

        assert response.status_code == 302
        form_page.refresh_from_db()
        assert form_page.has_unpublished_changes
        assert NEW_INTRO not in Client().get(FORM_URL).text

    def test_customer_service_cannot_change_the_page(self, editor, staff, form_page):
        editor(
            staff["Customer Service"],
            form_page,
            intro=NEW_INTRO,
            thank_you_text=NEW_THANKS,
            publish=True,
        )

        form_page.refresh_from_db()
        assert NEW_INTRO not in form_page.intro
        assert NEW_INTRO not in Client().get(FORM_URL).text
