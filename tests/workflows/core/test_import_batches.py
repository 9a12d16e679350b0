"""Confirming applies the checked rows batch by batch, in one transaction: every batch is
written, a stale row in a late batch undoes the earlier ones, and rows kept by the previous
release's format (one JSON object) still confirm."""

import json
import zlib

import pytest
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.core.test_import_history import HEADERS, confirm, entries, rows
from tests.workflows.core.test_imports import CategoryImport, xlsx
from workflows.core.imports import checked as checked_rows
from workflows.core.imports.checked import CheckedRows, fingerprint
from workflows.core.imports.spec import apply_checked, check_file
from workflows.core.models import ImportRun, PendingImport
from workflows.fleet.models import EquipmentCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches_of_two(monkeypatch):
    monkeypatch.setattr(checked_rows, "BATCH", 2)


def preview(data, user):
    spec = CategoryImport()
    report, checked = check_file(spec, "類別.xlsx", data, user=user)
    assert report.ok, report.problems
    return spec, PendingImport.objects.create(
        user=user,
        spec=spec.name,
        filename="類別.xlsx",
        content=data,
        checked=checked,
        checked_hash=fingerprint(data),
    )


def test_every_batch_is_written_with_its_history(batches_of_two):
    user = UserFactory()
    EquipmentCategory.objects.create(slug="code-4", name="舊名稱")

    report = confirm(xlsx([HEADERS, *rows(5)]), user)

    assert report.saved and (report.new, report.updated) == (4, 1)
    assert sorted(EquipmentCategory.objects.values_list("slug", "name")) == [
        (f"code-{i}", f"類別 {i}") for i in range(5)
    ]
    assert ImportRun.objects.get().new == 4
    assert entries(EquipmentCategory).count() == 5


def test_a_stale_row_in_the_last_batch_undoes_the_batches_before_it(batches_of_two):
    user = UserFactory()
    changed = EquipmentCategory.objects.create(slug="code-4", name="舊名稱")
    spec, pending = preview(xlsx([HEADERS, *rows(5)]), user)
    EquipmentCategory.objects.filter(pk=changed.pk).update(name="別人改過的名稱")

    report = apply_checked(spec, pending, user=user)

    assert not report.saved
    assert "has changed since the preview" in report.problems[0].message
    assert list(EquipmentCategory.objects.values_list("slug", flat=True)) == ["code-4"]
    assert not ImportRun.objects.exists() and not ModelLogEntry.objects.exists()


def test_rows_are_rebuilt_a_batch_at_a_time(batches_of_two):
    user = UserFactory()
    spec, pending = preview(xlsx([HEADERS, *rows(5)]), user)

    sizes = [len(batch.new) for batch in CheckedRows(spec, pending.checked, user=user)]

    assert sizes == [2, 2, 1]


def test_rows_kept_in_the_previous_format_still_confirm():
    user = UserFactory()
    spec, pending = preview(xlsx([HEADERS, *rows(2)]), user)
    lines = [json.loads(line) for line in zlib.decompress(pending.checked).splitlines()]
    header, body = lines[0], lines[1:]
    earlier = {
        "attnames": header["attnames"],
        "unchanged_count": header["unchanged_count"],
        "new": [row[1:] for row in body if row[0] == "n"],
        "updated": [],
        "unchanged": [],
    }
    pending.checked = zlib.compress(json.dumps(earlier).encode())
    pending.save()

    report = apply_checked(spec, pending, user=user)

    assert report.saved and report.new == 2
    assert EquipmentCategory.objects.count() == 2
