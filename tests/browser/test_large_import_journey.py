"""A large customer list (more than the background threshold) imported in a browser: the
title row over the header, an unknown column mapped, the problem row listed, the file
fixed, confirmed; the progress bar followed through reloads until the import is done.

The background tasks are held back and run by the test, so that the page can be
seen (and reloaded) while the work is under way.
"""

import io
import random

import pytest
from django.urls import reverse
from openpyxl import Workbook
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from stdnum.tw.ubn import is_valid as is_valid_ubn

from tests.browser.test_complaint_journey import clean_site_state, log_in  # noqa: F401
from workflows.core import roles
from workflows.core.imports import background, views
from workflows.core.imports.background import BACKGROUND_BYTES, apply_pending, check_pending
from workflows.core.models import ImportRun, PendingImport
from workflows.customers.models import Customer

pytestmark = pytest.mark.browser

VIEWS = "wagtailsnippets_customers_customer"
ROWS = 5000


def tax_numbers(count):
    found, n = [], 40_000_000
    while len(found) < count:
        n += 1
        if is_valid_ubn(f"{n:08d}"):
            found.append(f"{n:08d}")
    return found


def workbook(path, bad_row=None):
    """A title row over the header, a column named 總機 (switchboard), notes that do not
    compress much: larger than the background threshold. `bad_row` gets a wrong tax number."""
    book = Workbook()
    sheet = book.active
    sheet.append(["客戶名單（115 年 11 月）"])
    sheet.merge_cells("A1:E1")
    sheet.append(["公司名稱", "統編", "總機", "地址", "備註"])
    letters = random.Random(7)
    for i, tax in enumerate(tax_numbers(ROWS)):
        sheet.append(
            [
                f"營造公司 {i}",
                "12345678" if i == bad_row else tax,
                f"02 2{700_0000 + i}",
                f"台中市西屯區工業路 {i} 號",
                "".join(
                    letters.choice("甲乙丙丁戊己庚辛壬癸abcdefghij0123456789") for _ in range(120)
                ),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    assert len(data) > BACKGROUND_BYTES  # the background path, with its progress bar
    path.write_bytes(data)
    return path


class HeldTask:
    """Stands for a django-tasks task: remembers what was enqueued, for the test to run."""

    def __init__(self, queue, run):
        self.queue, self.run = queue, run

    def enqueue(self, *args, **kwargs):
        self.queue.append(lambda: self.run(*args, **kwargs))


@pytest.fixture
def held_tasks(monkeypatch):
    queue = []
    monkeypatch.setattr(views, "check_import", HeldTask(queue, check_pending))
    monkeypatch.setattr(views, "apply_import", HeldTask(queue, apply_pending))

    def run_all():
        assert queue, "nothing was enqueued"
        while queue:
            queue.pop(0)()

    return run_all


def visit(page, url=None):
    """Go to `url` (or reload), again if the page's own refresh (every 2 s while the work
    goes on) was under way and cut the navigation short."""
    for attempt in range(5):
        try:
            page.goto(url) if url else page.reload()
            return
        except PlaywrightError:
            if attempt == 4:
                raise
            page.wait_for_load_state()


def progress_value(page):
    return int(page.locator("[data-import-progress]").get_attribute("value"))


def test_a_large_file_is_checked_mapped_fixed_and_saved_with_its_progress_shown(
    page, live_server, staff, screenshots, tmp_path, held_tasks, monkeypatch
):
    url = live_server.url
    log_in(page, url, staff[roles.SALES])
    messy = workbook(tmp_path / "客戶名單.xlsx", bad_row=1)

    page.goto(url + reverse(f"{VIEWS}:import"))
    page.set_input_files("input[name=file]", str(messy))
    page.click("form[enctype] button[type=submit]")

    # Held back: the status page shows the bar, and shows it again after a reload.
    expect(page.locator("[data-import-working]")).to_be_visible()
    assert progress_value(page) == 0
    status_url = page.url
    visit(page)
    expect(page.locator("[data-import-working]")).to_be_visible()

    # Halfway through the check, the page (reloaded) shows how far it is; reloaded
    # again, the same: the progress is kept with the upload, not in the page.
    seen = []
    real_check_file = background.check_file

    def watched_check_file(*args, progress, **kwargs):
        def watched(fraction):
            progress(fraction)
            if not seen and 0 < fraction < 1:
                visit(page, status_url)
                seen.append(progress_value(page))
                visit(page)
                seen.append(progress_value(page))
                page.screenshot(path=str(screenshots / "large-import-progress.png"))

        return real_check_file(*args, progress=watched, **kwargs)

    monkeypatch.setattr(background, "check_file", watched_check_file)
    held_tasks()
    assert len(seen) == 2 and 0 < seen[0] < 100 and seen[0] == seen[1], seen

    # Once checked, the page (refreshing itself) shows the preview: the unknown column
    # and the problem row.
    expect(page.locator("[data-import-refused]")).to_be_visible()
    problems = page.locator("[data-import-problems]")
    expect(problems).to_contain_text("總機")
    expect(problems).to_contain_text("12345678")

    page.select_option("select[data-import-map='總機']", "phone")
    page.click("[data-import-remap]")
    expect(page.locator("[data-import-working]")).to_be_visible()  # checked again, behind
    held_tasks()
    expect(page.locator("[data-import-problems]")).to_contain_text("12345678")
    expect(page.locator("[data-import-problems]")).not_to_contain_text("總機")
    page.screenshot(path=str(screenshots / "large-import-problems.png"))

    # The tax number fixed in the file; the columns are remembered.
    fixed = workbook(tmp_path / "客戶名單-修正.xlsx")
    page.set_input_files("input[name=file]", str(fixed))
    page.click("form[enctype] button[type=submit]")
    expect(page.locator("[data-import-working]")).to_be_visible()
    held_tasks()
    expect(page.locator("[data-import-summary]")).to_be_visible()
    expect(page.locator("[data-import-mapping]")).to_have_count(0)
    page.click("[data-import-confirm]")

    # Saving: the bar, kept through a reload, until the task has saved every row.
    expect(page.locator("[data-import-working]")).to_be_visible()
    visit(page)
    expect(page.locator("[data-import-working]")).to_contain_text("客戶名單-修正.xlsx")
    assert not Customer.objects.exists()
    held_tasks()

    # The finished state, where the page follows: the listing, with what was imported.
    expect(page.locator(".messages .success")).to_contain_text("客戶名單-修正.xlsx")
    expect(page.locator(".messages .success")).to_contain_text(str(ROWS))
    page.screenshot(path=str(screenshots / "large-import-done.png"))
    assert Customer.objects.count() == ROWS
    # The confirmed upload is gone; the refused first one waits for the daily clean-up.
    assert list(PendingImport.objects.values_list("filename", flat=True)) == ["客戶名單.xlsx"]
    run = ImportRun.objects.get()
    assert (run.filename, run.new, run.user) == ("客戶名單-修正.xlsx", ROWS, staff[roles.SALES])
