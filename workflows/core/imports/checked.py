"""The rows a preview checked, kept with the upload so that confirming applies exactly them.

Confirming does not read or parse the file again: it rebuilds the records from
what the preview stored (the cleaned values of every new record, and the values
before and after of every record to update), a thousand at a time, after checking
that the stored file is the one that was checked and that nothing it relies on has
changed since: a record to update still holds the values the preview showed, and no
record has meanwhile taken the key of a new one. Otherwise nothing is saved (the
whole import is one transaction) and the user uploads the file again.
"""

import datetime
import hashlib
import json
import zlib
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _


class StaleCheck(Exception):
    """What the preview checked no longer holds; the message says what, for the user."""


def fingerprint(data):
    return hashlib.sha256(bytes(data)).hexdigest()


def _encode(value):
    if isinstance(value, models.Model):
        return {"pk": value.pk}
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, dict):
        return {"dict": {k: _encode(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"list": [_encode(v) for v in value]}
    return value


def _decode(value):
    if not isinstance(value, dict):
        return value
    ((kind, inner),) = value.items()
    if kind == "datetime":
        return datetime.datetime.fromisoformat(inner)
    if kind == "date":
        return datetime.date.fromisoformat(inner)
    if kind == "decimal":
        return Decimal(inner)
    if kind == "dict":
        return {k: _decode(v) for k, v in inner.items()}
    if kind == "list":
        return [_decode(v) for v in inner]
    return inner  # {"pk": ...}


def _values(instance, attnames):
    return [_encode(getattr(instance, a)) for a in attnames]


#: Rows rebuilt, checked and written at a time when confirming: memory follows the batch.
BATCH = 1000


def dump(importer):
    """The checked rows of `importer` (after `run`), compressed, for `PendingImport.checked`.

    One JSON line per row after a header line, compressed as it is written, so that
    neither this nor `CheckedRows` holds the whole file's rows at once:
    `["n", row, key, values, extra]` for a new record, `["u", row, pk, after, before,
    extra]` for one to update, `["c", pk, extra]` for an unchanged one with extras.
    """
    attnames = importer.attnames()
    key_of = getattr(importer, "keys", {})
    extras = {id(instance): extra for instance, _new, extra in getattr(importer, "extras", [])}
    updated = {id(instance) for _n, instance in importer.updated}
    compressor = zlib.compressobj(6)
    parts = []

    def line(value):
        parts.append(compressor.compress(json.dumps(value, separators=(",", ":")).encode()))
        parts.append(compressor.compress(b"\n"))

    line(
        {
            "version": 2,
            "attnames": attnames,
            "unchanged_count": importer.unchanged,
            "new": len(importer.new),
            "updated": len(importer.updated),
        }
    )
    for number, instance in importer.new:
        extra = _encode(extras.get(id(instance)))
        line(["n", number, key_of.get(number), _values(instance, attnames), extra])
    for number, instance in importer.updated:
        before = [_encode(v) for v in importer.before[number]]
        extra = _encode(extras.get(id(instance)))
        line(["u", number, instance.pk, _values(instance, attnames), before, extra])
    for instance, is_new, extra in getattr(importer, "extras", []):
        if not is_new and id(instance) not in updated:
            line(["c", instance.pk, _encode(extra)])
    parts.append(compressor.flush())
    return b"".join(parts)


def _lines(blob):
    """The decoded lines of a `dump`, decompressed as they are read."""
    decompressor = zlib.decompressobj()
    pending = b""
    view = memoryview(bytes(blob))
    for start in range(0, len(view), 1 << 16):
        pending += decompressor.decompress(view[start : start + (1 << 16)])
        *complete, pending = pending.split(b"\n")
        for raw in complete:
            yield json.loads(raw)
    pending += decompressor.flush()
    for raw in pending.split(b"\n"):
        if raw:
            yield json.loads(raw)


class Batch:
    """Up to BATCH checked rows rebuilt as records: `new` and `updated` are [(row,
    instance)], `extras` [(instance, is new, extras)], `keys` the natural keys of the
    new ones."""

    def __init__(self):
        self.new, self.updated, self.extras, self.keys = [], [], [], []

    def __len__(self):
        return len(self.new) + len(self.updated) + len(self.extras)


class CheckedRows:
    """What `dump` kept, rebuilt batch by batch as unsaved records for the bulk writes.

    `new`, `updated` and `unchanged` are the counts; iterating gives `Batch`es, each
    checked against the database as it is now (see `StaleCheck`).
    """

    def __init__(self, spec, blob, *, user):
        self.blob = blob
        self.spec = spec
        self.user = user
        self.model = spec.get_resource(user)._meta.model
        header = next(_lines(blob))
        self.attnames = header["attnames"]
        self.unchanged = header["unchanged_count"]
        if "version" not in header:  # kept by the previous release: one JSON object
            self._earlier = header
            header = {"new": len(header["new"]), "updated": len(header["updated"])}
        self.new = header["new"]
        self.updated = header["updated"]

    def _rows(self):
        if hasattr(self, "_earlier"):
            for kind in ("new", "updated", "unchanged"):
                for row in self._earlier[kind]:
                    yield [{"new": "n", "updated": "u"}.get(kind, "c"), *row]
            return
        lines = _lines(self.blob)
        next(lines)  # the header
        yield from lines

    def __iter__(self):
        batch, pending_updates, pending_unchanged = Batch(), [], []
        for line in self._rows():
            kind, *rest = line
            if kind == "n":
                number, key, values, extra = rest
                instance = self.model(
                    **{a: _decode(v) for a, v in zip(self.attnames, values, strict=True)}
                )
                batch.new.append((number, instance))
                if key not in (None, ""):
                    batch.keys.append(key)
                if extra is not None:
                    batch.extras.append((instance, True, _decode(extra)))
            elif kind == "u":
                pending_updates.append(rest)
            else:
                pending_unchanged.append(rest)
            if len(batch.new) + len(pending_updates) + len(pending_unchanged) >= BATCH:
                yield self._with_current(batch, pending_updates, pending_unchanged)
                batch, pending_updates, pending_unchanged = Batch(), [], []
        if batch.new or pending_updates or pending_unchanged:
            yield self._with_current(batch, pending_updates, pending_unchanged)

    def _with_current(self, batch, updates, unchanged):
        """The batch with its records to update as stored now, refused if any has changed."""
        pks = [row[1] for row in updates] + [row[0] for row in unchanged]
        current = self.model._default_manager.in_bulk(pks) if pks else {}
        for number, pk, after, before, extra in updates:
            instance = current.get(pk)
            if instance is None or [_encode(getattr(instance, a)) for a in self.attnames] != before:
                raise StaleCheck(
                    _(
                        "Row %(row)s: %(record)s has changed since the preview (or was "
                        "deleted). Nothing has been saved; upload the file again."
                    )
                    % {"row": number, "record": instance if instance is not None else pk}
                )
            for attname, value in zip(self.attnames, after, strict=True):
                setattr(instance, attname, _decode(value))
            batch.updated.append((number, instance))
            if extra is not None:
                batch.extras.append((instance, False, _decode(extra)))
        for pk, extra in unchanged:
            if pk in current and extra is not None:
                batch.extras.append((current[pk], False, _decode(extra)))
        return batch

    def check_keys_still_free(self, batch, find_existing):
        taken = find_existing(batch.keys) if batch.keys else {}
        if taken:
            raise StaleCheck(
                _(
                    "%(record)s was added since the preview with the key of a new row. "
                    "Nothing has been saved; upload the file again."
                )
                % {"record": next(iter(taken.values()))}
            )

    def save(self, batch):
        self.model.objects.bulk_create([i for _n, i in batch.new], batch_size=BATCH)
        if batch.updated:
            self.model.objects.bulk_update(
                [i for _n, i in batch.updated], self.attnames, batch_size=BATCH
            )
