"""Visitors search the pages and the catalogue by any fragment of Chinese text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, PageText, StandardPage
from tests.site.catalogue.factories import CataloguePageFactory
from tests.workflows.fleet.factories import EquipmentModelFactory

from ..factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page, website_channel):
    return CataloguePageFactory(parent=home_page)


class TestSiteSearch:
    def test_finds_equipment_by_a_fragment_of_its_chinese_name(self, client, html, catalogue):
        EquipmentModelFactory(name="PC200 20 噸挖土機", code="EX-1", published=True)
        EquipmentModelFactory(name="3 噸堆高機", code="FL-1", published=True)
        EquipmentModelFactory(name="挖土機（未上架）", code="EX-2", published=False)

        page = html(client.get("/search/", {"q": "挖土"}))

        cards = page.select(".card--equipment")
        assert [card["data-model"] for card in cards] == ["EX-1"]
        assert cards[0].find("a")["href"] == "/catalogue/EX-1/"

    def test_finds_pages_by_a_fragment_of_title_or_introduction(self, client, html, home_page):
        StandardPageFactory(parent=home_page, slug="about", title="關於我們", intro="專業設備租賃")
        StandardPageFactory(parent=home_page, slug="terms", title="服務條款", intro="租期與押金")

        found = html(client.get("/search/", {"q": "業設備"})).select(".search-results a")

        assert [a.get_text() for a in found] == ["關於我們"]

    def test_finds_pages_by_words_in_their_body_blocks(self, client, html, home_page):
        about = StandardPageFactory(parent=home_page, slug="about", title="關於我們", intro="")
        about.body = _stream(
            StandardPage,
            [
                ("heading", {"text": "公司沿革", "level": "h2"}),
                (
                    "paragraph",
                    "<p>一九九八年創立，<b>北中南</b>皆有<a href='/x/'>自有拖車</a>。</p>",
                ),
            ],
        )
        about.save_revision().publish()
        StandardPageFactory(parent=home_page, slug="terms", title="服務條款", intro="押金")

        def found(query):
            page = html(client.get("/search/", {"q": query}))
            return [a.get_text() for a in page.select(".search-results a")]

        assert found("皆有自有拖") == ["關於我們"]  # across the link's markup
        assert found("北中南") == ["關於我們"]
        assert found("沿革") == ["關於我們"]
        # Block names, attributes and markup are not text.
        assert found("paragraph") == []
        assert found("href") == []
        assert found("<b>") == []

    def test_finds_the_home_page_by_its_sections(self, client, html, home_page):
        home = HomePage.objects.get(pk=home_page.pk)
        home.body = _stream(
            HomePage,
            [
                (
                    "faq",
                    {
                        "heading": "常見問題",
                        "questions": [
                            {"question": "押金多少？", "answer": "<p>歸還驗收後退還。</p>"}
                        ],
                    },
                ),
                (
                    "steps",
                    {"heading": "租賃流程", "steps": [{"title": "點交", "text": "現場說明"}]},
                ),
            ],
        )
        home.save_revision().publish()

        for query in ("驗收後退", "現場說", "押金多"):
            found = html(client.get("/search/", {"q": query})).select(".search-results a")
            assert [a["href"] for a in found] == ["/"], query
        excerpt = html(client.get("/search/", {"q": "驗收"})).select_one(".search-results__excerpt")
        assert "歸還驗收後退還" in excerpt.get_text()

    def test_finds_only_what_is_published(self, client, html, home_page):
        about = StandardPageFactory(parent=home_page, slug="about", title="關於我們", intro="")
        about.body = _stream(StandardPage, [("paragraph", "<p>舊的說明</p>")])
        about.save_revision().publish()
        about.body = _stream(StandardPage, [("paragraph", "<p>草稿裡的新說明</p>")])
        about.save_revision()  # a draft, not yet published
        hidden = StandardPageFactory(parent=home_page, slug="old", title="舊頁面", intro="舊的")
        hidden.unpublish()

        def found(query):
            page = html(client.get("/search/", {"q": query}))
            return [a.get_text() for a in page.select(".search-results a")]

        assert found("草稿裡") == []
        assert found("舊的") == ["關於我們"]
        StandardPage.objects.get(pk=about.pk).get_latest_revision().publish()
        assert found("草稿裡") == ["關於我們"]
        assert found("舊的") == []

    def test_update_page_text_rebuilds_the_text_of_every_page(self, client, html, home_page):
        from django.core.management import call_command

        StandardPageFactory(parent=home_page, slug="about", title="關於我們", intro="專業設備租賃")
        PageText.objects.all().delete()
        assert html(client.get("/search/", {"q": "專業設備"})).select(".search-results a") == []

        call_command("update_page_text", stdout=open("/dev/null", "w"))  # noqa: SIM115

        found = html(client.get("/search/", {"q": "專業設備"})).select(".search-results a")
        assert [a.get_text() for a in found] == ["關於我們"]

    def test_searches_the_visitors_language_tree(self, client, html, public_site):
        about_en = public_site["en"]["about"]
        about_en.title = "About the company"
        about_en.save_revision().publish()

        found = html(client.get("/en/search/", {"q": "company"})).select(".search-results a")

        assert [a["href"] for a in found] == ["/en/about/"]

    def test_body_text_of_another_language_is_not_found(self, client, html, public_site):
        about_hans = StandardPage.objects.get(pk=public_site["zh-hans"]["about"].pk)
        about_hans.body = _stream(StandardPage, [("paragraph", "<p>专业设备租赁公司</p>")])
        about_hans.save_revision().publish()
        about_en = StandardPage.objects.get(pk=public_site["en"]["about"].pk)
        about_en.body = _stream(StandardPage, [("paragraph", "<p>Equipment rental since 1998</p>")])
        about_en.save_revision().publish()

        def found(prefix, query):
            page = html(client.get(f"{prefix}/search/", {"q": query}))
            return [a["href"] for a in page.select(".search-results a")]

        assert found("/zh-hans", "设备租") == ["/zh-hans/about/"]
        assert found("", "设备租") == []
        assert found("/en", "设备租") == []
        assert found("/en", "RENTAL since") == ["/en/about/"]
        assert found("/zh-hans", "rental since") == []

    def test_is_cacheable_and_the_query_count_does_not_grow_with_results(self, client, catalogue):
        for n in range(2):
            EquipmentModelFactory(name=f"挖土機 {n}", code=f"EX-{n}", published=True)
        client.get("/search/", {"q": "挖土"})  # the site's root paths are cached from here on
        with CaptureQueriesContext(connection) as few:
            response = client.get("/search/", {"q": "挖土"})
        for n in range(2, 12):
            EquipmentModelFactory(name=f"挖土機 {n}", code=f"EX-{n}", published=True)
        with CaptureQueriesContext(connection) as many:
            client.get("/search/", {"q": "挖土"})

        assert len(many) == len(few)
        assert "public" in response["Cache-Control"]
        assert "csrftoken" not in response.cookies


def _stream(model, sections):
    block = model._meta.get_field("body").stream_block
    return block.to_python([{"type": kind, "value": value} for kind, value in sections])
