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
                backend.add_bulk(model, records[start : start + BATCH])
    if ReferenceIndex.is_indexed(model):
        slow = list(updated) + _reference_new(model, list(created))
        for record in slow:
            ReferenceIndex.create_or_update_for_object(record)


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
