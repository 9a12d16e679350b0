"""Visitors search the pages and the catalogue by any fragment of Chinese text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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

        found = html(client.get("/search/", {"q": "設備租"})).select(".search-results a")

        assert [a.get_text() for a in found] == ["關於我們"]

    def test_searches_the_visitors_language_tree(self, client, html, public_site):
        about_en = public_site["en"]["about"]
        about_en.title = "About the company"
        about_en.save_revision().publish()

        found = html(client.get("/en/search/", {"q": "company"})).select(".search-results a")

        assert [a["href"] for a in found] == ["/en/about/"]

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
