"""History of an import, written in bulk like the import itself.

A confirmed import writes one `ImportRun` with one History entry of its own
("core.import": the file and its counts), and one "core.imported" entry per
imported record, naming the file, inserted with the records a thousand at a
time: the queries grow with the thousands of rows, not with each row.
"""

import itertools

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

#: The History action of the import itself, on its ImportRun.
IMPORT_ACTION = "core.import"
#: The History action of each record the import created or changed.
IMPORTED_ACTION = "core.imported"


def log_import(spec, filename, *, new, updated, unchanged=0, skipped=0, user=None):
    """The ImportRun of a saved import (its counts) and its History entry; returns the run.

    Called inside the import's transaction; each record's entry follows, written with
    the records by `log_imported` (when `spec.log_records`).
    """
    from ..models import ImportRun
    from ..services import log_event

    run = ImportRun.objects.create(
        spec=spec.name,
        filename=filename[:255],
        user=user,
        new=new,
        updated=updated,
        unchanged=unchanged,
        skipped=skipped,
    )
    log_event(
        run,
        IMPORT_ACTION,
        user=user,
        spec=spec.name,
        file=run.filename,
        new=run.new,
        updated=run.updated,
        unchanged=run.unchanged,
        skipped=run.skipped,
    )
    return run


def log_imported(created, updated, *, user, filename="", run=None):
    """One "imported" History entry per record, created or updated; one insert in all.

    Only for models whose History is Wagtail's `ModelLogEntry` (snippets and
    process records); `str()` of each record must not query.
    """
    now = timezone.now()
    entries = (
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            object_id=str(record.pk),
            label=str(record)[:255] or f"{type(record).__name__} {record.pk}",
            action=IMPORTED_ACTION,
            data={
                "note": filename,
                "new": is_new,
                **({"import": run.pk} if run is not None else {}),
            },
            timestamp=now,
            user=user,
            content_changed=True,
        )
        for is_new, records in ((True, created), (False, updated))
        for record in records
    )
    # Built and inserted a thousand at a time: memory follows the batch, not the file.
    written = 0
    while batch := list(itertools.islice(entries, 1000)):
        ModelLogEntry.objects.bulk_create(batch)
        written += len(batch)
    return written
