"""The public website shows every consultation channel and the contact details (P1.1, P9.1)."""

import json

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, get_page_models
from wagtail.rich_text import RichText

from contact.models import ChannelKind
from home.models import ChannelIndexPage, HomePage, StandardPage

from ..factories import ConsultationChannelFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["home_page", "channel_page", "standard_page"]


@pytest.fixture(params=PUBLIC_PAGES)
def any_page(request):
    return request.getfixturevalue(request.param)


class TestChannelsOnEveryPage:
    def test_every_published_channel_is_shown_with_its_contact_link_and_hours(
        self, client, html, any_page
    ):
        ConsultationChannelFactory(
            name="客服專線", contact_detail="(02) 2345-6789", service_hours="每日 08:00–22:00"
        )
        mailbox = ConsultationChannelFactory(email=True, contact_detail="help@rental.example")

        strip = html(client.get(any_page.url)).select_one(".channel-strip")

        assert strip is not None
        text = strip.get_text()
        assert "客服專線" in text
        assert "每日 08:00–22:00" in text
        assert mailbox.name in text
        assert strip.find("a", href="tel:0223456789").get_text() == "(02) 2345-6789"
        assert strip.find("a", href="mailto:help@rental.example") is not None

    def test_unpublished_channels_are_not_shown(self, client, any_page):
        ConsultationChannelFactory(name="Published line")
        ConsultationChannelFactory(name="Draft line", draft=True)

        response = client.get(any_page.url)

        assert "Published line" in response.text
        assert "Draft line" not in response.text

    def test_channels_are_shown_in_the_order_marketing_set(self, client, html, home_page):
        ConsultationChannelFactory(name="Second", sort_order=2)
        ConsultationChannelFactory(name="First", sort_order=1)

        names = [
            item.get_text()
            for item in html(client.get(home_page.url)).select(".channel-strip__name")
        ]

        assert names == ["First", "Second"]

    def test_html_in_a_channel_name_is_shown_as_text(self, client, html, home_page):
        ConsultationChannelFactory(name='<script>alert("x")</script>Line')

        response = client.get(home_page.url)

        assert b'<script>alert("x")</script>' not in response.content
        assert b"&lt;script&gt;" in response.content
        assert html(response).select_one(".channel-strip__name").get_text() == (
            '<script>alert("x")</script>Line'
        )

    def test_a_script_link_is_never_rendered(self, client, html, any_page):
        ConsultationChannelFactory(
            name="Chat", contact_detail="Start a chat", link="JavaScript:alert(document.cookie)"
        )

        response = client.get(any_page.url)

        assert "alert(document.cookie)" not in response.text
        assert "Start a chat" in response.text

    def test_a_channel_without_a_link_shows_its_detail_as_text(self, client, html, home_page):
        ConsultationChannelFactory(
            kind=ChannelKind.OTHER, name="Counter", contact_detail="1F, Main office", link=""
        )

        item = html(client.get(home_page.url)).select_one(".channel-strip__item")

        assert item.find("a") is None
        assert "1F, Main office" in item.get_text()

    def test_without_published_channels_the_strip_is_left_out(self, client, html, home_page):
        ConsultationChannelFactory(draft=True)

        assert html(client.get(home_page.url)).select_one(".channel-strip") is None


class TestFooter:
    def test_shows_the_full_contact_details(self, client, html, contact, any_page):
        footer = html(client.get(any_page.url)).find("footer")

        text = footer.get_text()
        for value in (
            contact.company_name,
            contact.hotline,
            contact.email,
            contact.address,
            contact.opening_hours,
        ):
            assert value in text
        assert footer.find("a", href="tel:0223456789") is not None
        assert footer.find("a", href="mailto:service@rental.example") is not None

    def test_shows_the_complaint_hotline_and_mailbox(self, client, html, contact, any_page):
        footer = html(client.get(any_page.url)).find("footer")

        assert footer.find("a", href="tel:0800123456").get_text() == "0800-123-456"
        assert footer.find("a", href="mailto:complaints@rental.example") is not None

    def test_the_header_shows_the_company_name(self, client, html, contact, home_page):
        header = html(client.get(home_page.url)).find("header")

        assert contact.company_name in header.get_text()


class TestLanguages:
    def test_the_default_url_is_in_traditional_chinese(self, client, html, home_page):
        page = html(client.get("/"))

        assert page.find("html")["lang"] == "zh-hant"
        assert page.find("option", selected=True)["value"] == "zh-hant"

    def test_the_en_prefix_serves_the_english_interface(self, client, html, home_page):
        response = client.get("/en/")

        assert response.status_code == 200
        assert html(response).find("html")["lang"] == "en"
        assert html(response).find("option", selected=True)["value"] == "en"
        assert "Skip to main content" in response.text

    def test_a_page_below_home_is_served_in_each_language(self, client, html, standard_page):
        for prefix, lang in (("", "zh-hant"), ("/zh-hans", "zh-hans"), ("/en", "en")):
            response = client.get(f"{prefix}/about/")

            assert response.status_code == 200
            assert html(response).find("html")["lang"] == lang

    def test_the_switcher_offers_the_three_languages_and_posts_to_set_language(
        self, client, html, home_page
    ):
        form = html(client.get("/")).select_one("form.language-switcher")

        assert form["method"] == "post"
        assert form["action"] == "/i18n/setlang/"
        assert [option["value"] for option in form.find_all("option")] == [
            "zh-hant",
            "zh-hans",
            "en",
        ]
        assert form.find("option", selected=True)["value"] == "zh-hant"
        # No per-visitor token: public pages stay shareable by caches.
        assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None

    def test_a_public_page_sets_no_cookie_and_switching_needs_no_token(self, home_page):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        response = client.get("/")
        assert response.cookies == {}

        response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        assert response.status_code == 302
        assert response["Location"] == "/en/"

    def test_switching_from_an_english_page_leads_to_the_same_page_in_the_chosen_language(
        self, client, html, standard_page
    ):
        form = html(client.get("/en/about/")).select_one("form.language-switcher")
        next_url = form.find("input", attrs={"name": "next"})["value"]

        response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": next_url})

        assert response.status_code == 302
        assert response["Location"] == "/zh-hans/about/"

    def test_switching_to_the_default_language_drops_the_prefix(self, client, html, standard_page):
        form = html(client.get("/zh-hans/about/")).select_one("form.language-switcher")
        next_url = form.find("input", attrs={"name": "next"})["value"]

        response = client.post("/i18n/setlang/", {"language": "zh-hant", "next": next_url})

        assert response["Location"] == "/about/"

    def test_every_language_version_is_announced_to_search_engines(self, client, html, home_page):
        links = html(client.get("/")).find_all("link", rel="alternate")

        assert {link["hreflang"]: link["href"] for link in links} == {
            "zh-hant": "http://testserver/",
            "zh-hans": "http://testserver/zh-hans/",
            "en": "http://testserver/en/",
        }


class TestHttpCaching:
    def test_anonymous_visitors_get_a_publicly_cacheable_page(self, client, settings, any_page):
        settings.PUBLIC_PAGE_CACHE_SECONDS = 300

        response = client.get(any_page.url)

        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=300"}
        assert "Cookie" in response["Vary"]

    def test_logged_in_users_get_a_private_uncached_page(self, client, admin_user, any_page):
        client.force_login(admin_user)

        response = client.get(any_page.url)

        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"private", "no-cache"}
        assert "Cookie" in response["Vary"]

    def test_a_page_behind_a_password_is_never_publicly_cached(self, client, standard_page):
        standard_page.view_restrictions.create(restriction_type="password", password="secret")
        client.post(
            f"/_util/authenticate_with_password/{standard_page.view_restrictions.get().pk}"
            f"/{standard_page.pk}/",
            {"password": "secret", "return_url": "/about/"},
        )

        response = client.get("/about/")

        assert response.status_code == 200
        assert "public" not in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

    def test_a_page_showing_a_one_off_message_is_never_publicly_cached(self, rf, home_page):
        request = rf.get("/")
        request.user = AnonymousUser()
        request.session = {}
        request._messages = FallbackStorage(request)
        messages.success(request, "Thank you, we received your consultation.")

        response = home_page.serve(request)

        assert "private" in response["Cache-Control"]
        assert "Thank you, we received your consultation." in response.render().text

    def test_content_pages_refuse_posts(self, client, home_page):
        assert client.post(home_page.url).status_code == 405


class TestQueryCount:
    def test_the_home_page_reads_the_channels_in_a_constant_number_of_queries(
        self, client, home_page
    ):
        ConsultationChannelFactory()
        client.get("/")  # settings row and caches created on the first visit
        with CaptureQueriesContext(connection) as one_channel:
            client.get("/")

        ConsultationChannelFactory.create_batch(19)
        with CaptureQueriesContext(connection) as twenty_channels:
            response = client.get("/")

        assert response.text.count('class="channel-strip__name"') == 20
        assert len(twenty_channels) == len(one_channel)

    def test_the_channel_page_reads_the_channels_once(self, client, channel_page):
        ConsultationChannelFactory.create_batch(5)
        client.get(channel_page.url)

        with CaptureQueriesContext(connection) as queries:
            client.get(channel_page.url)

        channel_queries = [q for q in queries if 'FROM "contact_consultationchannel"' in q["sql"]]
        assert len(channel_queries) == 1


class TestChannelIndexPage:
    def test_lists_each_channel_with_its_details_hours_description_and_reply_promise(
        self, client, html, channel_page
    ):
        channel = ConsultationChannelFactory(
            name="LINE 官方帳號",
            kind=ChannelKind.CHAT,
            contact_detail="@rental",
            link="https://line.example/@rental",
            service_hours="每日 09:00–21:00",
            description="傳訊息給我們，客服人員即時回覆。",
            reply_within_hours=4,
        )

        card = html(client.get(channel_page.url)).select_one(f"#channel-{channel.pk}")

        text = card.get_text(" ", strip=True)
        assert "LINE 官方帳號" in text
        assert "每日 09:00–21:00" in text
        assert "傳訊息給我們，客服人員即時回覆。" in text
        assert "4" in card.select_one(".channel-card__details").get_text()
        assert card.find("a", href="https://line.example/@rental").get_text() == "@rental"

    def test_leaves_out_unpublished_channels(self, client, html, channel_page):
        ConsultationChannelFactory(name="Old fax line", draft=True)

        page = html(client.get(channel_page.url))

        assert page.select(".channel-card") == []
        assert "Old fax line" not in page.get_text()

    def test_shows_the_company_contact_details_and_complaint_channels(
        self, client, html, contact, channel_page
    ):
        panel = html(client.get(channel_page.url)).select_one("main .panel")

        text = panel.get_text()
        assert contact.address in text
        assert contact.hotline in text
        assert contact.complaint_hotline in text
        assert contact.complaint_email in text

    def test_the_reply_promise_is_in_english_on_the_english_page(self, client, channel_page):
        ConsultationChannelFactory(reply_within_hours=48)

        response = client.get("/en/channels/")

        assert "we reply within 48 hours" in response.text


class TestPageContent:
    def test_home_page_shows_its_hero_heading_intro_and_body(self, client, html, home_page):
        target = StandardPageFactory(parent=home_page, title="Terms", slug="terms")
        home_page.body = [
            ("heading", {"text": "Why rent from us", "level": "h2"}),
            ("paragraph", RichText("<p>Delivered and <b>serviced</b>.</p>")),
            (
                "call_to_action",
                {
                    "heading": "Ask us",
                    "text": "",
                    "page": target,
                    "button_label": "Read the terms",
                },
            ),
        ]
        home_page.save_revision().publish()

        page = html(client.get("/"))

        assert page.find("h1").get_text() == home_page.hero_heading
        assert "工程機械" in page.select_one(".hero__intro").get_text()
        assert page.find("h2", string="Why rent from us") is not None
        assert page.find("b", string="serviced") is not None
        assert page.find("a", string="Read the terms")["href"] == "/terms/"

    def test_an_image_is_shown_with_its_alt_text_and_caption(self, client, html, standard_page):
        image = Image.objects.create(title="Excavator", file=get_test_image_file())
        standard_page.body = json.dumps(
            [
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": image.pk,
                            "decorative": False,
                            "alt_text": "A yellow digger",
                        },
                        "caption": "Our 20-tonne excavator",
                    },
                }
            ]
        )
        standard_page.save_revision().publish()

        figure = html(client.get(standard_page.url)).select_one("figure")

        assert figure.find("img")["alt"] == "A yellow digger"
        assert figure.find("figcaption").get_text() == "Our 20-tonne excavator"

    def test_a_call_to_action_to_an_unpublished_page_has_no_button(self, client, html, home_page):
        target = StandardPageFactory(parent=home_page, slug="draft")
        target.unpublish()
        home_page.body = [
            (
                "call_to_action",
                {"heading": "Ask us", "text": "", "page": target, "button_label": "Go"},
            )
        ]
        home_page.save_revision().publish()

        cta = html(client.get("/")).select_one(".call-to-action")

        assert cta.find("a") is None

    def test_standard_page_shows_its_title_and_intro(self, client, html, standard_page):
        page = html(client.get(standard_page.url))

        assert page.find("h1").get_text() == standard_page.title
        assert standard_page.intro in page.select_one(".lead").get_text()

    def test_pages_marked_for_the_menu_appear_in_the_main_menu(self, client, html, home_page):
        StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
        StandardPageFactory(parent=home_page, title="Hidden", slug="hidden", show_in_menus=False)

        nav = html(client.get("/")).select_one("nav.site-nav")

        assert [(a.get_text(), a["href"]) for a in nav.find_all("a")] == [("About us", "/about/")]

    def test_an_unknown_url_gets_the_site_not_found_page_with_the_channels(self, client, home_page):
        ConsultationChannelFactory(name="Hotline")

        response = client.get("/no-such-page/")

        assert response.status_code == 404
        assert "Hotline" in response.text


class TestPageTree:
    def test_the_home_page_lives_at_the_root_of_the_tree(self):
        assert HomePage.allowed_parent_page_models() == [Page]

    def test_the_home_page_accepts_every_page_type_that_may_live_below_it(self):
        """Other apps' pages, such as the intake forms, go directly below the home page."""
        allowed = HomePage.allowed_subpage_models()

        assert ChannelIndexPage in allowed
        assert StandardPage in allowed
        for model in get_page_models():
            if model.is_creatable and HomePage in model.allowed_parent_page_models():
                assert model in allowed, model

    def test_there_is_one_channel_page_per_home_page(self, channel_page, home_page):
        assert not ChannelIndexPage.can_create_at(home_page)

    def test_standard_pages_nest_but_take_nothing_else(self):
        assert StandardPage.allowed_subpage_models() == [StandardPage]
        assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
