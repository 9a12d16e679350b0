"""Turning mapped rows into saved instances: cleaned by the resource's widgets, written in bulk.

django-import-export's own row loop saves row by row (about a thousand rows a
second here); this engine keeps its declarations (fields, widgets, natural
key) and its row-level errors, but looks up existing records, foreign keys and
unique values once per file and writes with bulk_create / bulk_update inside
the caller's transaction.
"""

import difflib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.widgets import ForeignKeyWidget

from . import values
from .reader import CellProblem

BATCH = 1000


def _chunks(values, size=BATCH):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class BulkImporter:
    def __init__(self, resource, fields, header_of, problem_class, check_key=True, quiet=()):
        self.resource = resource
        self.model = resource._meta.model
        self.fields = fields  # resource field names present in the file, in column order
        self.header_of = header_of  # field name → header as written in the file
        self.problem = problem_class
        (self.key,) = resource.get_import_id_fields()
        self.key_attr = resource.fields[self.key].attribute
        # A resource may compute the natural key itself (a tax number, or a phone number
        # where there is none): `import_key(values)` and `find_existing(keys)`.
        self.key_for = getattr(resource, "import_key", None) or (lambda v: v.get(self.key))
        self.find_existing = getattr(resource, "find_existing", None)
        self.check_key = check_key  # False when the key's column is missing (said once)
        self.quiet = set(quiet)  # fields whose missing column is already a problem
        self.problems = []
        self.new = []
        self.updated = []
        self.changes = []  # (row, str(record), [(column, before, after)]) per update
        self.unchanged = 0
        self.instances = {}  # row → (instance, is new), for the spec's own columns
        self.keys = {}  # row → natural key of each checked row
        self.before = {}  # row → stored values (attnames of `fields`) of each record to update
        self.cleaners = {name: self._cleaner(name) for name in fields}

    def add(self, row_number, field_name, message):
        if field_name in self.quiet:
            return
        column = (
            ""
            if field_name in (None, NON_FIELD_ERRORS)
            else self.header_of.get(field_name, field_name)
        )
        self.problems.append(self.problem(row_number, column, str(message)))

    def run(self, rows, progress=None):
        """`rows`: [(Excel row number, {field: raw value})]; fills problems, new, updated.

        `progress(fraction)` is told every few thousand rows how far the check is.
        """
        foreign = self._resolve_foreign_keys(rows)
        cleaned = []
        seen_keys = {}
        for position, (number, raw) in enumerate(rows):
            if progress is not None and position % 5000 == 0:
                progress(position / max(len(rows), 1))
            values, ok = {}, True
            for name in self.fields:
                value = raw.get(name)
                if isinstance(value, CellProblem):  # already reported on this row
                    ok = False
                    continue
                try:
                    if name in foreign:
                        values[name] = self._foreign(foreign[name], name, value)
                    else:
                        values[name] = self.cleaners[name](value, raw)
                except (ValueError, ValidationError, LookupError) as exc:
                    for message in getattr(exc, "messages", None) or [str(exc)]:
                        self.add(number, name, message)
                    ok = False
                except Exception:  # a widget's own error: a row problem, never a 500
                    self.add(
                        number,
                        name,
                        _("“%(value)s” could not be read in this column.") % {"value": value},
                    )
                    ok = False
            try:
                key = self.key_for(values) if ok else values.get(self.key)
            except (ValueError, ValidationError) as exc:
                if self.check_key:
                    for message in getattr(exc, "messages", None) or [str(exc)]:
                        self.add(number, self.key, message)
                continue
            if key in (None, ""):
                if ok and self.check_key:
                    self.add(number, self.key, _("This field is required."))
                continue
            if key in seen_keys:
                self.add(
                    number,
                    self.key,
                    _("“%(key)s” appears again; it is already on row %(row)s.")
                    % {"key": key, "row": seen_keys[key]},
                )
                continue
            seen_keys[key] = number
            if ok:
                cleaned.append((number, key, values))
        existing = self._existing([key for _number, key, _values in cleaned])
        for position, (number, key, values) in enumerate(cleaned):
            cleaned[position] = None  # each row's cleaned values go once on its record
            instance = existing.get(key)
            is_new = instance is None
            if is_new:
                instance = self.model()
            self.instances[number] = (instance, is_new)
            self.keys[number] = key
            if not is_new:
                self.before[number] = [getattr(instance, a) for a in self.attnames()]
            attributes = [self.resource.fields[n].attribute for n in self.fields]
            before = {} if is_new else {a: getattr(instance, a) for a in attributes}
            for name in self.fields:
                field = self.resource.fields[name]
                value = values[name]
                if value is None:
                    value = _empty(self.model, field.attribute)
                if not is_new and self.same_value(field.attribute, before[field.attribute], value):
                    value = before[field.attribute]  # written otherwise, meaning the same
                setattr(instance, field.attribute, value)
            try:
                instance.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    for message in messages:
                        self.add(number, field_name, message)
                continue
            if is_new:
                self.new.append((number, instance))
            elif changed := [
                (self._header_for(attr), old, getattr(instance, attr))
                for attr, old in before.items()
                if getattr(instance, attr) != old
            ]:
                self.updated.append((number, instance))
                self.changes.append((number, str(instance), changed))
            else:
                self.unchanged += 1
        self._check_unique([*self.new, *self.updated])

    def same_value(self, attribute, old, new):
        """Whether a cell means the stored value (a resource's `same_value` may say more)."""
        hook = getattr(self.resource, "same_value", None)
        if hook is not None and hook(attribute, old, new):
            return True
        return old == new or (old in (None, "") and new in (None, ""))

    def _header_for(self, attribute):
        return self.header_of.get(self._field_for(attribute), attribute)

    def _cleaner(self, name):
        """The function reading this column's cells: the widget, or a forgiving parser."""
        field = self.resource.fields[name]
        widget = field.widget
        try:
            model_field = self.model._meta.get_field(field.attribute)
        except Exception:
            model_field = None
        kind = type(widget)
        if kind is widgets.DecimalWidget or (
            kind is widgets.Widget and isinstance(model_field, models.DecimalField)
        ):
            return lambda value, row: values.parse_decimal(value, money=True)
        if kind is widgets.IntegerWidget or (
            kind is widgets.Widget and isinstance(model_field, models.IntegerField)
        ):
            return lambda value, row: values.parse_integer(value)
        if kind is widgets.DateWidget or (
            kind is widgets.Widget
            and isinstance(model_field, models.DateField)
            and not isinstance(model_field, models.DateTimeField)
        ):
            return lambda value, row: values.parse_date(value)
        return lambda value, row: widget.clean(value, row=row)

    def attnames(self):
        """The database columns the file's fields write, without the primary key."""
        attnames = [
            self.model._meta.get_field(self.resource.fields[n].attribute).attname
            for n in self.fields
        ]
        return [a for a in dict.fromkeys(attnames) if a != self.model._meta.pk.attname]

    def save(self):
        update_fields = self.attnames()
        self.model.objects.bulk_create([i for _n, i in self.new], batch_size=BATCH)
        if self.updated:
            self.model.objects.bulk_update(
                [i for _n, i in self.updated], update_fields, batch_size=BATCH
            )

    def _existing(self, keys):
        if self.find_existing is not None:
            return self.find_existing(keys)
        found = {}
        for chunk in _chunks(keys):
            for instance in self.model._default_manager.filter(**{f"{self.key_attr}__in": chunk}):
                found[getattr(instance, self.key_attr)] = instance
        return found

    def _resolve_foreign_keys(self, rows):
        """{field name: {lookup value: instance}}, one query per foreign-key column and lookup.

        A widget may name more fields to match by (`lookup_fields`, e.g. a model's
        code or its name); values are compared without regard to case.
        """
        resolved = {}
        for name in self.fields:
            widget = self.resource.fields[name].widget
            if not isinstance(widget, ForeignKeyWidget):
                continue
            wanted = {
                _lookup_text(raw.get(name)) for _n, raw in rows if raw.get(name) not in (None, "")
            }
            found = {}
            for lookup in getattr(widget, "lookup_fields", None) or (widget.field,):
                missing = [w for w in wanted if w.casefold() not in found]
                for chunk in _chunks(missing):
                    queryset = widget.get_queryset(None, None).filter(**{f"{lookup}__in": chunk})
                    for obj in queryset:
                        found.setdefault(str(getattr(obj, lookup)).casefold(), obj)
                missing = [w for w in wanted if w.casefold() not in found][:200]
                if missing:  # a second pass without regard to case
                    query = Q()
                    for text in missing:
                        query |= Q(**{f"{lookup}__iexact": text})
                    for obj in widget.get_queryset(None, None).filter(query):
                        found.setdefault(str(getattr(obj, lookup)).casefold(), obj)
            resolved[name] = found
        return resolved

    def _foreign(self, found, name, value):
        if value in (None, ""):
            return None
        obj = found.get(_lookup_text(value).casefold())
        if obj is not None:
            return obj
        widget = self.resource.fields[name].widget
        lookups = getattr(widget, "lookup_fields", None) or (widget.field,)
        message = _("“%(value)s” does not match any %(model)s (by %(fields)s).") % {
            "value": value,
            "model": widget.model._meta.verbose_name,
            "fields": _(" or ").join(
                str(widget.model._meta.get_field(f).verbose_name) for f in lookups
            ),
        }
        suggestion = self._did_you_mean(widget, lookups, _lookup_text(value))
        if suggestion:
            message += " " + _("Did you mean “%(suggestion)s”?") % {"suggestion": suggestion}
        raise LookupError(message)

    def _did_you_mean(self, widget, lookups, text):
        cache = self.__dict__.setdefault("_candidates", {})
        key = (widget.model, lookups)
        if key not in cache:
            queryset = widget.get_queryset(None, None)
            cache[key] = (
                [str(v) for v in queryset.values_list(*lookups, flat=len(lookups) == 1)]
                if len(lookups) == 1
                else [str(v) for row in queryset.values_list(*lookups)[:5000] for v in row]
            )[:5000]
        close = (
            difflib.get_close_matches(text, cache[key], n=1, cutoff=0.6)
            or [c for c in cache[key] if text.casefold() in c.casefold()][:1]
        )
        return close[0] if close else None

    def _check_unique(self, pending):
        """Values of unique fields other than the key must not clash with other records."""
        for model_field in self.model._meta.concrete_fields:
            if (
                not model_field.unique
                or model_field.primary_key
                or model_field.name == self.key_attr
            ):
                continue
            if model_field.name not in {self.resource.fields[n].attribute for n in self.fields}:
                continue
            values = {}
            for number, instance in pending:
                value = getattr(instance, model_field.attname)
                if value in (None, ""):
                    continue
                if value in values:
                    self.add(
                        number,
                        self._field_for(model_field.name),
                        _("This value appears twice in the file."),
                    )
                values.setdefault(value, (number, getattr(instance, self.key_attr)))
            for chunk in _chunks(values):
                clashes = self.model._default_manager.filter(
                    **{f"{model_field.name}__in": chunk}
                ).exclude(**{f"{self.key_attr}__in": [values[v][1] for v in chunk]})
                for other in clashes:
                    number, _key = values[getattr(other, model_field.attname)]
                    self.add(
                        number,
                        self._field_for(model_field.name),
                        _("Another record (%(other)s) already has this value.") % {"other": other},
                    )

    def _field_for(self, attribute):
        for name in self.fields:
            if self.resource.fields[name].attribute == attribute:
                return name
        return attribute


def _lookup_text(value):
    return " ".join(str(value).split())


def _text(value):
    """A number typed in a text column (a serial number 12345) is stored as its digits."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _empty(model, attribute):
    """What an empty cell means for this field: "" for text that may not be NULL."""
    field = model._meta.get_field(attribute)
    if isinstance(field, (models.CharField, models.TextField)) and not field.null:
        return ""
    if field.has_default():
        return field.get_default()
    return None
