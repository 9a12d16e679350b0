"""The gram indexes under substring search (workflows/core/search.py), on PostgreSQL.

Every column a listing searches has its index (found, not listed: every search field of
every snippet listing, through relations too), a search uses it, and the answer with the
index's condition is exactly the substring match, for any text and any query.
"""

import pytest
from django.db import connection, models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.snippets.models import get_snippet_models

from tests.conftest import skip_or_fail
from tests.workflows.customers.factories import CustomerFactory
from workflows.core.search import gram_index_name
from workflows.customers.models import Customer


@pytest.fixture
def on_postgres(db):
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL: run with DATABASE_URL=postgres://...")


def searched_columns():
    """{(table, column)} of every text field a snippet listing searches."""
    columns = set()
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        view = viewset.index_view.view_class(**viewset.index_view.view_initkwargs)
        for path in view.search_fields or []:
            target = model
            *relations, name = path.split("__")
            for relation in relations:
                target = target._meta.get_field(relation).related_model
            field = target._meta.get_field(name)
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                columns.add((field.model._meta.db_table, field.column))
    return columns


def test_the_enumeration_finds_the_searched_columns():
    assert {
        ("customers_customer", "name"),
        ("auth_user", "last_name"),
        ("wagtailcore_page", "title"),
        ("leasing_contract", "number"),
    } <= searched_columns()


def test_every_searched_column_has_its_gram_index(on_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes")
        indexes = {row[0] for row in cursor.fetchall()}
    missing = sorted(
        f"{table}.{column}"
        for table, column in searched_columns()
        if gram_index_name(table, column) not in indexes
    )
    assert not missing, "add AddGramIndex migrations for: " + ", ".join(missing)


def test_a_search_reads_the_index(on_postgres):
    CustomerFactory(name="大安營造股份有限公司")
    query = Customer.objects.filter(name__icontains="營造")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert gram_index_name("customers_customer", "name") in plan, plan
    assert list(query.values_list("name", flat=True)) == ["大安營造股份有限公司"]


#: Chinese characters, both cases of a few letters, digits and what LIKE treats specially.
ALPHABET = "營造大安股份有限公司機械租賃aAbBzZ09-%_\\ "


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    names=st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=6),
    query=st.text(alphabet=ALPHABET, min_size=1, max_size=4),
)
def test_the_index_condition_never_changes_the_answer(on_postgres, names, query):
    Customer.objects.all().delete()
    made = [CustomerFactory(name=name) for name in names]
    expected = {c.pk for c in made if query.upper() in c.name.upper()}
    found = set(Customer.objects.filter(name__icontains=query).values_list("pk", flat=True))
    assert found == expected
