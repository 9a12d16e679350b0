"""Customers from Excel or CSV (issue item 6): all rows or none, updated by their natural key."""

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from stdnum.tw.ubn import is_valid as is_valid_ubn
from wagtail.models import ModelLogEntry

from tests.workflows.customers.factories import CustomerFactory
from workflows.core import roles
from workflows.core.imports import run_import
from workflows.core.models import PendingImport
from workflows.customers.choices import CustomerKind
from workflows.customers.imports import CustomerImport
from workflows.customers.models import Customer

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "fixtures" / "samples" / "customers.xlsx"
VIEWS = "wagtailsnippets_customers_customer"
HEADERS = ["類型", "名稱", "統一編號", "電話", "電子郵件", "地址", "備註"]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(data, name="customers.xlsx", user=None, dry_run=False):
    return run_import(CustomerImport(), name, data, user=user, dry_run=dry_run)


def ubn(i):
    """A unified business number with a correct check digit, one per i."""
    return next(
        f"{n:08d}" for n in range(20000000 + i * 10, 20000010 + i * 10) if is_valid_ubn(f"{n:08d}")
    )


def company(i, **overrides):
    row = {
        "類型": "公司",
        "名稱": f"營造公司 {i} 號",
        "統一編號": ubn(i),
        "電話": f"(02) 2700-{i:04d}",
        "電子郵件": f"office{i}@builder.example",
        "地址": f"台北市信義區松仁路 {i} 號",
        "備註": "",
    }
    row.update(overrides)
    return [row[h] for h in HEADERS]


class TestImportingCustomers:
    def test_one_bad_row_among_many_imports_nothing_and_names_the_row_and_column(self):
        rows = [HEADERS] + [company(i) for i in range(40)]
        rows[23] = company(22, **{"統一編號": "1234"})  # Excel row 24: not 8 digits

        report = run(xlsx(rows))

        assert not Customer.objects.exists()
        assert [(p.row, p.column) for p in report.problems] == [(24, "統一編號")]
        assert "8 digits" in report.problems[0].message

    def test_a_customer_without_phone_or_email_is_named_at_the_phone_column(self):
        rows = [HEADERS, company(1), company(2, **{"電話": "", "電子郵件": ""})]

        report = run(xlsx(rows))

        assert [(p.row, p.column) for p in report.problems] == [(3, "電話")]
        assert not Customer.objects.exists()

    def test_the_same_file_twice_updates_and_never_duplicates(self, staff):
        data = xlsx([HEADERS, company(1), company(2)])
        first = run(data, user=staff[roles.SALES])

        second = run(xlsx([HEADERS, company(1, **{"地址": "新北市板橋區文化路 1 號"}), company(2)]))

        assert (first.new, second.new, second.updated, second.unchanged) == (2, 0, 1, 1)
        assert Customer.objects.count() == 2
        assert Customer.objects.get(tax_number=ubn(1)).address == "新北市板橋區文化路 1 號"

    def test_an_existing_customer_is_matched_by_its_tax_number(self):
        known = CustomerFactory(tax_number=ubn(1), name="舊名稱")

        report = run(xlsx([HEADERS, company(1)]))

        assert report.updated == 1
        known.refresh_from_db()
        assert known.name == "營造公司 1 號"

    def test_an_individual_without_tax_number_is_matched_by_phone_digits(self):
        known = CustomerFactory(individual=True, phone="0955-123-456", address="舊地址")
        row = ["個人", "王建民", "", "0955 123 456", "", "新竹縣竹北市光明六路 10 號", ""]

        report = run(xlsx([HEADERS, row]))
        again = run(xlsx([HEADERS, row]))

        assert (report.updated, again.unchanged) == (1, 1)
        assert Customer.objects.count() == 1
        known.refresh_from_db()
        assert known.address == "新竹縣竹北市光明六路 10 號"

    def test_a_new_individual_is_created_once(self):
        row = ["個人", "李安", "", "0933-222-111", "", "台南市東區大學路 1 號", ""]

        run(xlsx([HEADERS, row]))
        run(xlsx([HEADERS, row]))

        customer = Customer.objects.get()
        assert (customer.kind, customer.name) == (CustomerKind.INDIVIDUAL, "李安")

    def test_a_company_without_tax_number_is_refused_at_the_tax_number(self):
        report = run(xlsx([HEADERS, company(1, **{"統一編號": ""})]))

        assert [(p.row, p.column) for p in report.problems] == [(2, "統一編號")]
        assert "tax number" in report.problems[0].message

    def test_the_same_tax_number_twice_in_a_file_is_named(self):
        report = run(xlsx([HEADERS, company(1), company(2), company(1)]))

        assert [(p.row, p.column) for p in report.problems] == [(4, "統一編號")]
        assert "row 2" in report.problems[0].message

    def test_numbers_typed_as_numbers_keep_their_leading_zeros(self):
        rows = [HEADERS, ["公司", "零開頭公司", 1234569, 227001234, "", "", ""]]

        assert run(xlsx(rows)).ok

        customer = Customer.objects.get()
        assert (customer.tax_number, customer.phone) == ("01234569", "+886227001234")

    def test_an_unknown_kind_lists_the_accepted_ones(self):
        report = run(xlsx([HEADERS, company(1, **{"類型": "政府"})]))

        assert [(p.row, p.column) for p in report.problems] == [(2, "類型")]
        assert "Company" in report.problems[0].message

    def test_english_and_simplified_chinese_headers_work_too(self):
        english = ["Kind", "Name", "Tax number", "Phone", "Email", "Address", "Notes"]
        simplified = ["类型", "名称", "统一编号", "电话", "电子邮件", "地址", "备注"]

        assert run(xlsx([english, company(1, **{"類型": "company"})])).ok
        assert run(xlsx([simplified, company(2)])).ok
        assert Customer.objects.count() == 2

    def test_chinese_text_round_trips_through_csv_in_utf8_and_big5(self):
        text = "臺灣高鐵營造股份有限公司（台中站）"
        row = company(1, **{"名稱": text, "備註": "夜間施工，需靜音型"})
        for encoding, name in (("utf-8-sig", "c.csv"), ("cp950", "d.csv")):
            lines = [",".join(HEADERS), ",".join(str(v) for v in row)]
            assert run("\n".join(lines).encode(encoding), name=name).ok
            customer = Customer.objects.get()
            assert (customer.name, customer.notes) == (text, "夜間施工，需靜音型")

    def test_new_customers_record_who_imported_them_in_their_history(self, staff):
        sales = staff[roles.SALES]

        run(xlsx([HEADERS, company(1)]), user=sales)
        run(xlsx([HEADERS, company(1, **{"備註": "改"})]), user=sales)

        customer = Customer.objects.get()
        assert customer.created_by == sales
        actions = ModelLogEntry.objects.filter(
            content_type__app_label="customers", object_id=str(customer.pk)
        ).values_list("action", "user")
        assert sorted(actions) == [("core.imported", sales.pk), ("core.imported", sales.pk)]

    def test_the_sample_file_imports(self):
        report = run(SAMPLE.read_bytes())

        assert report.ok, report.problems
        assert report.new == 8
        assert Customer.objects.filter(kind=CustomerKind.INDIVIDUAL, tax_number="").count() == 3


class TestExportThenImport:
    def test_an_exported_listing_imports_again_without_changes(self, client, staff):
        CustomerFactory(name="大安營造股份有限公司", notes="月結 30 天")
        CustomerFactory(individual=True, name="王建民", phone="0955-123-456")
        client.force_login(staff[roles.SALES])

        response = client.get(reverse(f"{VIEWS}:list") + "?export=xlsx")
        data = b"".join(response.streaming_content)
        report = run(data)

        assert report.ok, report.problems
        assert (report.new, report.updated, report.unchanged) == (0, 0, 2)
        sheet = load_workbook(io.BytesIO(data)).active
        assert "大安營造股份有限公司" in [cell.value for cell in sheet["A"]]


class TestImportInTheAdmin:
    def test_sales_sees_the_import_button_customer_service_does_not(self, client, staff):
        for role, shown in ((roles.SALES, True), (roles.CUSTOMER_SERVICE, False)):
            client.force_login(staff[role])
            page = BeautifulSoup(client.get(reverse(f"{VIEWS}:list")).content, "html.parser")
            assert (page.select_one("[data-import]") is not None) is shown, role

    def test_upload_previews_then_confirm_imports(self, client, staff):
        client.force_login(staff[roles.SALES])
        upload = io.BytesIO(xlsx([HEADERS, company(1), company(2)]))
        upload.name = "customers.xlsx"

        preview = client.post(reverse(f"{VIEWS}:import"), {"file": upload})

        assert preview.status_code == 200
        assert not Customer.objects.exists()
        pending = PendingImport.objects.get()
        confirmed = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})
        assert confirmed.status_code == 302
        assert Customer.objects.count() == 2

    def test_a_bad_file_shows_every_problem_and_offers_no_confirm(self, client, staff):
        client.force_login(staff[roles.SALES])
        upload = io.BytesIO(
            xlsx(
                [
                    HEADERS,
                    company(1, **{"統一編號": "x"}),
                    company(2, **{"電話": "", "電子郵件": ""}),
                ]
            )
        )
        upload.name = "customers.xlsx"

        response = client.post(reverse(f"{VIEWS}:import"), {"file": upload})

        text = response.content.decode()
        assert "統一編號" in text and "電話" in text
        assert not PendingImport.objects.exists()

    def test_the_template_has_the_headers(self, client, staff):
        client.force_login(staff[roles.SALES])

        response = client.get(reverse(f"{VIEWS}:import_template"))

        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        headers = [cell.value for cell in sheet[1]]
        assert headers[:3] == ["Kind", "Name", "Tax number"]

    def test_customer_service_may_not_import(self, client, staff):
        client.force_login(staff[roles.CUSTOMER_SERVICE])
        upload = io.BytesIO(xlsx([HEADERS, company(1)]))
        upload.name = "customers.xlsx"

        response = client.post(reverse(f"{VIEWS}:import"), {"file": upload})

        assert response.status_code == 403
        assert not Customer.objects.exists()


class TestNoSilentUpdateInTheAdmin:
    def test_an_update_needs_the_second_confirmation(self, client, staff):
        known = CustomerFactory(tax_number=ubn(1), name="舊名稱")
        client.force_login(staff[roles.SALES])
        upload = io.BytesIO(xlsx([HEADERS, company(1)]))
        upload.name = "customers.xlsx"

        preview = client.post(reverse(f"{VIEWS}:import"), {"file": upload})
        page = BeautifulSoup(preview.content, "html.parser")
        assert "舊名稱" in page.select_one("[data-import-changes]").text
        pending = PendingImport.objects.get()

        refused = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})
        assert refused.status_code == 200
        assert b"data-import-updates-refused" in refused.content
        known.refresh_from_db()
        assert known.name == "舊名稱"

        confirmed = client.post(
            reverse(f"{VIEWS}:import"), {"pending": pending.pk, "apply_updates": "yes"}
        )
        assert confirmed.status_code == 302
        known.refresh_from_db()
        assert known.name == "營造公司 1 號"


class TestContactPeople:
    HEADERS = ["公司名稱", "統編", "電話", "聯絡人", "職稱", "聯絡人手機", "聯絡人Email"]

    def test_contacts_are_added_with_their_phone_in_e164(self):
        rows = [
            self.HEADERS,
            ["甲公司", ubn(1), "0227001234", "陳經理", "工務經理", "0912345678", "chen@a.example"],
            ["乙公司", ubn(2), "0227001235", "", "", "", ""],
        ]

        report = run(xlsx(rows))

        assert report.ok, report.problems
        contact = Customer.objects.get(name="甲公司").contacts.get()
        assert (contact.name, contact.title, contact.phone) == (
            "陳經理",
            "工務經理",
            "+886912345678",
        )
        assert not Customer.objects.get(name="乙公司").contacts.exists()

    def test_a_bad_contact_is_a_row_problem_and_a_known_one_is_not_added_twice(self):
        rows = [self.HEADERS, ["甲公司", ubn(1), "0227001234", "陳經理", "", "0912345678", ""]]
        run(xlsx(rows))
        assert run(xlsx(rows)).ok
        assert Customer.objects.get().contacts.count() == 1

        rows.append(["乙公司", ubn(2), "0227001235", "", "", "", "no-email"])
        rows.append(["丙公司", ubn(3), "0227001236", "林小姐", "", "x", "no-email"])
        report = run(xlsx(rows))

        assert [(p.row, p.column) for p in report.problems] == [
            (3, "聯絡人Email"),
            (4, "聯絡人Email"),
            (4, "聯絡人手機"),
        ]


class TestRoundTrip:
    @pytest.mark.parametrize("export_format", ["xlsx", "csv"])
    def test_formula_looking_text_and_international_phones_survive_export_and_import(
        self, client, staff, export_format
    ):
        CustomerFactory(
            name="=和平營造", phone="+886 4 2326 1188", notes="-30 天付款", tax_number=ubn(4)
        )
        client.force_login(staff[roles.SALES])

        response = client.get(reverse(f"{VIEWS}:list") + f"?export={export_format}")
        data = b"".join(response.streaming_content)
        report = run(data, name=f"customers.{export_format}")

        assert report.ok, report.problems
        assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
        if export_format == "xlsx":
            sheet = load_workbook(io.BytesIO(data)).active
            names = [cell.value for cell in sheet["A"]]
            assert "=和平營造" in names  # the text itself, marked as text, no apostrophe
            assert [cell.value for cell in sheet["B"]][1] == "Company"  # the label


class TestLargeFilesInTheBackground:
    def test_upload_check_confirm_and_save_through_the_task_with_a_status_page(
        self, client, staff, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr("workflows.core.imports.views.BACKGROUND_BYTES", 0)
        client.force_login(staff[roles.SALES])
        upload = io.BytesIO(xlsx([HEADERS, *[company(i) for i in range(1, 30)]]))
        upload.name = "customers.xlsx"

        with django_capture_on_commit_callbacks(execute=True):
            uploaded = client.post(reverse(f"{VIEWS}:import"), {"file": upload})
        pending = PendingImport.objects.get()
        assert uploaded.status_code == 302
        assert uploaded.url == reverse(f"{VIEWS}:import_status", args=[pending.pk])
        pending.refresh_from_db()
        assert (pending.status, pending.progress) == ("ready", 100)

        preview = client.get(uploaded.url)
        assert b"data-import-confirm" in preview.content
        # The status page answers only GET: its forms post to the import page.
        forms = BeautifulSoup(preview.content, "html.parser").select("main form[method=post]")
        assert forms and {f["action"] for f in forms} == {reverse(f"{VIEWS}:import")}
        assert not Customer.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})
        assert confirmed.url == uploaded.url
        done = client.get(uploaded.url)
        assert done.status_code == 302
        assert Customer.objects.count() == 29
        assert not PendingImport.objects.exists()

    def test_the_status_page_shows_the_progress_bar_while_the_task_works(self, client, staff):
        client.force_login(staff[roles.SALES])
        pending = PendingImport.objects.create(
            user=staff[roles.SALES],
            spec="customers",
            filename="big.xlsx",
            content=b"",
            status="checking",
            progress=40,
        )

        page = client.get(reverse(f"{VIEWS}:import_status", args=[pending.pk]))

        bar = BeautifulSoup(page.content, "html.parser").select_one("[data-import-progress]")
        assert bar["value"] == "40"

    def test_another_user_cannot_see_the_status(self, client, staff):
        pending = PendingImport.objects.create(
            user=staff[roles.SALES], spec="customers", filename="f.xlsx", content=b""
        )
        client.force_login(staff[roles.CUSTOMER_SERVICE])

        page = client.get(reverse(f"{VIEWS}:import_status", args=[pending.pk]))

        assert page.status_code == 403


class TestConfirmAppliesWhatThePreviewChecked:
    """Confirming saves the rows the preview stored; it never reads the file again."""

    def preview(self, client, staff, rows):
        client.force_login(staff[roles.SALES])
        upload = io.BytesIO(xlsx(rows))
        upload.name = "customers.xlsx"
        client.post(reverse(f"{VIEWS}:import"), {"file": upload})
        return PendingImport.objects.get()

    def test_confirm_does_not_read_the_file(self, client, staff, monkeypatch):
        from workflows.core.imports import spec

        pending = self.preview(
            client, staff, [[*HEADERS, "聯絡人"], [*company(1), "陳工務"], [*company(2), ""]]
        )

        def no_reading(*args, **kwargs):
            raise AssertionError("the file was read again")

        monkeypatch.setattr(spec, "read_rows", no_reading)
        confirmed = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})

        assert confirmed.status_code == 302
        first = Customer.objects.get(tax_number=ubn(1))
        assert first.phone == "+886227000001"
        assert [c.name for c in first.contacts.all()] == ["陳工務"]
        assert Customer.objects.count() == 2

    def test_a_changed_file_is_refused(self, client, staff):
        pending = self.preview(client, staff, [HEADERS, company(1)])
        PendingImport.objects.filter(pk=pending.pk).update(
            content=xlsx([HEADERS, company(1, **{"名稱": "改過的名稱"})])
        )

        response = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})

        assert response.status_code == 200
        assert b"data-import-refused" in response.content
        assert not Customer.objects.exists()

    def test_a_record_changed_since_the_preview_is_not_overwritten(self, client, staff):
        known = CustomerFactory(tax_number=ubn(1), name="舊名稱")
        pending = self.preview(client, staff, [HEADERS, company(1), company(2)])
        Customer.objects.filter(pk=known.pk).update(name="別人剛改的名稱")

        response = client.post(
            reverse(f"{VIEWS}:import"), {"pending": pending.pk, "apply_updates": "yes"}
        )

        assert b"data-import-refused" in response.content
        known.refresh_from_db()
        assert known.name == "別人剛改的名稱"
        assert Customer.objects.count() == 1

    def test_a_key_taken_since_the_preview_is_refused(self, client, staff):
        pending = self.preview(client, staff, [HEADERS, company(1)])
        CustomerFactory(tax_number=ubn(1), name="同時建立的客戶")

        response = client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})

        assert b"data-import-refused" in response.content
        assert Customer.objects.get().name == "同時建立的客戶"


class TestMappingUnknownColumns:
    HEADERS = ["公司名稱", "統編", "總機", "內部代號"]

    def upload(self, client, rows):
        upload = io.BytesIO(xlsx(rows))
        upload.name = "customers.xlsx"
        return client.post(reverse(f"{VIEWS}:import"), {"file": upload})

    def rows(self, *numbers):
        return [self.HEADERS] + [
            [f"營造公司 {i} 號", ubn(i), f"02-2700-{i:04d}", f"A-{i}"] for i in numbers
        ]

    def test_a_column_mapped_in_the_preview_is_imported_and_remembered(self, client, staff):
        client.force_login(staff[roles.SALES])

        first = BeautifulSoup(self.upload(client, self.rows(1, 2)).content, "html.parser")
        selects = {s["data-import-map"]: s["name"] for s in first.select("[data-import-map]")}
        assert set(selects) == {"總機", "內部代號"}
        assert first.select_one("[data-import-refused]") is not None  # unknown columns
        pending = PendingImport.objects.get()

        mapped = client.post(
            reverse(f"{VIEWS}:import"),
            {"remap": pending.pk, selects["總機"]: "phone", selects["內部代號"]: ""},
        )
        page = BeautifulSoup(mapped.content, "html.parser")
        assert page.select_one("[data-import-refused]") is None, page.select_one(
            "[data-import-problems]"
        )
        assert page.select_one("[data-import-confirm]") is not None
        client.post(reverse(f"{VIEWS}:import"), {"pending": pending.pk})
        assert Customer.objects.get(tax_number=ubn(1)).phone == "+886227000001"

        # The next file with the same columns needs no mapping.
        again = BeautifulSoup(self.upload(client, self.rows(3)).content, "html.parser")
        assert again.select_one("[data-import-mapping]") is None
        assert again.select_one("[data-import-confirm]") is not None

    def test_a_mapping_to_an_unknown_field_is_not_taken(self, client, staff):
        client.force_login(staff[roles.SALES])
        page = BeautifulSoup(self.upload(client, self.rows(1)).content, "html.parser")
        names = [s["name"] for s in page.select("[data-import-map]")]

        mapped = client.post(
            reverse(f"{VIEWS}:import"),
            {"remap": PendingImport.objects.get().pk, **dict.fromkeys(names, "created_by")},
        )

        assert b"data-import-refused" in mapped.content
        assert not Customer.objects.exists()
