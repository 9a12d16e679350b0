"""The rows a preview checked, kept with the upload so that confirming applies exactly them.

Confirming does not read or parse the file again: it rebuilds the records from
what the preview stored (the cleaned values of every new record, and the values
before and after of every record to update), after checking that the stored
file is the one that was checked and that nothing it relies on has changed
since: a record to update still holds the values the preview showed, and no
record has meanwhile taken the key of a new one. Otherwise nothing is saved and
the user uploads the file again.
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


def dump(importer):
    """The checked rows of `importer` (after `run`), compressed, for `PendingImport.checked`."""
    attnames = importer.attnames()
    key_of = getattr(importer, "keys", {})
    extras = {id(instance): extra for instance, _new, extra in getattr(importer, "extras", [])}
    updated = {id(instance) for _n, instance in importer.updated}
    data = {
        "attnames": attnames,
        "unchanged_count": importer.unchanged,
        "new": [
            [
                number,
                key_of.get(number),
                _values(instance, attnames),
                _encode(extras.get(id(instance))),
            ]
            for number, instance in importer.new
        ],
        "updated": [
            [
                number,
                instance.pk,
                _values(instance, attnames),
                [_encode(v) for v in importer.before[number]],
                _encode(extras.get(id(instance))),
            ]
            for number, instance in importer.updated
        ],
        "unchanged": [
            [instance.pk, _encode(extra)]
            for instance, is_new, extra in getattr(importer, "extras", [])
            if not is_new and id(instance) not in updated
        ],
    }
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 6)


class CheckedRows:
    """What `dump` kept, rebuilt as unsaved records, ready for the bulk writes."""

    def __init__(self, spec, blob, *, user):
        data = json.loads(zlib.decompress(bytes(blob)))
        resource = spec.get_resource(user)
        self.model = model = resource._meta.model
        self.spec = spec
        self.user = user
        self.attnames = attnames = data["attnames"]
        self.unchanged = data["unchanged_count"]
        self.new, self.updated, self.extras = [], [], []
        for number, _key, values, extra in data["new"]:
            instance = model(**{a: _decode(v) for a, v in zip(attnames, values, strict=True)})
            self.new.append((number, instance))
            if extra is not None:
                self.extras.append((instance, True, _decode(extra)))
        self.keys = [key for _n, key, _v, _e in data["new"] if key not in (None, "")]
        pks = [row[1] for row in data["updated"]] + [row[0] for row in data["unchanged"]]
        current = model._default_manager.in_bulk(pks)
        for number, pk, after, before, extra in data["updated"]:
            instance = current.get(pk)
            if instance is None or [_encode(getattr(instance, a)) for a in attnames] != before:
                raise StaleCheck(
                    _(
                        "Row %(row)s: %(record)s has changed since the preview (or was "
                        "deleted). Nothing has been saved; upload the file again."
                    )
                    % {"row": number, "record": instance if instance is not None else pk}
                )
            for attname, value in zip(attnames, after, strict=True):
                setattr(instance, attname, _decode(value))
            self.updated.append((number, instance))
            if extra is not None:
                self.extras.append((instance, False, _decode(extra)))
        for pk, extra in data["unchanged"]:
            if pk in current and extra is not None:
                self.extras.append((current[pk], False, _decode(extra)))

    def check_keys_still_free(self, find_existing):
        taken = find_existing(self.keys) if self.keys else {}
        if taken:
            raise StaleCheck(
                _(
                    "%(record)s was added since the preview with the key of a new row. "
                    "Nothing has been saved; upload the file again."
                )
                % {"record": next(iter(taken.values()))}
            )

    def save(self):
        self.model.objects.bulk_create([i for _n, i in self.new], batch_size=1000)
        if self.updated:
            self.model.objects.bulk_update(
                [i for _n, i in self.updated], self.attnames, batch_size=1000
            )
