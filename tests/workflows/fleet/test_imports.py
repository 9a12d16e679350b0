"""Equipment models and units from Excel or CSV (issue item 6)."""

import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from tests.workflows.fleet.factories import (
    EquipmentCategoryFactory,
    EquipmentModelFactory,
    EquipmentUnitFactory,
)
from workflows.core import roles
from workflows.core.imports import run_import
from workflows.fleet.choices import UnitCondition
from workflows.fleet.choices import UnitState as S
from workflows.fleet.imports import EquipmentModelImport, EquipmentUnitImport
from workflows.fleet.models import EquipmentModel, EquipmentUnit

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[3] / "fixtures" / "samples"
UNITS = "wagtailsnippets_fleet_equipmentunit"
MODELS = "wagtailsnippets_fleet_equipmentmodel"
MODEL_HEADERS = ["型號代碼", "類別", "廠牌", "型號", "規格", "日租金", "週租金", "月租金", "押金"]
UNIT_HEADERS = ["資產編號", "序號", "型號代碼", "購入日期", "存放地點", "車況"]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(spec, data, name="file.xlsx", user=None):
    return run_import(spec, name, data, user=user, dry_run=False)


@pytest.fixture
def categories():
    return {
        slug: EquipmentCategoryFactory(name=name, slug=slug)
        for slug, name in (
            ("earthmoving", "土木與搬運機械"),
            ("power", "發電設備"),
            ("access", "高空作業車"),
        )
    }


def model_row(i, **overrides):
    row = dict(
        zip(
            MODEL_HEADERS,
            [
                f"GEN-{i:03d}",
                "發電設備",
                "Denyo",
                f"DCA-{i} 靜音發電機",
                "三相 380 V",
                2500,
                14000,
                40000,
                40000,
            ],
            strict=True,
        )
    )
    row.update(overrides)
    return [row[h] for h in MODEL_HEADERS]


class TestImportingModels:
    def test_one_bad_row_among_many_imports_nothing_and_names_row_and_column(self, categories):
        rows = [MODEL_HEADERS] + [model_row(i) for i in range(30)]
        rows[12] = model_row(11, **{"類別": "太空設備"})  # Excel row 13: unknown category
        rows[20] = model_row(19, **{"日租金": -5})  # Excel row 21: negative rate

        report = run(EquipmentModelImport(), xlsx(rows))

        assert not EquipmentModel.objects.exists()
        assert [(p.row, p.column) for p in report.problems] == [(13, "類別"), (21, "日租金")]

    def test_the_same_file_twice_updates_by_code(self, categories):
        run(EquipmentModelImport(), xlsx([MODEL_HEADERS, model_row(1), model_row(2)]))

        report = run(
            EquipmentModelImport(),
            xlsx([MODEL_HEADERS, model_row(1, **{"月租金": 42000}), model_row(2)]),
        )

        assert (report.new, report.updated, report.unchanged) == (0, 1, 1)
        assert EquipmentModel.objects.count() == 2
        assert EquipmentModel.objects.get(code="GEN-001").rate_month == Decimal("42000.00")

    def test_publishing_and_the_photo_are_left_as_marketing_set_them(self, categories):
        model = EquipmentModelFactory(code="GEN-001", published=True)

        run(EquipmentModelImport(), xlsx([MODEL_HEADERS, model_row(1)]))

        model.refresh_from_db()
        assert model.published

    def test_rates_of_a_published_model_cannot_be_emptied(self, categories):
        EquipmentModelFactory(code="GEN-001", published=True)

        report = run(EquipmentModelImport(), xlsx([MODEL_HEADERS, model_row(1, **{"日租金": 0})]))

        assert [p.row for p in report.problems] == [2]
        assert "rates" in report.problems[0].message

    def test_chinese_text_round_trips(self, categories):
        spec = "額定輸出 100 kVA／80 kW；噪音 60 dB(A)＠7 m"
        run(EquipmentModelImport(), xlsx([MODEL_HEADERS, model_row(1, **{"規格": spec})]))

        assert EquipmentModel.objects.get().specification == spec

    def test_the_sample_file_imports(self, categories):
        report = run(EquipmentModelImport(), (SAMPLES / "equipment_models.xlsx").read_bytes())

        assert report.ok, report.problems
        assert report.new == 8


def unit_row(i, **overrides):
    row = dict(
        zip(
            UNIT_HEADERS,
            [f"EQ-{i:04d}", f"SN-{i:06d}", "EX-PC200", "2024-03-15", "桃園倉庫", "良好"],
            strict=True,
        )
    )
    row.update(overrides)
    return [row[h] for h in UNIT_HEADERS]


@pytest.fixture
def excavator():
    return EquipmentModelFactory(code="EX-PC200")


class TestImportingUnits:
    def test_one_bad_row_among_many_imports_nothing_and_names_row_and_column(self, excavator):
        rows = [UNIT_HEADERS] + [unit_row(i) for i in range(50)]
        rows[31] = unit_row(30, **{"型號代碼": "NOPE"})  # Excel row 32
        rows[40] = unit_row(39, **{"購入日期": "昨天"})  # Excel row 41
        rows[44] = unit_row(43, **{"車況": "很新"})  # Excel row 45

        report = run(EquipmentUnitImport(), xlsx(rows))

        assert not EquipmentUnit.objects.exists()
        assert [(p.row, p.column) for p in report.problems] == [
            (32, "型號代碼"),
            (41, "購入日期"),
            (45, "車況"),
        ]

    def test_new_units_are_available_with_a_history_entry(self, excavator, staff):
        after_sales = staff[roles.AFTER_SALES]

        report = run(EquipmentUnitImport(), xlsx([UNIT_HEADERS, unit_row(1)]), user=after_sales)

        assert report.new == 1
        unit = EquipmentUnit.objects.get()
        assert unit.state == S.AVAILABLE
        assert unit.condition == UnitCondition.GOOD
        assert unit.equipment_model == excavator
        assert ModelLogEntry.objects.filter(
            content_type__app_label="fleet",
            object_id=str(unit.pk),
            action="core.imported",
            user=after_sales,
        ).exists()

    def test_the_same_file_twice_updates_details_and_never_the_state(
        self, excavator, make_unit, aftersales
    ):
        unit = make_unit(S.ON_LEASE, asset_number="EQ-0001", equipment_model=excavator)
        data = xlsx([UNIT_HEADERS, unit_row(1, **{"存放地點": "新北三重工地"}), unit_row(2)])

        first = run(EquipmentUnitImport(), data)
        second = run(EquipmentUnitImport(), data)

        assert (first.new, first.updated, second.unchanged) == (1, 1, 2)
        assert EquipmentUnit.objects.count() == 2
        unit.refresh_from_db()
        assert (unit.location, unit.state) == ("新北三重工地", S.ON_LEASE)

    def test_the_same_asset_number_twice_in_a_file_is_named(self, excavator):
        report = run(EquipmentUnitImport(), xlsx([UNIT_HEADERS, unit_row(1), unit_row(1)]))

        assert [(p.row, p.column) for p in report.problems] == [(3, "資產編號")]

    @pytest.mark.parametrize(
        ("word", "condition"),
        [("全新", "new"), ("Good", "good"), ("fair", "fair"), ("待修", "needs_repair")],
    )
    def test_conditions_are_read_in_either_language(self, excavator, word, condition):
        assert run(EquipmentUnitImport(), xlsx([UNIT_HEADERS, unit_row(1, **{"車況": word})])).ok

        assert EquipmentUnit.objects.get().condition == condition

    def test_the_sample_file_imports(self, categories):
        for code in ("EX-PC200", "FL-8FD30", "GEN-DCA100", "SL-GS2632"):
            EquipmentModelFactory(code=code)

        report = run(EquipmentUnitImport(), (SAMPLES / "units.xlsx").read_bytes())

        assert report.ok, report.problems
        assert report.new == 8


class TestExportThenImport:
    def test_an_exported_unit_listing_imports_again_without_changes(
        self, client, aftersales, make_unit, excavator
    ):
        make_unit(asset_number="EQ-0001", equipment_model=excavator, location="桃園倉庫")
        make_unit(S.IN_SERVICE, asset_number="EQ-0002", equipment_model=excavator)
        make_unit(S.RETIRED, asset_number="EQ-0003", equipment_model=excavator)
        client.force_login(aftersales)

        for export in ("xlsx", "csv"):
            response = client.get(reverse(f"{UNITS}:list") + f"?export={export}")
            data = b"".join(response.streaming_content)

            report = run(EquipmentUnitImport(), data, name=f"units.{export}")

            assert report.ok, (export, report.problems)
            assert (report.new, report.updated, report.unchanged) == (0, 0, 3), export

    def test_an_exported_model_listing_imports_again_without_changes(
        self, client, aftersales, categories
    ):
        EquipmentModelFactory(category=categories["power"], specification="100 kVA 靜音")
        EquipmentModelFactory(category=categories["access"], published=False)
        client.force_login(aftersales)

        response = client.get(reverse(f"{MODELS}:list") + "?export=xlsx")
        report = run(EquipmentModelImport(), b"".join(response.streaming_content))

        assert report.ok, report.problems
        assert (report.new, report.updated, report.unchanged) == (0, 0, 2)


class TestImportInTheAdmin:
    @pytest.mark.parametrize(
        ("role", "units", "models"),
        [
            (roles.AFTER_SALES, True, True),
            (roles.SALES, False, False),
            (roles.MARKETING, False, False),
        ],
    )
    def test_who_sees_the_import_buttons(self, client, staff, role, units, models):
        EquipmentUnitFactory()
        client.force_login(staff[role])

        for url_name, shown in ((f"{UNITS}:list", units), (f"{MODELS}:list", models)):
            response = client.get(reverse(url_name))
            page = BeautifulSoup(response.content, "html.parser")
            if response.status_code == 200:
                assert (page.select_one("[data-import]") is not None) is shown, (role, url_name)
            else:
                assert not shown

    def test_after_sales_uploads_previews_and_confirms(self, client, aftersales, excavator):
        from workflows.core.models import PendingImport

        client.force_login(aftersales)
        upload = io.BytesIO(xlsx([UNIT_HEADERS, unit_row(1), unit_row(2)]))
        upload.name = "units.xlsx"

        preview = client.post(reverse(f"{UNITS}:import"), {"file": upload})
        assert preview.status_code == 200
        assert not EquipmentUnit.objects.exists()

        pending = PendingImport.objects.get()
        assert client.post(reverse(f"{UNITS}:import"), {"pending": pending.pk}).status_code == 302
        assert EquipmentUnit.objects.count() == 2


STATE_HEADERS = [*UNIT_HEADERS, "狀態", "預計歸還日", "報廢原因"]


def state_row(i, state, back="", reason=""):
    return [*unit_row(i), state, back, reason]


class TestUnitStateColumn:
    def test_new_units_start_in_the_state_given_through_their_commands(self, excavator, aftersales):
        back = (timezone.localdate() + timedelta(days=5)).isoformat()
        rows = [
            STATE_HEADERS,
            state_row(1, "可租"),
            state_row(2, "維修中", back=back),
            state_row(3, "報廢", reason="引擎損壞"),
        ]

        report = run(EquipmentUnitImport(), xlsx(rows), user=aftersales)

        assert report.ok, report.problems
        states = dict(EquipmentUnit.objects.values_list("asset_number", "state"))
        assert states == {"EQ-0001": S.AVAILABLE, "EQ-0002": S.IN_SERVICE, "EQ-0003": S.RETIRED}
        repaired = EquipmentUnit.objects.get(asset_number="EQ-0002")
        assert (
            ModelLogEntry.objects.filter(
                object_id=str(repaired.pk), content_type__app_label="fleet", user=aftersales
            ).count()
            >= 2
        )  # created, then sent to service

    def test_a_state_that_cannot_be_set_is_a_row_problem(self, excavator, aftersales):
        rows = [
            STATE_HEADERS,
            state_row(1, "維修中"),  # no date expected back
            state_row(2, "出租中"),  # only through a contract
            state_row(3, "報廢"),  # no reason
            state_row(4, "飛走了"),
        ]

        report = run(EquipmentUnitImport(), xlsx(rows), user=aftersales)

        assert [(p.row, p.column) for p in report.problems] == [
            (2, "預計歸還日"),
            (3, "狀態"),
            (4, "報廢原因"),
            (5, "狀態"),
        ]
        assert not EquipmentUnit.objects.exists()

    def test_an_existing_unit_keeps_its_state(self, excavator, make_unit, aftersales):
        make_unit(S.ON_LEASE, asset_number="EQ-0001", equipment_model=excavator)

        report = run(EquipmentUnitImport(), xlsx([STATE_HEADERS, state_row(1, "可租")]))

        assert [(p.row, p.column) for p in report.problems] == [(2, "狀態")]


class TestReferenceIndex:
    def test_imported_units_reference_their_model_as_a_saved_unit_would(self, excavator):
        from wagtail.models import ReferenceIndex

        report = run(EquipmentUnitImport(), xlsx([UNIT_HEADERS, unit_row(1), unit_row(2)]))
        assert report.saved
        assert ReferenceIndex.is_indexed(EquipmentUnit)

        references = ReferenceIndex.get_references_to(excavator)
        assert references.count() == 2
        before = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "model_path"))
        for unit in EquipmentUnit.objects.all():
            ReferenceIndex.create_or_update_for_object(unit)
        after = set(ReferenceIndex.objects.values_list("object_id", "to_object_id", "model_path"))
        assert before == after
