"""The catalogue reads in the visitor's language: written texts, else OpenCC or the stored text."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.site.catalogue.factories import PhotoFactory
from tests.workflows.fleet.factories import (
    EquipmentCategoryFactory,
    EquipmentCategoryTextFactory,
    EquipmentModelFactory,
    EquipmentModelTextFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def board():
    category = EquipmentCategoryFactory(name="軟體設備", slug="software")
    EquipmentCategoryTextFactory(category=category, name="Software equipment")
    model = EquipmentModelFactory(
        category=category,
        code="BD-1",
        maker="Acme",
        name="資訊看板",
        specification="內建軟體，程式可更新",
        configuration_options="觸控螢幕\n遙控器",
    )
    EquipmentModelTextFactory(
        equipment_model=model,
        name="Information board",
        specification="Built-in software",
        configuration_options="Touch screen\nRemote control",
    )
    return model


class TestTheCatalogueIndex:
    def test_english(self, client, catalogue_page, board):
        page = soup(client.get("/en/catalogue/"))

        assert page.select_one("#category-software").text == "Software equipment"
        card = page.select_one('[data-model="BD-1"]').text
        assert "Acme Information board" in card
        assert "Built-in software" in card
        assert "資訊" not in card

    def test_traditional_chinese(self, client, catalogue_page, board):
        page = soup(client.get("/catalogue/"))

        assert page.select_one("#category-software").text == "軟體設備"
        assert "Acme 資訊看板" in page.select_one('[data-model="BD-1"]').text

    def test_simplified_chinese_by_opencc_where_not_written(self, client, catalogue_page, board):
        page = soup(client.get("/zh-hans/catalogue/"))

        assert page.select_one("#category-software").text == "软件设备"
        card = page.select_one('[data-model="BD-1"]').text
        assert "Acme 信息看板" in card
        assert "内置软件，程序可更新" in card

    def test_a_written_simplified_text_wins(self, client, catalogue_page, board):
        EquipmentModelTextFactory(
            equipment_model=board,
            language="zh-hans",
            name="资讯看板",
            specification="",
            configuration_options="",
        )

        card = soup(client.get("/zh-hans/catalogue/")).select_one('[data-model="BD-1"]').text

        assert "Acme 资讯看板" in card
        assert "内置软件" in card  # not written: converted

    def test_english_not_written_shows_the_traditional_chinese(self, client, catalogue_page):
        EquipmentModelFactory(code="EX-1", maker="Komatsu", name="挖土機")

        card = soup(client.get("/en/catalogue/")).select_one('[data-model="EX-1"]').text

        assert "Komatsu 挖土機" in card

    @pytest.mark.parametrize("prefix", ["/en", "/zh-hans"])
    def test_the_query_count_does_not_grow_with_the_models_or_texts(
        self, client, catalogue_page, prefix
    ):
        url = f"{prefix}/catalogue/"

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            return len(queries)

        EquipmentModelTextFactory(equipment_model__photo=PhotoFactory())
        client.get(url)
        one = count()
        for _ in range(10):
            text = EquipmentModelTextFactory(equipment_model__photo=PhotoFactory())
            EquipmentCategoryTextFactory(category=text.equipment_model.category)
            EquipmentModelTextFactory(equipment_model=text.equipment_model, language="zh-hans")
        client.get(url)
        assert count() == one


class TestAModelPage:
    def test_english(self, client, catalogue_page, board):
        text = soup(client.get("/en/catalogue/BD-1/")).select_one(".catalogue-model").text

        for expected in ("Software equipment", "Built-in software", "Remote control"):
            assert expected in text
        assert "遙控器" not in text

    def test_simplified_chinese(self, client, catalogue_page, board):
        text = soup(client.get("/zh-hans/catalogue/BD-1/")).select_one(".catalogue-model").text

        for expected in ("软件设备", "内置软件，程序可更新", "遥控器"):
            assert expected in text

    def test_traditional_chinese(self, client, catalogue_page, board):
        text = soup(client.get("/catalogue/BD-1/")).select_one(".catalogue-model").text

        assert "內建軟體，程式可更新" in text
        assert "Built-in software" not in text
