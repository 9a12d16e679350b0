"""The contact details read in the visitor's language: footer, JSON-LD, meta description."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from contact.models import ContactSettings, ContactText

from ..factories import ContactSettingsFactory, ContactTextFactory
from .test_admin import CONTACT_FORM, settings_edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(db):
    contact = ContactSettingsFactory(
        company_name="大安軟體設備租賃", default_description="台北設備租賃，軟體與機具"
    )
    ContactTextFactory(
        contact=contact,
        company_name="Da-An Rentals",
        address="100 Fuxing S. Rd., Taipei",
        opening_hours="",
        default_description="Equipment rental in Taipei",
    )
    return contact


def footer(client, html, url):
    return html(client.get(url)).find("footer").get_text(" ", strip=True)


def local_business(client, html, url):
    return json.loads(html(client.get(url)).find("script", type="application/ld+json").string)


class TestTheFooter:
    def test_english(self, client, html, contact, home_page):
        text = footer(client, html, "/en/")

        assert "Da-An Rentals" in text
        assert "100 Fuxing S. Rd., Taipei" in text
        assert "週一至週五 09:00–18:00" in text  # not written in English: as stored
        assert "大安軟體設備租賃" not in text

    def test_simplified_chinese_by_opencc(self, client, html, contact, home_page):
        text = footer(client, html, "/zh-hans/")

        assert "大安软件设备租赁" in text
        assert "周一至周五 09:00–18:00" in text
        assert "大安軟體" not in text

    def test_a_written_simplified_text_wins(self, client, html, contact, home_page):
        ContactTextFactory(
            contact=contact,
            language="zh-hans",
            company_name="大安租赁公司",
            address="",
            opening_hours="",
        )

        text = footer(client, html, "/zh-hans/")

        assert "大安租赁公司" in text
        assert "周一至周五" in text

    def test_traditional_chinese(self, client, html, contact, home_page):
        text = footer(client, html, "/")

        assert "大安軟體設備租賃" in text
        assert "Da-An Rentals" not in text


class TestSearchEnginesAndPreviews:
    def test_the_local_business_is_in_english(self, client, html, contact, home_page):
        data = local_business(client, html, "/en/")

        assert data["name"] == "Da-An Rentals"
        assert data["address"]["streetAddress"] == "100 Fuxing S. Rd., Taipei"
        assert data["openingHours"] == "週一至週五 09:00–18:00"

    def test_the_local_business_in_simplified_chinese(self, client, html, contact, home_page):
        data = local_business(client, html, "/zh-hans/")

        assert data["name"] == "大安软件设备租赁"

    def test_the_default_description_follows_the_language(self, client, html, contact, home_page):
        def description(url):
            return html(client.get(url)).find("meta", attrs={"name": "description"})["content"]

        assert description("/") == "台北設備租賃，軟體與機具"
        assert description("/en/") == "Equipment rental in Taipei"
        assert description("/zh-hans/") == "台北设备租赁，软件与机具"

    def test_the_texts_take_the_same_queries_on_every_visit(self, client, contact, home_page):
        def count(url):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            return len([q for q in queries if "contact_contacttext" in q["sql"]])

        assert count("/") == 0
        assert count("/en/") <= 1


class TestWithoutARequest:
    def test_printed_documents_keep_the_stored_details(self, contact):
        from django.utils import translation

        with translation.override("en"):
            assert ContactSettings.load().company_name == "大安軟體設備租賃"


class TestEditingInTheAdmin:
    def test_a_language_row_is_saved_with_the_details(self, client, admin_user):
        from wagtail.users.models import UserProfile

        ContactSettingsFactory()
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(admin_user)
        row = {"id": "", "language": "en", "company_name": "Acme Rentals", "address": ""}
        row |= {"opening_hours": "Mon-Sat", "default_description": ""}

        response = client.post(
            settings_edit_url(client),
            nested_form_data({**CONTACT_FORM, "texts": inline_formset([row])}),
        )

        assert response.status_code == 302
        text = ContactText.objects.get()
        assert (text.language, text.company_name, text.opening_hours) == (
            "en",
            "Acme Rentals",
            "Mon-Sat",
        )
        assert ContactSettings.objects.get().company_name == CONTACT_FORM["company_name"]
        assert reverse("wagtailsettings:edit", args=["contact", "contactsettings"])
