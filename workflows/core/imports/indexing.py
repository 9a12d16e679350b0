"""Imported records made findable: the search index and the reference index, in bulk.

bulk_create and bulk_update send no signals, so neither index hears of an
import by itself; `index_imported` does what saving one record would have done.
"""

from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends_with_name
from wagtail.search.index import class_is_indexed


def index_imported(records):
    """Add or refresh `records` (all of one model) in every search backend and references."""
    records = list(records)
    if not records:
        return
    model = type(records[0])
    if class_is_indexed(model):
        for _name, backend in get_search_backends_with_name(with_auto_update=True):
            backend.add_bulk(model, records)
    if ReferenceIndex.is_indexed(model):
        for record in records:
            ReferenceIndex.create_or_update_for_object(record)
