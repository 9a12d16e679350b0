"""The import machinery: safe reading, header aliases, row and column problems, all or nothing."""

import io
import time
import zipfile

import pytest
from import_export import resources
from openpyxl import Workbook

from workflows.core.imports import Column, ExcelImport, read_table, run_import
from workflows.core.imports.reader import ImportFileError
from workflows.fleet.models import EquipmentCategory

pytestmark = pytest.mark.django_db


class CategoryResource(resources.ModelResource):
    class Meta:
        model = EquipmentCategory
        fields = ("name", "slug")
        import_id_fields = ("slug",)
        clean_model_instances = True


class CategoryImport(ExcelImport):
    name = "categories"
    label = "categories"
    resource_class = CategoryResource
    columns = (
        Column("slug", ("Code", "代碼", "代码"), required=True),
        Column("name", ("Name", "名稱", "名称"), required=True),
    )
    max_rows = 100
    permission = "fleet.add_equipmentcategory"


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(data, name="categories.xlsx", dry_run=False):
    return run_import(CategoryImport(), name, data, user=None, dry_run=dry_run)


class TestImportingRows:
    def test_chinese_headers_and_text_import(self):
        report = run(xlsx([["代碼", "名稱"], ["excavator", "挖土機"], ["generator", "發電機"]]))
        assert report.ok, report.problems
        assert report.new == 2
        assert EquipmentCategory.objects.get(slug="generator").name == "發電機"

    def test_english_headers_are_accepted_too(self):
        assert run(xlsx([["Code", "Name"], ["lift", "Scissor lift"]])).ok
        assert EquipmentCategory.objects.filter(slug="lift").exists()

    def test_the_same_file_twice_updates_instead_of_duplicating(self):
        data = xlsx([["代碼", "名稱"], ["excavator", "挖土機"]])
        run(data)
        report = run(xlsx([["代碼", "名稱"], ["excavator", "大型挖土機"]]))
        assert report.updated == 1
        assert EquipmentCategory.objects.count() == 1
        assert EquipmentCategory.objects.get().name == "大型挖土機"

    def test_one_bad_row_among_many_imports_nothing_and_names_row_and_column(self):
        rows = [["代碼", "名稱"]] + [[f"c{i}", f"類別 {i}"] for i in range(30)]
        rows[17][1] = "x" * 150  # too long for the name (row 18 in Excel)
        report = run(xlsx(rows))
        assert not report.ok
        assert EquipmentCategory.objects.count() == 0
        assert [(p.row, p.column) for p in report.problems] == [(18, "名稱")]

    def test_a_dry_run_saves_nothing(self):
        report = run(xlsx([["Code", "Name"], ["lift", "Lift"]]), dry_run=True)
        assert report.ok and report.new == 1
        assert EquipmentCategory.objects.count() == 0

    def test_unknown_and_missing_columns_are_named(self):
        report = run(xlsx([["Code", "Colour"], ["lift", "red"]]))
        assert {(p.row, p.column) for p in report.problems} == {(1, "Colour"), (1, "Name")}
        assert EquipmentCategory.objects.count() == 0

    def test_a_csv_in_big5_is_read(self):
        data = "代碼,名稱\nforklift,堆高機\n".encode("cp950")
        assert run(data, name="categories.csv").ok
        assert EquipmentCategory.objects.get().name == "堆高機"


class TestRefusingBadFiles:
    def test_a_formula_cell_is_refused_with_its_address(self):
        report = run(xlsx([["Code", "Name"], ["lift", '=HYPERLINK("http://x")']]))
        assert len(report.problems) == 1
        assert "B2" in report.problems[0].message
        assert EquipmentCategory.objects.count() == 0

    def test_a_csv_cell_starting_with_equals_is_refused(self):
        report = run(b"Code,Name\nlift,=1+1\n", name="c.csv")
        assert "B2" in report.problems[0].message

    def test_a_huge_declared_dimension_is_not_trusted_and_costs_nothing(self):
        """The declared size is only a claim: the rows the sheet really holds are read."""
        data = xlsx([["Code", "Name"], ["a", "b"]])
        # Rewrite the sheet's declared dimension to a million rows.
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = content.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"')
                target.writestr(item, content)
        started = time.monotonic()
        report = run(out.getvalue())
        assert time.monotonic() - started < 2
        assert report.ok, report.problems
        assert report.total == 1

    def test_a_zip_bomb_is_refused_before_unpacking(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            target.writestr(
                "[Content_Types].xml",
                b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
                b'spreadsheetml.sheet.main+xml"/></Types>',
            )
            target.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
        with pytest.raises(ImportFileError):
            read_table("bomb.xlsx", out.getvalue(), max_rows=10)

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("fake.xlsx", b"%PDF-1.7 not a workbook"),
            ("fake.xlsx", b"<html><script>alert(1)</script></html>"),
            ("list.pdf", b"%PDF-1.7"),
            ("docx.xlsx", None),
        ],
    )
    def test_a_file_that_is_not_a_workbook_is_refused(self, name, data):
        if data is None:  # a zip that is a Word document, not a workbook
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as target:
                target.writestr("[Content_Types].xml", b"<Types>wordprocessingml</Types>")
            data = out.getvalue()
        report = run(data, name=name)
        assert len(report.problems) == 1
        assert report.problems[0].row is None

    def test_too_many_rows_are_refused(self):
        rows = [["Code", "Name"]] + [[f"c{i}", "x"] for i in range(101)]
        report = run(xlsx(rows))
        assert report.problems and "100" in report.problems[0].message
