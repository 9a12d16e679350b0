"""History entries for imported records, written in bulk like the import itself."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry


def log_imported(created, updated, *, user, filename=""):
    """One "created" or "edited" History entry per imported record; one insert in all.

    Only for models whose History is Wagtail's `ModelLogEntry` (snippets and
    process records); `str()` of each record must not query.
    """
    now = timezone.now()
    data = {"note": filename} if filename else {}
    entries = [
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            object_id=str(record.pk),
            label=str(record)[:255] or f"{type(record).__name__} {record.pk}",
            action=action,
            data=data,
            timestamp=now,
            user=user,
            content_changed=True,
        )
        for action, records in (("wagtail.create", created), ("wagtail.edit", updated))
        for record in records
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)
