"""Creating process records: one way for every process, one record at a time or in bulk.

(A plain model, such as a customer, may use it too: it then gets its History entry, and a
deadline and number only if it declares them.)

A new record gets, before its single save: the deadline of its first state,
and its reference number when its model declares a series
(`REFERENCE_PREFIX`). Then its History entry is written with exactly the user
given (None stays None: a visitor, a job or an employee who stays anonymous is
never replaced by whoever happens to be logged in), and its acknowledgement is
stored in the same transaction and delivered after commit (see
`workflows.core.notifications`).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from .numbering import next_reference, next_references


def record_date(record):
    """The moment the record starts from: its `DATE_FIELD` (received, scheduled...).

    A `DateField` (a follow-up's day) counts from the start of that day in the
    current time zone, so that its deadline and reference month are those of the day.
    """
    field = getattr(record, "DATE_FIELD", "created_at")
    value = getattr(record, field, None) or getattr(record, "created_at", None)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
    return value or timezone.now()


def _start_deadline(record):
    if not hasattr(record, "deadline_for") or record.due_at is not None:
        return
    delta = record.deadline_for(record.state)
    if delta is not None:
        record.due_at = record_date(record) + delta


def _number(record):
    field = getattr(record, "REFERENCE_FIELD", "reference")
    if getattr(record, "REFERENCE_PREFIX", "") and not getattr(record, field):
        setattr(record, field, next_reference(record.REFERENCE_PREFIX, record_date(record)))


def history_entries(records, action, *, user=None, data=None, timestamp=None):
    """History entries for `records`, written in one query, with exactly `user` (may be None).

    `data` is the entries' data, or a function giving each record's.

    Wagtail's `log()` falls back to the logged-in user when `user` is None,
    which would name an anonymous employee; these entries never do.
    """
    from wagtail.models import ModelLogEntry

    records = list(records)
    if not records:
        return []
    timestamp = timestamp or timezone.now()
    content_type = ContentType.objects.get_for_model(records[0], for_concrete_model=False)
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(record.pk),
            label=str(record)[:255],
            action=action,
            timestamp=timestamp,
            data=data(record) if callable(data) else dict(data or {}),
            user=user,
        )
        for record in records
    ]
    return ModelLogEntry.objects.bulk_create(entries, batch_size=1000)


def create_record(
    record, *, user=None, history_user=..., note="", acknowledge=None, unique_by=None
):
    """Store a new process record in its first state; return it.

    - `history_user`: who the History names; defaults to `user`. Pass None to
      keep an employee anonymous.
    - `acknowledge(record)`: stores the messages that confirm receipt; they are
      delivered only after the transaction commits.
    - `unique_by`: a field (a public form's submission token) whose value, sent
      twice, returns the record the first submission created instead of a second.
    """
    model = type(record)
    token = getattr(record, unique_by) if unique_by else None
    with transaction.atomic():
        if token is not None:
            existing = model._default_manager.filter(**{unique_by: token}).first()
            if existing is not None:
                return existing
        try:
            with transaction.atomic():
                _start_deadline(record)
                _number(record)
                record.save()
        except IntegrityError:
            if token is None:
                raise
            # The same submission arrived twice at once; the first one won.
            return model._default_manager.get(**{unique_by: token})
        history_entries(
            [record],
            "wagtail.create",
            user=user if history_user is ... else history_user,
            data={"note": note} if note else None,
        )
        if acknowledge is not None:
            acknowledge(record)
    return record


def create_records(records, *, user=None, note="", data_for=None):
    """Store many new records at once (periodic jobs, imports): deadlines, numbers in one
    block, one insert, History in one insert. Returns the saved records.

    `data_for(record)`, when given, returns the History data of each record.
    """
    records = list(records)
    if not records:
        return []
    model = type(records[0])
    with transaction.atomic():
        for record in records:
            _start_deadline(record)
        if getattr(model, "REFERENCE_PREFIX", ""):
            missing = [r for r in records if not getattr(r, model.REFERENCE_FIELD)]
            numbers = next_references(model.REFERENCE_PREFIX, [record_date(r) for r in missing])
            for record, number in zip(missing, numbers, strict=True):
                setattr(record, model.REFERENCE_FIELD, number)
        created = model._default_manager.bulk_create(records, batch_size=1000)
        history_entries(
            created,
            "wagtail.create",
            user=user,
            data=data_for or ({"note": note} if note else None),
        )
    return created
