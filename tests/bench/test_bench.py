"""Benchmarks: `make bench` (not part of `make test`).

Each figure is the median of several runs, and each comparison is a ratio
measured in the same run, so that a busy machine shifts both sides alike.
Run with `-s` to see the table; nothing here asserts a time.
"""

import io
import statistics
import time
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from tests.factories import ConsultationFactory
from tests.site.factories import ConsultationChannelFactory
from workflows.consultations.models import Consultation
from workflows.core.periodic import run_all

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

RESULTS = []


class count_queries:
    """Counts the statements sent to the database inside the block."""

    def __enter__(self):
        self.count = 0

        def wrapper(execute, sql, params, many, context):
            self.count += 1
            return execute(sql, params, many, context)

        self._wrapper = connection.execute_wrapper(wrapper)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def __len__(self):
        return self.count


def median_seconds(fn, runs=5):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(name, value, unit):
    RESULTS.append((name, value, unit))
    print(f"{name:<60} {value:>12.2f} {unit}")


def test_consultation_listing_stays_flat(client, staff):
    channel = ConsultationChannelFactory()
    client.force_login(staff["Customer Service"])
    url = reverse("wagtailsnippets_consultations_consultation:list")
    figures = {}
    for rows in (20, 200):
        ConsultationFactory.create_batch(rows - Consultation.objects.count(), channel=channel)
        with count_queries() as queries:
            response = client.get(url)
        assert response.status_code == 200
        seconds = median_seconds(lambda: client.get(url))
        figures[rows] = (len(queries), seconds)
        report(f"consultation listing, {rows} stored: queries", len(queries), "")
        report(f"consultation listing, {rows} stored: median", seconds * 1000, "ms")
    report(
        "consultation listing: time 200 stored ÷ 20 stored",
        figures[200][1] / figures[20][1],
        "×",
    )


def test_escalation_job_is_set_based():
    channel = ConsultationChannelFactory()
    past = timezone.now() - timedelta(days=2)
    Consultation.objects.bulk_create(
        [
            Consultation(
                channel=channel,
                reference=f"B{uuid.uuid4().hex[:12]}",
                customer_name="bench",
                phone="0900000000",
                subject="s",
                question="q",
                received_at=past,
                due_at=past,
            )
            for _ in range(2000)
        ]
    )
    started = time.perf_counter()
    with count_queries() as queries:
        run_all(only=["escalate_overdue"])
    first = time.perf_counter() - started
    report("escalation job, first run over 2000 overdue: seconds", first, "s")
    report("escalation job, first run: queries", len(queries), "")
    second = median_seconds(lambda: run_all(only=["escalate_overdue"]), runs=3)
    report("escalation job, repeated run (nothing to do): median", second * 1000, "ms")


def test_import_throughput():
    from tests.workflows.core.test_imports import CategoryImport
    from workflows.core.imports import run_import

    rows = 5000

    def workbook():
        book = Workbook()
        book.active.append(["Code", "Name"])
        for i in range(rows):
            book.active.append([f"code-{i}", f"類別 {i}"])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    data = workbook()
    spec = CategoryImport()
    spec.max_rows = rows
    seconds = median_seconds(
        lambda: run_import(spec, "bench.xlsx", data, user=None, dry_run=True), runs=3
    )
    report(f"import preview (dry run) of {rows} rows: rows per second", rows / seconds, "rows/s")


def import_in_a_worker(spec_name, data, tmp_path):
    """Preview + confirm of `data` in a process of its own (tests/bench/import_worker.py), as
    a worker runs it: its peak memory is not the test runner's. On an in-memory SQLite test
    database, which another process cannot open, it runs here instead and says so."""
    import json
    import os
    import subprocess
    import sys
    from contextlib import redirect_stdout

    path = tmp_path / "bench.xlsx"
    path.write_bytes(data)
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
            **{k: settings_dict.get(k) or "" for k in ("USER", "PASSWORD", "HOST", "PORT")},
            NAME=settings_dict["NAME"],
        )
        env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": os.pathsep.join([".", "site"])}
        done = subprocess.run(  # noqa: S603 (this interpreter, a module of the project)
            [sys.executable, "-m", "tests.bench.import_worker", spec_name, str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return {**json.loads(done.stdout.strip().splitlines()[-1]), "where": "worker process"}
    from tests.bench import import_worker

    out = io.StringIO()
    with redirect_stdout(out):
        import_worker.main(spec_name, str(path))
    return {**json.loads(out.getvalue().strip().splitlines()[-1]), "where": "test process"}


@pytest.mark.django_db(transaction=True)
def test_customer_import_against_django_import_export(tmp_path):
    """100,000 customer rows, preview then confirm, against import-export's default resource.

    The same file serves both: its headers are the field names and its values as
    stored, which both accept. django-import-export saves row by row, so it is
    measured on the first BENCH_BASELINE_ROWS rows (preview then confirm too) and
    the figures compared as rows per second, in this run, on this database.
    """
    import os

    from import_export import resources
    from stdnum.tw import ubn
    from tablib import Dataset

    from workflows.core.models import PendingImport
    from workflows.customers.imports import CustomerImport
    from workflows.customers.models import Customer

    rows = int(os.environ.get("BENCH_IMPORT_ROWS", 100_000))
    baseline_rows = min(rows, int(os.environ.get("BENCH_BASELINE_ROWS", 5_000)))
    headers = ["kind", "name", "tax_number", "phone", "email", "address", "notes"]

    def numbers():
        n = 10_000_000
        while True:
            n += 1
            if ubn.is_valid(f"{n:08d}"):
                yield f"{n:08d}"

    def workbook(count):
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(headers)
        for i, tax in zip(range(count), numbers(), strict=False):
            sheet.append(
                [
                    "company",
                    f"營造公司 {i}",
                    tax,
                    f"+8862{27000000 + i}",
                    f"office{i}@example.com",
                    f"台北市信義區松仁路 {i} 號",
                    "月結 30 天",  # an empty cell is NULL for the default resource: refused
                ]
            )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    class DefaultCustomerResource(resources.ModelResource):
        class Meta:
            model = Customer
            fields = headers
            import_id_fields = ("tax_number",)

    data = workbook(rows)
    measured = import_in_a_worker(CustomerImport.name, data, tmp_path)
    assert measured.get("saved") and Customer.objects.count() == rows, measured
    ours = rows / measured["total_seconds"]
    # django-import-export afterwards, on an empty table: the peak above is ours alone.
    del data
    PendingImport.objects.all().delete()
    # Emptied without a signal per record (Wagtail's index would delete its entries one by
    # one), index entries included: nothing else refers to these customers.
    Customer.objects.all()._raw_delete(Customer.objects.db)
    if connection.vendor == "postgresql":
        from django.contrib.contenttypes.models import ContentType
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Customer)
        )._raw_delete(IndexEntry.objects.db)
    baseline_data = workbook(baseline_rows)
    dataset = Dataset().load(baseline_data, format="xlsx")
    started = time.perf_counter()
    for dry_run in (True, False):
        result = DefaultCustomerResource().import_data(
            dataset, dry_run=dry_run, use_transactions=True
        )
        assert not result.has_errors(), [
            e.error for _n, errors in result.row_errors() for e in errors
        ][:3]
        assert not result.has_validation_errors(), result.invalid_rows[:3]
    theirs = baseline_rows / (time.perf_counter() - started)

    report(
        f"customer import, preview + confirm of {rows} rows ({connection.vendor})", ours, "rows/s"
    )
    report(
        f"customer import, preview alone of {rows} rows",
        rows / measured["preview_seconds"],
        "rows/s",
    )
    report(f"django-import-export default resource, {baseline_rows} rows", theirs, "rows/s")
    report("customer import speed-up over django-import-export", ours / theirs, "x")
    where = measured["where"]
    report(f"peak memory ({where}), Django loaded, before the import", measured["ready_mb"], "MB")
    report(f"peak memory ({where}) after the preview", measured["preview_peak_mb"], "MB")
    report(f"peak memory ({where}) after preview + confirm", measured["peak_mb"], "MB")
