"""A confirmed import's History: one entry for the import (on its ImportRun, with the file
and the counts) and one "imported" entry per record, written in one insert."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.workflows.core.test_imports import CategoryImport, xlsx
from workflows.core.imports.checked import fingerprint
from workflows.core.imports.history import log_import, log_imported
from workflows.core.imports.spec import apply_checked, check_file
from workflows.core.models import ImportRun, PendingImport
from workflows.fleet.models import EquipmentCategory

pytestmark = pytest.mark.django_db

HEADERS = ["Code", "Name"]


def rows(count, start=0):
    return [[f"code-{i}", f"類別 {i}"] for i in range(start, start + count)]


def confirm(data, user, name="類別.xlsx"):
    """As the admin does: the preview checks and stores the rows, confirming applies them."""
    spec = CategoryImport()
    report, checked = check_file(spec, name, data, user=user)
    assert report.ok, report.problems
    pending = PendingImport.objects.create(
        user=user,
        spec=spec.name,
        filename=name,
        content=data,
        report={"skipped": [{"row": 2, "reason": "blank"}] * len(report.skipped)},
        checked=checked,
        checked_hash=fingerprint(data),
    )
    return apply_checked(spec, pending, user=user)


def entries(model):
    return ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))


class TestOneEntryForTheImportAndOnePerRecord:
    def test_confirming_writes_the_import_entry_and_one_per_record(self):
        user = UserFactory()
        EquipmentCategory.objects.create(slug="code-0", name="舊名稱")
        data = xlsx([["類別一覽"], HEADERS, *rows(3), [], ["code-3", "類別 3"]])

        report = confirm(data, user)

        assert report.saved and (report.new, report.updated) == (3, 1)
        run = ImportRun.objects.get()
        assert (run.spec, run.filename, run.user) == ("categories", "類別.xlsx", user)
        assert (run.new, run.updated, run.unchanged, run.skipped) == (3, 1, 0, 1)
        (entry,) = entries(ImportRun)
        assert (entry.action, entry.object_id, entry.user) == ("core.import", str(run.pk), user)
        assert entry.data["file"] == "類別.xlsx"
        assert (entry.data["new"], entry.data["updated"], entry.data["skipped"]) == (3, 1, 1)
        with translation.override("en"):
            assert entry.message == (
                "Imported 類別.xlsx: 3 new, 1 updated, 0 unchanged, 1 rows skipped"
            )

        records = entries(EquipmentCategory)
        assert records.count() == 4
        assert {e.action for e in records} == {"core.imported"}
        assert {e.user for e in records} == {user}
        assert {e.data["import"] for e in records} == {run.pk}
        assert {e.data["note"] for e in records} == {"類別.xlsx"}
        updated = records.get(object_id=str(EquipmentCategory.objects.get(slug="code-0").pk))
        assert updated.data["new"] is False
        with translation.override("en"):
            assert updated.message == "Imported: 類別.xlsx"

    def test_n_rows_write_one_plus_n_entries(self):
        user = UserFactory()
        for count in (1, 50):
            before = ModelLogEntry.objects.count()
            confirm(xlsx([HEADERS, *rows(count, start=count * 100)]), user)
            assert ModelLogEntry.objects.count() - before == 1 + count

    def test_a_refused_confirmation_writes_no_history(self):
        user = UserFactory()
        spec = CategoryImport()
        data = xlsx([HEADERS, *rows(2)])
        _report, checked = check_file(spec, "a.xlsx", data, user=user)
        pending = PendingImport.objects.create(
            user=user, spec=spec.name, filename="a.xlsx", content=data, checked=checked
        )  # no fingerprint: the stored file is not the one checked

        assert not apply_checked(spec, pending, user=user).saved
        assert not ImportRun.objects.exists()
        assert not ModelLogEntry.objects.exists()


class TestTheHistoryCostsTheSameQueriesForAnyNumberOfRows:
    def queries(self, count, user):
        records = EquipmentCategory.objects.bulk_create(
            EquipmentCategory(slug=f"q{count}-{i}", name=f"類別 {count}-{i}") for i in range(count)
        )
        for model in (EquipmentCategory, ImportRun):  # cached after the first import
            ContentType.objects.get_for_model(model)
        with CaptureQueriesContext(connection) as captured:
            run = log_import(CategoryImport(), "類別.xlsx", new=len(records), updated=0, user=user)
            log_imported(records, [], user=user, filename=run.filename, run=run)
        return len(captured)

    def test_the_log_part_of_1_row_and_of_50_rows(self):
        user = UserFactory()
        one, fifty = self.queries(1, user), self.queries(50, user)

        assert one == fifty
        # The run, its entry (through Wagtail's log()), every record's entries in one insert.
        assert fifty <= 5

    def test_the_whole_confirmation_of_1_row_and_of_50_rows(self):
        user = UserFactory()
        counts = []
        for count in (1, 50):
            data = xlsx([HEADERS, *rows(count, start=count * 100)])
            spec = CategoryImport()
            _report, checked = check_file(spec, "c.xlsx", data, user=user)
            pending = PendingImport.objects.create(
                user=user,
                spec=spec.name,
                filename="c.xlsx",
                content=data,
                checked=checked,
                checked_hash=fingerprint(data),
            )
            with CaptureQueriesContext(connection) as captured:
                assert apply_checked(spec, pending, user=user).saved
            counts.append(len(captured))

        assert counts[0] == counts[1]
