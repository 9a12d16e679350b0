"""Listing search at scale, on PostgreSQL: `make bench` (SCALE rows, default 100,000;
`make bench SCALE=1000000` for a million).

The customer listing is searched by four characters of one customer's name (found in that
name alone at every scale, as a person's or company's name usually is) and by a common
word (營造, in about one name in nine), at 10,000 customers and at SCALE. Printed:
median server times, the ratio SCALE ÷ 10,000 from the same run, and the same rare search
as plain SQL with and without the gram index's condition (workflows/core/search.py).
"""

import os
import random
import time

import pytest
from django.db import connection
from django.urls import reverse

from workflows.customers.models import Customer

from .test_bench import median_seconds, report

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

SCALE = int(os.environ.get("SCALE", "100000"))
#: Characters of made-up names: three of them in a row are rare, as in real names.
POOL = (
    "安寶昌誠達德東鼎豐福光國海和宏華輝吉佳建杰金錦晉敬君凱康坤立利林隆茂美明南鵬"
    "平齊啟強慶榮瑞森勝盛順泰騰天同統偉文祥新鑫信星興旭雅洋億益英永元源遠越展正志中眾"
)
TRADES = ["營造", "機械", "工程", "租賃", "建設", "物流", "科技", "實業", "貿易"]


def made_up_name(rng, number):
    given = "".join(rng.choice(POOL) for _ in range(3))
    return f"{given}{TRADES[number % len(TRADES)]}有限公司"


def fill(up_to, rng):
    """Customers up to `up_to` rows, written in batches (no search indexing: bulk)."""
    batch = 5000
    have = Customer.objects.count()
    while have < up_to:
        size = min(batch, up_to - have)
        Customer.objects.bulk_create(
            [
                Customer(name=made_up_name(rng, have + i), phone=f"09{have + i:08d}")
                for i in range(size)
            ]
        )
        have += size
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load (VACUUM cannot run in the test's
        # transaction): merge the GIN indexes' pending entries, then gather statistics.
        cursor.execute(
            "SELECT gin_clean_pending_list(indexrelid::regclass) FROM pg_index"
            " WHERE indrelid = 'customers_customer'::regclass"
            " AND indexrelid::regclass::text LIKE '%%_grams'"
        )
        cursor.execute("ANALYZE customers_customer")


def plain_sql_seconds(query, with_grams):
    condition = "UPPER(name::text) LIKE UPPER(%s)"
    params = [f"%{query}%"]
    if with_grams:
        condition = f"rsd_grams(UPPER(name::text)) @> rsd_query_grams(UPPER(%s)) AND {condition}"
        params = [query, *params]
    sql = f"SELECT id, name FROM customers_customer WHERE {condition} LIMIT 20"  # noqa: S608

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return median_seconds(run, runs=7)


def test_customer_search_stays_flat(client, staff):
    if connection.vendor != "postgresql":
        pytest.skip("the gram index is PostgreSQL's: run `make bench` with DATABASE_URL")
    rng = random.Random(16)
    client.force_login(staff["Sales"])
    url = reverse("wagtailsnippets_customers_customer:list")
    figures = {}
    for rows in (10_000, SCALE):
        started = time.perf_counter()
        fill(rows, rng)
        report(f"customers: filling to {rows}: seconds", time.perf_counter() - started, "s")
        sample = Customer.objects.order_by("pk")[rows // 2].name
        rare = sample[:4]  # a name's own characters and the first of its trade: one name
        for kind, query in (("rare part of a name", rare), ("common word 營造", "營造")):
            response = client.get(url, {"q": query})
            assert response.status_code == 200
            assert query in response.content.decode()
            seconds = median_seconds(lambda q=query: client.get(url, {"q": q}), runs=7)
            figures[rows, kind] = seconds
            report(f"customer listing search, {kind}, {rows} rows: median", seconds * 1000, "ms")
        plain = plain_sql_seconds(rare, with_grams=False)
        grams = plain_sql_seconds(rare, with_grams=True)
        report(f"rare part as SQL, {rows} rows, LIKE alone: median", plain * 1000, "ms")
        report(f"rare part as SQL, {rows} rows, gram index + LIKE: median", grams * 1000, "ms")
    for kind in ("rare part of a name", "common word 營造"):
        report(
            f"customer listing search, {kind}: {SCALE} rows ÷ 10000 rows",
            figures[SCALE, kind] / figures[10_000, kind],
            "×",
        )
