"""Imported records are written into PostgreSQL's search index directly (one INSERT a
thousand records), and the entries are exactly those the search backend writes itself."""

from importlib import import_module

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.index import class_is_indexed

from workflows.core.imports.indexing import add_to_postgres_index, is_postgres_backend
from workflows.core.imports.spec import SPECS, spec_named

from .test_every_command import FACTORIES, factory_for


def entries(model, records):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    table = IndexEntry._meta.db_table
    sql = (
        "SELECT object_id, title::text, autocomplete::text, body::text, title_text, "  # noqa: S608
        f"body_text FROM {table} WHERE object_id = ANY(%s) ORDER BY object_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [[str(r.pk) for r in records]])
        return cursor.fetchall()


def imported_models():
    spec_named("customers")  # loads every app's imports
    models = {spec().get_resource(None)._meta.model for spec in SPECS.values()}
    return sorted((m for m in models if class_is_indexed(m)), key=lambda m: m._meta.label)


def test_every_indexed_model_an_import_writes_is_covered(db):
    assert {m._meta.label for m in imported_models()} >= {"customers.Customer"}


@pytest.mark.parametrize("model", imported_models(), ids=lambda m: m._meta.label)
def test_the_entries_are_the_search_backends_own(postgres, model):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    factory = (
        factory_for(model)
        if model._meta.label_lower in FACTORIES
        else getattr(
            import_module(f"tests.workflows.{model._meta.app_label}.factories"),
            f"{model.__name__}Factory",
        )
    )
    records = [factory.create() for _i in range(3)]
    backend = next(b for _n, b in get_search_backends_with_name() if is_postgres_backend(b))
    IndexEntry.objects.all().delete()

    backend.add_bulk(model, records)
    theirs = entries(model, records)
    IndexEntry.objects.all().delete()
    add_to_postgres_index(backend, model, records)
    ours = entries(model, records)

    assert len(ours) == 3
    assert ours == theirs
