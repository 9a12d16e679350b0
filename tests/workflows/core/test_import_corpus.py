"""Workbooks as offices keep them: a corpus built here, each with the preview it must produce.

And a fuzz test: no file and no cell value makes the import raise (never a 500).
"""

import datetime
import io
import struct
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.workflows.customers.factories import CustomerFactory
from workflows.core.imports import run_import
from workflows.core.imports.values import parse_date, parse_decimal, parse_phone
from workflows.customers.imports import CustomerImport
from workflows.customers.models import Customer
from workflows.fleet.imports import EquipmentModelImport, EquipmentUnitImport
from workflows.fleet.models import EquipmentCategory, EquipmentUnit

pytestmark = pytest.mark.django_db

HEADERS = ["類型", "公司名稱", "統編", "手機", "電子郵件", "地址", "備註"]
UNEXPECTED = "unexpected error"


def xlsx(rows, merge=None):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rewrite(data, part, change):
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content)
            target.writestr(item.filename, content)
    return out.getvalue()


def customers(data, name="customers.xlsx", **kwargs):
    kwargs.setdefault("dry_run", False)
    return run_import(CustomerImport(), name, data, user=None, **kwargs)


def good(i):
    return ["公司", f"營造公司 {i}", ["04595257", "22099131", "12345675"][i], f"02-2700-123{i}"]


class TestOrdinarySheets:
    def test_title_rows_over_a_merged_header_blank_totals_and_notes_rows(self):
        data = xlsx(
            [
                ["客戶名單 2025 年度"],
                ["製表日期：2025/10/20"],
                [],
                HEADERS[:4],
                good(0),
                [],
                good(1),
                ["合計", "2 家"],
                ["備註：統編請填 8 碼"],
            ],
            merge="A1:D1",
        )

        report = customers(data)

        assert report.ok, report.problems
        assert report.header_row == 4
        assert (report.total, report.new) == (2, 2)
        assert [(s.row, s.reason.split(" ")[0]) for s in report.skipped] == [
            (6, "Blank"),
            (8, "Totals"),
            (9, "Note"),
        ]

    def test_header_and_row_problems_come_together_in_one_report(self):
        data = xlsx([[*HEADERS[:4], "顏色"], [*good(0), "紅"], ["公司", "壞公司", "1234", "x"]])

        report = customers(data)

        assert {(p.row, p.column) for p in report.problems} == {
            (1, "顏色"),
            (3, "統編"),
            (3, "手機"),
        }
        assert not Customer.objects.exists()

    def test_full_width_digits_are_read_and_match_the_stored_record(self):
        existing = CustomerFactory(tax_number="04595257", phone="0912-345-678")
        data = xlsx(
            [HEADERS[:4], ["公司", existing.name, "０４５９５２５７", "０９１２ ３４５ ６７８"]]
        )

        report = customers(data, dry_run=True)

        assert report.ok, report.problems
        assert (report.new, report.updated, report.unchanged) == (0, 0, 1)

    def test_a_phone_that_lost_its_leading_zero_is_stored_in_e164(self):
        report = customers(xlsx([HEADERS[:4], ["公司", "甲公司", 4595257, 227001234]]))

        assert report.ok, report.problems
        customer = Customer.objects.get()
        assert (customer.tax_number, customer.phone) == ("04595257", "+886227001234")

    def test_a_wrong_check_digit_is_named_with_row_and_column(self):
        report = customers(xlsx([HEADERS[:4], ["公司", "甲公司", "04595258", "0227001234"]]))

        assert [(p.row, p.column) for p in report.problems] == [(2, "統編")]
        assert "check digit" in report.problems[0].message

    def test_formula_looking_text_is_refused_and_the_export_apostrophe_removed(self):
        rows = [
            HEADERS,
            ["公司", ' =HYPERLINK("http://x")', "04595257", "'+886 2 2700 1234", "", "", ""],
            ["公司", "乙公司", "22099131", "0227001235", "", "", "\t=1+1"],
        ]

        report = customers(xlsx(rows))

        assert [(p.row, p.column) for p in report.problems] == [(2, "公司名稱"), (3, "備註")]
        assert "B2" in report.problems[0].message and "G3" in report.problems[1].message

    def test_an_under_declared_sheet_is_read_to_its_end(self):
        rows = [HEADERS[:4], good(0), good(1), good(2)]
        data = rewrite(
            xlsx(rows),
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace(b'ref="A1:D4"', b'ref="A1:D2"'),
        )

        report = customers(data, dry_run=True)

        assert report.ok, report.problems
        assert report.total == 3

    def test_plain_workbooks_are_read_by_calamine_and_formulas_by_openpyxl(self, monkeypatch):
        from workflows.core.imports import reader

        used = []
        for name in ("_read_xlsx_calamine", "_read_xlsx_openpyxl"):
            original = getattr(reader, name)
            monkeypatch.setattr(
                reader,
                name,
                lambda *a, _name=name, _original=original: used.append(_name) or _original(*a),
            )
        plain = xlsx([["客戶名單"], [], HEADERS[:4], good(0), good(1)], merge="A1:D1")
        with_formula = xlsx([HEADERS[:4], [*good(0)[:3], "=1+1"]])

        assert customers(plain, dry_run=True).total == 2
        report = customers(with_formula, dry_run=True)

        assert used == ["_read_xlsx_calamine", "_read_xlsx_openpyxl"]
        assert [(p.row, p.column) for p in report.problems] == [(2, "手機")]

    def test_the_templates_example_row_is_skipped_and_its_key_refused(self):
        spec = CustomerImport()
        example = [column.example for column in spec.columns]
        reused = list(example)
        reused[1] = "真的公司"

        report = customers(xlsx([spec.template_headers(), example, reused]))

        assert [s.row for s in report.skipped] == [2]
        assert [(p.row, p.column) for p in report.problems] == [(3, "Tax number")]


class TestSilentUpdates:
    def test_changes_are_listed_and_not_applied_without_the_second_confirmation(self):
        signed = CustomerFactory(tax_number="04595257", name="大安營造", email="a@daan.example")
        data = xlsx([HEADERS[:5], ["公司", "別的公司", "04595257", "0227001234", "b@x.example"]])

        preview = customers(data, dry_run=True)
        assert preview.updated == 1
        (change,) = preview.changes
        assert ("公司名稱", "大安營造", "別的公司") in change.fields
        assert ("電子郵件", "a@daan.example", "b@x.example") in change.fields

        refused = customers(data, apply_updates=False)
        assert refused.updates_refused and not refused.saved
        signed.refresh_from_db()
        assert signed.name == "大安營造"

        applied = customers(data, apply_updates=True)
        assert applied.saved
        signed.refresh_from_db()
        assert signed.name == "別的公司"


@pytest.fixture
def category():
    return EquipmentCategory.objects.create(name="土木與搬運機械", slug="earthmoving")


MODEL_HEADERS = ["型號代碼", "類別", "廠牌", "型號", "日租金", "週租金", "月租金", "押金"]


class TestValuesAsTyped:
    def test_money_with_nt_dollars_separators_and_yuan_and_text_named(self, category):
        rows = [
            MODEL_HEADERS,
            ["EX-1", category.name, "Komatsu", "PC200", "NT$1,800", "4,200", "９０００元", 100],
            ["EX-2", category.name, "Komatsu", "PC300", "面議", 1, 1, 1],
        ]

        report = run_import(EquipmentModelImport(), "m.xlsx", xlsx(rows), user=None, dry_run=True)

        assert [(p.row, p.column) for p in report.problems] == [(3, "日租金")]
        assert "面議" in report.problems[0].message
        assert "NT$4,200" in report.problems[0].message  # the expected format

    def test_roc_and_slash_dates_and_did_you_mean_for_models(self, category):
        from tests.workflows.fleet.factories import EquipmentModelFactory

        EquipmentModelFactory(code="EX-PC200", name="PC200-8 挖土機", category=category)
        rows = [
            ["資產編號", "型號", "購入日期"],
            ["EQ-1", "EX-PC200", "2025/10/20"],
            ["EQ-2", "pc200-8 挖土機", "民國114年10月21日"],
            ["EQ-3", "EX-PC200", "114/10/22"],
            ["EQ-4", "EX-PC20O", datetime.datetime(2025, 10, 23)],
        ]

        report = run_import(EquipmentUnitImport(), "u.xlsx", xlsx(rows), user=None, dry_run=True)

        assert [(p.row, p.column) for p in report.problems] == [(5, "型號")]
        assert "EX-PC200" in report.problems[0].message  # did you mean

        rows.pop()
        report = run_import(EquipmentUnitImport(), "u.xlsx", xlsx(rows), user=None, dry_run=False)
        assert report.ok, report.problems
        assert sorted(EquipmentUnit.objects.values_list("purchase_date", flat=True)) == [
            datetime.date(2025, 10, 20),
            datetime.date(2025, 10, 21),
            datetime.date(2025, 10, 22),
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("4,200", Decimal(4200)),
            ("NT$1,800", Decimal(1800)),
            ("1800 元", Decimal(1800)),
            ("１８００", Decimal(1800)),
        ],
    )
    def test_amounts(self, text, expected):
        assert parse_decimal(text, money=True) == expected

    @pytest.mark.parametrize("text", ["面議", "", "NaN", "Infinity", "1.2.3", "--1"])
    def test_not_amounts(self, text):
        if text == "":
            assert parse_decimal(text) is None
        else:
            with pytest.raises(ValueError):
                parse_decimal(text, money=True)

    def test_dates_and_phones(self):
        assert parse_date("115/11/29") == datetime.date(2026, 11, 29)
        assert parse_date("民國115年11月29日") == datetime.date(2026, 11, 29)
        assert parse_date("2025-10-20") == datetime.date(2025, 10, 20)
        assert parse_date(45950) == datetime.date(2025, 10, 20)
        with pytest.raises(ValueError, match="2025/10/20"):
            parse_date("2025/13/40")
        assert parse_phone("０９１２ ３４５ ６７８") == "+886912345678"
        assert parse_phone("(02) 2700-1234 #12") == "+886227001234#12"


class TestBrokenFilesAreRefusedNotRaised:
    def test_a_broken_workbook_xml(self):
        data = rewrite(xlsx([HEADERS, good(0)]), "xl/workbook.xml", lambda xml: xml[:-40])

        report = customers(data)

        assert len(report.problems) == 1 and report.problems[0].row is None
        assert "damaged" in report.problems[0].message

    def test_a_zip_whose_entries_lie_about_their_sizes(self):
        data = bytearray(xlsx([HEADERS, good(0), good(1)]))
        archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        struct.pack_into("<I", data, info.header_offset + 22, 10)  # local header
        central = bytes(data).index(b"PK\x01\x02", bytes(data).index(b"PK\x01\x02"))
        while True:  # the central directory entry of the sheet
            name_length = struct.unpack_from("<H", data, central + 28)[0]
            if bytes(data[central + 46 : central + 46 + name_length]) == info.filename.encode():
                struct.pack_into("<I", data, central + 24, 10)
                break
            central = bytes(data).index(b"PK\x01\x02", central + 4)

        report = customers(bytes(data))

        assert len(report.problems) == 1 and report.problems[0].row is None
        assert UNEXPECTED not in report.problems[0].message


SAMPLE = None


def _sample():
    global SAMPLE
    if SAMPLE is None:
        SAMPLE = xlsx([HEADERS, good(0), good(1), good(2)])
    return SAMPLE


class TestFuzz:
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        position=st.integers(min_value=0, max_value=10_000),
        garbage=st.binary(min_size=1, max_size=16),
    )
    def test_no_damaged_workbook_raises(self, position, garbage):
        data = bytearray(_sample())
        position %= len(data)
        data[position : position + len(garbage)] = garbage

        report = customers(bytes(data), dry_run=True)

        assert all(UNEXPECTED not in p.message for p in report.problems)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        cells=st.lists(
            st.one_of(
                st.none(),
                st.text(max_size=30).filter(lambda t: not t.startswith("=")),
                st.integers(min_value=-(10**12), max_value=10**12),
                st.floats(allow_nan=False, allow_infinity=False),
                st.sampled_from(
                    ["面議", "4,200", "NT$1,800", "115/11/29", "０９１２", " =1", "'+1"]
                ),
            ),
            min_size=8,
            max_size=8,
        )
    )
    def test_no_cell_value_raises(self, cells):
        rows = [MODEL_HEADERS, cells]
        try:
            data = xlsx(rows)
        except Exception:  # openpyxl refuses some control characters itself
            return
        for spec in (EquipmentModelImport(), CustomerImport(), EquipmentUnitImport()):
            report = run_import(spec, "f.xlsx", data, user=None, dry_run=True)
            assert all(UNEXPECTED not in p.message for p in report.problems), report.problems
        csv = ("\n".join(",".join(str(c or "") for c in r) for r in rows)).encode()
        report = run_import(EquipmentModelImport(), "f.csv", csv, user=None, dry_run=True)
        assert all(UNEXPECTED not in p.message for p in report.problems), report.problems


class TestImportedRecordsAreFound:
    def test_imported_customers_are_in_the_search_index(self):
        report = customers(
            xlsx([HEADERS[:4], ["公司", "獨角獸起重工程行", "04595257", "0227001234"]])
        )

        assert report.saved
        from wagtail.search.backends import get_search_backend

        found = get_search_backend().search("獨角獸起重工程行", Customer)
        assert [c.name for c in found] == ["獨角獸起重工程行"]
