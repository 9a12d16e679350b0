"""Featured equipment and site search show and find the models in the visitor's language."""

import pytest

from tests.site.catalogue.factories import CataloguePageFactory
from tests.workflows.fleet.factories import EquipmentModelFactory, EquipmentModelTextFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page, website_channel):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def board():
    model = EquipmentModelFactory(
        code="BD-1", maker="Acme", name="資訊看板", specification="內建軟體"
    )
    EquipmentModelTextFactory(
        equipment_model=model, name="Information board", specification="Built-in software"
    )
    return model


class TestFeaturedEquipment:
    @pytest.fixture
    def featured(self, home_page, catalogue, board):
        home_page.body = [
            {
                "type": "featured_equipment",
                "value": {
                    "heading": "熱門設備",
                    "equipment": [board.pk],
                    "catalogue": catalogue.pk,
                },
            }
        ]
        home_page.save_revision().publish()
        return home_page

    @pytest.mark.parametrize(
        ("url", "name"),
        [
            ("/", "Acme 資訊看板"),
            ("/en/", "Acme Information board"),
            ("/zh-hans/", "Acme 信息看板"),
        ],
    )
    def test_each_language(self, client, html, featured, url, name):
        card = html(client.get(url)).select_one('.card--equipment[data-model="BD-1"]')

        assert card.select_one(".card__title").get_text(strip=True) == name


class TestSearch:
    def test_english_finds_and_shows_the_english_text(self, client, html, catalogue, board):
        cards = html(client.get("/en/search/", {"q": "software"})).select(".card--equipment")

        assert [card["data-model"] for card in cards] == ["BD-1"]
        assert "Acme Information board" in cards[0].get_text()

    def test_english_is_not_found_on_the_traditional_chinese_search(
        self, client, html, catalogue, board
    ):
        assert not html(client.get("/search/", {"q": "software"})).select(".card--equipment")

    def test_simplified_chinese_finds_the_converted_text(self, client, html, catalogue, board):
        cards = html(client.get("/zh-hans/search/", {"q": "软件"})).select(".card--equipment")

        assert [card["data-model"] for card in cards] == ["BD-1"]
        assert "Acme 信息看板" in cards[0].get_text()

    def test_simplified_chinese_finds_a_written_text(self, client, html, catalogue, board):
        EquipmentModelTextFactory(equipment_model=board, language="zh-hans", name="智慧看板")

        cards = html(client.get("/zh-hans/search/", {"q": "智慧"})).select(".card--equipment")

        assert [card["data-model"] for card in cards] == ["BD-1"]
