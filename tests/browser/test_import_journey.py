"""A customer list as an office keeps it, imported in a browser: the problems of the first
upload shown together, an unknown column mapped, the file fixed, confirmed, in the listing."""

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import expect
from stdnum.tw.ubn import is_valid as is_valid_ubn

from tests.browser.test_complaint_journey import clean_site_state, log_in  # noqa: F401
from workflows.core import roles
from workflows.customers.models import Customer

pytestmark = pytest.mark.browser

VIEWS = "wagtailsnippets_customers_customer"


def ubn(i):
    return next(
        f"{n:08d}" for n in range(30000000 + i * 10, 30000010 + i * 10) if is_valid_ubn(f"{n:08d}")
    )


def workbook(path, tax_numbers):
    book = Workbook()
    sheet = book.active
    sheet.append(["客戶名單（115 年 11 月）"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["公司名稱", "統編", "總機", "地址"])
    sheet.append(["北辰工程有限公司", tax_numbers[0], "０２ ２７００ １２３４", "台中市西屯區"])
    sheet.append(["南山營造股份有限公司", tax_numbers[1], 227005678, "高雄市前鎮區"])
    sheet.append(["合計", "", "", ""])
    book.save(path)
    return path


def test_sales_maps_a_column_fixes_the_file_and_imports(
    page, live_server, staff, screenshots, tmp_path
):
    url = live_server.url
    log_in(page, url, staff[roles.SALES])
    messy = workbook(tmp_path / "客戶名單.xlsx", [ubn(1), "12345678"])

    page.goto(url + reverse(f"{VIEWS}:import"))
    page.set_input_files("input[name=file]", str(messy))
    page.click("form[enctype] button[type=submit]")

    # Header problems (the unknown column) and row problems (the check digit) together.
    expect(page.locator("[data-import-refused]")).to_be_visible()
    problems = page.locator("[data-import-problems]")
    expect(problems).to_contain_text("總機")
    expect(problems).to_contain_text("12345678")
    expect(page.locator("[data-import-skipped]")).to_contain_text("合計")
    page.screenshot(path=str(screenshots / "import-problems.png"))

    page.select_option("select[data-import-map='總機']", "phone")
    page.click("[data-import-remap]")
    expect(page.locator("[data-import-problems]")).not_to_contain_text("總機")
    expect(page.locator("[data-import-problems]")).to_contain_text("12345678")

    # The tax number fixed in the file; the same columns need no mapping again.
    fixed = workbook(tmp_path / "客戶名單-修正.xlsx", [ubn(1), ubn(2)])
    page.set_input_files("input[name=file]", str(fixed))
    page.click("form[enctype] button[type=submit]")
    expect(page.locator("[data-import-summary]")).to_be_visible()
    expect(page.locator("[data-import-mapping]")).to_have_count(0)
    page.click("[data-import-confirm]")

    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("北辰工程有限公司")
    expect(page.locator("main")).to_contain_text("02 2700 5678")
    page.screenshot(path=str(screenshots / "import-done.png"))
    assert sorted(Customer.objects.values_list("phone", flat=True)) == [
        "+886227001234",
        "+886227005678",
    ]
