"""Models and categories carry their texts in the website's other languages (public catalogue)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from tests.workflows.fleet.factories import (
    EquipmentCategoryFactory,
    EquipmentCategoryTextFactory,
    EquipmentModelFactory,
    EquipmentModelTextFactory,
)
from tests.workflows.fleet.test_admin import CATEGORIES, MODELS, category_form, model_form
from workflows.core import roles
from workflows.fleet.models import EquipmentCategory, EquipmentModel, EquipmentModelText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def traditional_chinese_is_the_default(english_admin, settings):
    """The records are written in the website's default language, Traditional Chinese
    (the fleet's other tests make English the default to read the admin)."""
    settings.LANGUAGE_CODE = "zh-hant"


@pytest.fixture
def software():
    category = EquipmentCategoryFactory(name="軟體")
    return EquipmentModelFactory(
        category=category, name="資訊看板", specification="內建軟體", configuration_options="程式"
    )


class TestInLanguage:
    def test_the_default_language_is_the_record_as_stored(self, software):
        assert software.in_language("zh-hant") is software

    def test_simplified_chinese_not_written_is_converted_by_opencc(self, software):
        shown = software.in_language("zh-hans")

        assert (shown.name, shown.specification) == ("信息看板", "内置软件")
        assert shown.configuration_list == ["程序"]
        assert shown.category.name == "软件"

    def test_a_written_simplified_text_wins_over_the_conversion(self, software):
        EquipmentModelTextFactory(
            equipment_model=software,
            language="zh-hans",
            name="资讯看板",
            specification="",
            configuration_options="",
        )

        shown = software.in_language("zh-hans")

        assert shown.name == "资讯看板"
        assert shown.specification == "内置软件"  # left empty: converted

    def test_english_not_written_is_the_traditional_chinese(self, software):
        EquipmentModelTextFactory(
            equipment_model=software,
            name="Display board",
            specification="",
            configuration_options="",
        )
        EquipmentCategoryTextFactory(category=software.category, name="Software")

        shown = software.in_language("en")

        assert shown.name == "Display board"
        assert shown.specification == "內建軟體"
        assert shown.category.name == "Software"

    def test_the_stored_record_is_unchanged(self, software):
        EquipmentModelTextFactory(equipment_model=software, name="Display board")

        software.in_language("en")

        assert software.name == "資訊看板"
        assert EquipmentModel.objects.get(pk=software.pk).name == "資訊看板"

    def test_one_text_per_model_and_language(self, software):
        from django.db import IntegrityError, transaction

        EquipmentModelTextFactory(equipment_model=software)
        with pytest.raises(IntegrityError), transaction.atomic():
            EquipmentModelTextFactory(equipment_model=software)


class TestEditingTheTextsInTheAdmin:
    def test_marketing_writes_a_models_english_text(self, client, staff):
        model = EquipmentModelFactory(name="PC200")
        client.force_login(staff[roles.MARKETING])
        row = {"id": "", "language": "en", "name": "PC200 excavator", "specification": ""}
        row["configuration_options"] = "Standard bucket"

        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]),
            model_form(accessories=None, texts=inline_formset([row])),
        )

        assert response.status_code == 302
        text = EquipmentModelText.objects.get(equipment_model=model)
        assert (text.language, text.name) == ("en", "PC200 excavator")
        assert EquipmentModel.objects.get(pk=model.pk).name == "PC200"

    def test_sales_neither_sees_nor_posts_the_texts(self, client, sales):
        model = EquipmentModelFactory()
        EquipmentModelTextFactory(equipment_model=model, name="Kept")
        client.force_login(sales)

        page = client.get(reverse(f"{MODELS}:edit", args=[model.pk])).content.decode()
        response = client.post(
            reverse(f"{MODELS}:edit", args=[model.pk]),
            model_form(accessories=None, texts=inline_formset([])),
        )

        assert 'name="texts-TOTAL_FORMS"' not in page
        assert response.status_code == 302
        assert [t.name for t in model.texts.all()] == ["Kept"]

    def test_after_sales_names_a_category_in_english(self, client, aftersales):
        category = EquipmentCategoryFactory(name="發電機", slug="gen")
        client.force_login(aftersales)

        response = client.post(
            reverse(f"{CATEGORIES}:edit", args=[category.pk]),
            category_form(
                name="發電機", slug="gen", texts=[{"id": "", "language": "en", "name": "Power"}]
            ),
        )

        assert response.status_code == 302
        saved = EquipmentCategory.objects.get(pk=category.pk)
        assert saved.name == "發電機"
        assert [(t.language, t.name) for t in saved.texts.all()] == [("en", "Power")]

    def test_the_default_language_cannot_be_chosen(self, client, aftersales):
        category = EquipmentCategoryFactory(name="發電機", slug="gen")
        client.force_login(aftersales)

        response = client.post(
            reverse(f"{CATEGORIES}:edit", args=[category.pk]),
            category_form(
                name="發電機", slug="gen", texts=[{"id": "", "language": "zh-hant", "name": "x"}]
            ),
        )

        assert response.status_code == 200
        assert not category.texts.exists()

    def test_the_listing_stays_in_traditional_chinese(self, client, aftersales):
        model = EquipmentModelFactory(name="PC200 挖土機")
        EquipmentModelTextFactory(equipment_model=model, name="PC200 excavator")
        client.force_login(aftersales)

        text = client.get(reverse(f"{MODELS}:list")).content.decode()

        assert "PC200 挖土機" in text
        assert "PC200 excavator" not in text
