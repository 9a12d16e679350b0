"""The public equipment catalogue: published models by category, a page per model (P2.1)."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.site.catalogue.factories import PhotoFactory
from tests.workflows.fleet.factories import (
    AccessoryFactory,
    EquipmentCategoryFactory,
    EquipmentModelFactory,
)

pytestmark = pytest.mark.django_db

URL = "/en/catalogue/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


class TestTheCatalogue:
    def test_lists_published_models_by_category_with_from_prices(self, client, catalogue_page):
        generators = EquipmentCategoryFactory(name="發電機", slug="generators")
        lifts = EquipmentCategoryFactory(name="高空作業車", slug="lifts")
        EquipmentModelFactory(
            category=generators,
            code="GEN-60",
            maker="Denyo",
            name="DCA-60",
            rate_day=Decimal("2500"),
            rate_week=Decimal("15000"),
            rate_month=Decimal("45000"),
        )
        EquipmentModelFactory(category=lifts, code="SL-08")
        EquipmentModelFactory(category=lifts, code="SECRET", published=False)

        response = client.get(URL)

        assert response.status_code == 200
        page = soup(response)
        assert [s["data-category"] for s in page.select("[data-category]")] == [
            "generators",
            "lifts",
        ]
        card = page.select_one('[data-model="GEN-60"]')
        assert "Denyo DCA-60" in card.text
        assert "from NT$2,500" in card.text
        assert "from NT$15,000" in card.text
        assert "from NT$45,000" in card.text
        assert card.select_one("a")["href"] == URL + "GEN-60/"
        assert page.select_one('[data-model="SECRET"]') is None

    def test_a_model_photo_is_shown_as_a_rendition(self, client, catalogue_page):
        EquipmentModelFactory(code="EX-20", photo=PhotoFactory())

        page = soup(client.get(URL))

        image = page.select_one('[data-model="EX-20"] img')
        assert image is not None
        assert "fill-480x320" in image["src"]

    def test_anonymous_visitors_may_cache_the_listing(self, client, catalogue_page):
        EquipmentModelFactory()

        response = client.get(URL)

        assert "public" in response["Cache-Control"]

    def test_the_query_count_does_not_grow_with_the_models(self, client, catalogue_page):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(URL).status_code == 200
            return len(queries)

        EquipmentModelFactory(photo=PhotoFactory())
        client.get(URL)  # renditions are made on first view
        one = count()
        for _ in range(20):
            EquipmentModelFactory(photo=PhotoFactory(), category=EquipmentCategoryFactory())
        client.get(URL)
        assert count() == one

    def test_an_empty_catalogue_says_to_call(self, client, catalogue_page):
        response = client.get(URL)

        assert "Please call us" in response.content.decode()


class TestAModelPage:
    def test_shows_specification_configuration_accessories_prices_and_the_form(
        self, client, catalogue_page
    ):
        model = EquipmentModelFactory(
            code="EX-20",
            specification="操作重量 20 噸",
            configuration_options="標準斗\n破碎機配管",
            deposit=Decimal("100000"),
            photo=PhotoFactory(),
        )
        AccessoryFactory(equipment_model=model, name="滅火器", quantity=1)

        response = client.get(URL + "EX-20/")

        assert response.status_code == 200
        text = response.content.decode()
        for expected in ("操作重量 20 噸", "破碎機配管", "滅火器", "from NT$6,500", "100,000"):
            assert expected in text
        form = soup(response).select_one("form.intake-form")
        assert form["action"] == URL + "EX-20/#quote"
        assert form.select_one('[name="csrfmiddlewaretoken"]') is not None

    def test_is_never_cached(self, client, catalogue_page):
        EquipmentModelFactory(code="EX-20")

        response = client.get(URL + "EX-20/")

        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_an_unpublished_or_unknown_model_is_not_found(self, client, catalogue_page):
        EquipmentModelFactory(code="SECRET", published=False)

        assert client.get(URL + "SECRET/").status_code == 404
        assert client.get(URL + "NOPE/").status_code == 404

    @pytest.mark.parametrize("language", ["", "/zh-hans"])
    def test_chinese_pages_work_too(self, client, catalogue_page, language):
        EquipmentModelFactory(code="EX-20")

        assert client.get(f"{language}/catalogue/").status_code == 200
        assert client.get(f"{language}/catalogue/EX-20/").status_code == 200
