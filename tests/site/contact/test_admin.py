"""Marketing keeps the contact details and channels correct in the admin (P1.1, P9.1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from contact.models import ChannelKind, ConsultationChannel, ContactSettings

from ..factories import ConsultationChannelFactory, ContactSettingsFactory

pytestmark = pytest.mark.django_db

CHANNELS_URL = "wagtailsnippets_contact_consultationchannel"

#: The channel form's "in other languages" rows: none.
NO_TEXTS = {
    "texts-TOTAL_FORMS": "0",
    "texts-INITIAL_FORMS": "0",
    "texts-MIN_NUM_FORMS": "0",
    "texts-MAX_NUM_FORMS": "1000",
}

CONTACT_FORM = {
    "company_name": "Acme Rentals Ltd.",
    "hotline": "02-8888-0000",
    "email": "hello@acme.example",
    "address": "1 Harbour Road",
    "opening_hours": "Mon-Sat 08:00-20:00",
    "complaint_hotline": "0800-000-111",
    "complaint_email": "voice@acme.example",
}


@pytest.fixture
def admin_user(admin_user):
    """The superuser, reading the admin in English so that tests can read its labels."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    return admin_user


@pytest.fixture
def editor_without_settings_permission(db):
    user = get_user_model().objects.create_user(username="editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def settings_edit_url(client):
    """The edit URL of the one ContactSettings row, as the admin menu leads to it."""
    response = client.get(reverse("wagtailsettings:edit", args=["contact", "contactsettings"]))
    assert response.status_code == 302
    return response["Location"]


class TestContactSettingsInTheAdmin:
    def test_a_superuser_edits_the_contact_details(self, client, admin_user):
        ContactSettingsFactory()
        client.force_login(admin_user)
        url = settings_edit_url(client)

        assert client.get(url).status_code == 200
        response = client.post(url, {**CONTACT_FORM, **NO_TEXTS})

        assert response.status_code == 302
        saved = ContactSettings.objects.get()
        for field, value in CONTACT_FORM.items():
            assert getattr(saved, field) == value

    def test_the_edited_details_show_on_the_website_at_once(self, client, admin_user, home_page):
        ContactSettingsFactory()
        client.force_login(admin_user)
        client.post(settings_edit_url(client), {**CONTACT_FORM, **NO_TEXTS})
        client.logout()

        response = client.get("/")

        assert "0800-000-111" in response.text
        assert "voice@acme.example" in response.text

    def test_an_invalid_mailbox_is_refused_and_nothing_is_saved(self, client, admin_user):
        ContactSettingsFactory()
        client.force_login(admin_user)

        response = client.post(
            settings_edit_url(client),
            {**CONTACT_FORM, **NO_TEXTS, "complaint_email": "not-an-address"},
        )

        assert response.status_code == 200
        assert ContactSettings.objects.get().complaint_email == "complaints@rental.example"

    def test_a_user_without_the_permission_cannot_change_them(
        self, client, editor_without_settings_permission
    ):
        contact = ContactSettingsFactory()
        client.force_login(editor_without_settings_permission)

        client.post(
            reverse("wagtailsettings:edit", args=["contact", "contactsettings", contact.pk]),
            CONTACT_FORM,
        )

        contact.refresh_from_db()
        assert contact.hotline == "(02) 2345-6789"


class TestChannelListing:
    def test_shows_name_kind_contact_detail_hours_reply_promise_and_status(
        self, client, html, admin_user
    ):
        ConsultationChannelFactory(
            name="Hotline",
            contact_detail="02-1111-2222",
            service_hours="24/7",
            reply_within_hours=8,
        )
        ConsultationChannelFactory(name="Old fax", draft=True)
        client.force_login(admin_user)

        page = html(client.get(reverse(f"{CHANNELS_URL}:list")))

        headings = [th.get_text(" ", strip=True) for th in page.select("thead th")]
        assert headings[1:] == [
            "Name",
            "Kind",
            "Contact detail",
            "Service hours",
            "Reply within (hours)",
            "Status",
        ]
        rows = {
            row.select_one("td a").get_text(strip=True): [
                td.get_text(" ", strip=True) for td in row.find_all("td")
            ]
            for row in page.select("tbody tr")
        }
        assert {"Phone", "02-1111-2222", "24/7", "8", "live"} <= set(rows["Hotline"])
        assert "draft" in rows["Old fax"]

    def test_filters_by_kind(self, client, admin_user):
        ConsultationChannelFactory(name="Hotline")
        ConsultationChannelFactory(name="Mailbox", email=True)
        client.force_login(admin_user)

        response = client.get(reverse(f"{CHANNELS_URL}:list"), {"kind": ChannelKind.EMAIL})

        assert "Mailbox" in response.text
        assert "Hotline" not in response.text

    def test_searches_by_part_of_a_chinese_name(self, client, admin_user):
        ConsultationChannelFactory(name="LINE 官方帳號")
        ConsultationChannelFactory(name="免付費專線")
        client.force_login(admin_user)

        response = client.get(reverse(f"{CHANNELS_URL}:list"), {"q": "官方"})

        assert "LINE 官方帳號" in response.text
        assert "免付費專線" not in response.text

    def test_runs_a_constant_number_of_queries(self, client, admin_user):
        client.force_login(admin_user)
        url = reverse(f"{CHANNELS_URL}:list")
        ConsultationChannelFactory()
        client.get(url)
        with CaptureQueriesContext(connection) as one_channel:
            client.get(url)

        ConsultationChannelFactory.create_batch(49)
        with CaptureQueriesContext(connection) as fifty_channels:
            client.get(url)

        assert len(fifty_channels) == len(one_channel)

    def test_is_in_the_admin_menu(self, client, admin_user):
        client.force_login(admin_user)

        response = client.get(reverse("wagtailadmin_home"))

        assert reverse(f"{CHANNELS_URL}:list") in response.text


class TestChannelEditing:
    def test_the_form_groups_how_customers_reach_the_channel(self, client, admin_user):
        client.force_login(admin_user)

        response = client.get(reverse(f"{CHANNELS_URL}:add"))

        assert response.status_code == 200
        assert "How customers reach us" in response.text
        for field in ("name", "kind", "contact_detail", "link", "service_hours"):
            assert f'name="{field}"' in response.text

    def test_a_published_new_channel_appears_on_the_website(self, client, admin_user, home_page):
        client.force_login(admin_user)

        response = client.post(
            reverse(f"{CHANNELS_URL}:add"),
            {
                "name": "Online chat",
                "kind": ChannelKind.CHAT,
                "contact_detail": "",
                "link": "https://chat.rental.example/",
                "service_hours": "09:00-21:00",
                "description": "",
                "reply_within_hours": "2",
                "action-publish": "action-publish",
                **NO_TEXTS,
            },
        )

        assert response.status_code == 302
        channel = ConsultationChannel.objects.get()
        assert channel.live
        client.logout()
        assert 'href="https://chat.rental.example/"' in client.get("/").text

    def test_english_text_entered_with_the_channel_shows_on_the_english_pages(
        self, client, admin_user, home_page
    ):
        client.force_login(admin_user)

        response = client.post(
            reverse(f"{CHANNELS_URL}:add"),
            {
                "name": "客服專線",
                "kind": ChannelKind.PHONE,
                "contact_detail": "(02) 2345-6789",
                "service_hours": "週一至週五 08:30–18:00",
                "description": "電話中即可答覆報價。",
                "reply_within_hours": "4",
                "action-publish": "action-publish",
                "texts-TOTAL_FORMS": "1",
                "texts-INITIAL_FORMS": "0",
                "texts-MIN_NUM_FORMS": "0",
                "texts-MAX_NUM_FORMS": "1000",
                "texts-0-language": "en",
                "texts-0-name": "Service line",
                "texts-0-service_hours": "Mon–Fri 08:30–18:00",
                "texts-0-description": "",
                "texts-0-ORDER": "1",
                "texts-0-id": "",
                "texts-0-DELETE": "",
            },
        )

        assert response.status_code == 302
        client.logout()
        english = client.get("/en/").text
        assert "Service line" in english
        assert "Mon–Fri 08:30–18:00" in english
        assert "客服專線" not in english
        assert "客服專線" in client.get("/").text

    def test_a_saved_draft_stays_off_the_website(self, client, admin_user, home_page):
        client.force_login(admin_user)

        client.post(
            reverse(f"{CHANNELS_URL}:add"),
            {
                "name": "Video call",
                "kind": ChannelKind.OTHER,
                "reply_within_hours": "24",
                **NO_TEXTS,
            },
        )

        assert not ConsultationChannel.objects.get().live
        client.logout()
        assert "Video call" not in client.get("/").text

    def test_reordering_changes_the_order_on_the_website(self, client, html, admin_user, home_page):
        first = ConsultationChannelFactory(name="First", sort_order=0)
        ConsultationChannelFactory(name="Second", sort_order=1)
        client.force_login(admin_user)

        response = client.post(reverse(f"{CHANNELS_URL}:reorder", args=[first.pk]) + "?position=1")

        assert response.status_code == 200
        client.logout()
        names = [n.get_text() for n in html(client.get("/")).select(".channel-strip__name")]
        assert names == ["Second", "First"]
