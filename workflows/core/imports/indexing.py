"""Imported records made findable: the search index and the reference index, in bulk.

bulk_create and bulk_update send no signals, so neither index hears of an
import by itself; `index_imported` does what saving one record would have done.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRel
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.index import class_is_indexed

#: Records per call to a search backend.
BATCH = 1000


def index_imported(created, updated=()):
    """Add or refresh the records (all of one model) in every search backend and references."""
    records = [*created, *updated]
    if not records:
        return
    model = type(records[0])
    if class_is_indexed(model):
        for _name, backend in get_search_backends_with_name(with_auto_update=True):
            # A thousand at a time: a backend builds every entry of a call in memory.
            for start in range(0, len(records), BATCH):
                batch = records[start : start + BATCH]
                if is_postgres_backend(backend):
                    add_to_postgres_index(backend, model, batch)
                else:
                    backend.add_bulk(model, batch)
    if ReferenceIndex.is_indexed(model):
        slow = list(updated) + _reference_new(model, list(created))
        for record in slow:
            ReferenceIndex.create_or_update_for_object(record)


def is_postgres_backend(backend):
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    return isinstance(backend, PostgresSearchBackend)


def add_to_postgres_index(backend, model, records):
    """The entries PostgreSQL's search backend writes for `records`, in one INSERT.

    The backend's own `add_items` builds a Django expression per field of every record
    and compiles it (about 10 ms a record: 17 minutes for 100,000 customers); the SQL it
    compiles to is regular, so it is written here directly: per record, each non-empty
    text as `setweight(to_tsvector([config,] text), weight)`, joined with `||`, upserted
    like the backend does. tests/workflows/core/test_import_indexing.py compares the
    entries with the backend's own, field by field.
    """
    from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer
    from modelsearch.index import AutocompleteField, SearchField

    if not records or not model.get_search_fields():
        return
    index = backend.get_index_for_model(model)
    content_type = ContentType.objects.get_for_model(model).pk  # the backend's own choice
    rows, params = [], []

    def vector(texts, config):
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            params.extend(["", ""])
            return "to_tsvector(COALESCE(%s, %s))"
        parts = []
        for text, weight in texts:
            if config:
                parts.append("setweight(to_tsvector(%s::regconfig, COALESCE(%s, %s)), %s)")
                params.extend([config, text, "", weight])
            else:
                parts.append("setweight(to_tsvector(COALESCE(%s, %s)), %s)")
                params.extend([text, "", weight])
        return "(" + " || ".join(parts) + ")"

    for record in records:
        indexer = ObjectIndexer(record, backend)
        title, body, autocomplete = [], [], []
        for search_field in indexer.search_fields:
            for field, weight, value in indexer.prepare_field(record, search_field):
                if isinstance(field, AutocompleteField):
                    autocomplete.append((value, weight))
                elif isinstance(field, SearchField):
                    (title if field.field_name == "title" else body).append((value, weight))
        params.extend([content_type, str(record.pk)])
        row = ["%s", "%s"]
        row.append(vector(title, backend.config))
        row.append(vector(autocomplete, backend.autocomplete_config))
        row.append(vector(body, backend.config))
        row.append("1.0")
        params.append(" ".join(t for v, _w in title if (t := v.strip())))
        params.append(" ".join(t for v, _w in body if (t := v.strip())))
        row.extend(["%s", "%s"])
        rows.append("(" + ", ".join(row) + ")")
    with index.write_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
            "autocomplete, body, title_norm, title_text, body_text) "
            f"(VALUES {', '.join(rows)}) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
            params,
        )
    index._refresh_title_norms()


def _reference_new(model, records):
    """References of new records from their foreign keys, in one insert; returns the records
    that have child objects (those are indexed one by one, as Wagtail does)."""
    if not records:
        return []
    pks = [r.pk for r in records]
    with_children = set()
    for relation in get_all_child_relations(model):
        parent = relation.field.name
        for start in range(0, len(pks), 1000):
            with_children.update(
                relation.related_model._default_manager.filter(
                    **{f"{parent}__in": pks[start : start + 1000]}
                ).values_list(parent, flat=True)
            )
    fields = [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and field.many_to_one
        and getattr(field, "concrete", False)
        and not isinstance(field, (ParentalKey, GenericRel, GenericForeignKey))
        and not getattr(field, "wagtail_reference_index_ignore", False)
        and not getattr(field.related_model, "wagtail_reference_index_ignore", False)
    ]
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base = ReferenceIndex._get_base_content_type(model)
    targets = {f.name: ReferenceIndex._get_base_content_type(f.related_model) for f in fields}
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base,
            object_id=str(record.pk),
            to_content_type=targets[field.name],
            to_object_id=str(value),
            model_path=field.name,
            content_path=field.name,
            content_path_hash=ReferenceIndex._get_content_path_hash(field.name),
        )
        for record in records
        if record.pk not in with_children
        for field in fields
        if (value := field.value_from_object(record)) is not None
    ]
    ReferenceIndex.objects.bulk_create(
        rows, batch_size=1000, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    return [record for record in records if record.pk in with_children]
