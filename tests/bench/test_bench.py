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
