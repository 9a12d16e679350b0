"""Turning mapped rows into saved instances: cleaned by the resource's widgets, written in bulk.

django-import-export's own row loop saves row by row (about a thousand rows a
second here); this engine keeps its declarations (fields, widgets, natural
key) and its row-level errors, but looks up existing records, foreign keys and
unique values once per file and writes with bulk_create / bulk_update inside
the caller's transaction.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from import_export.widgets import ForeignKeyWidget

BATCH = 1000


def _chunks(values, size=BATCH):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class BulkImporter:
    def __init__(self, resource, fields, header_of, problem_class):
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
        self.problems = []
        self.new = []
        self.updated = []
        self.unchanged = 0

    def add(self, row_number, field_name, message):
        column = (
            ""
            if field_name in (None, NON_FIELD_ERRORS)
            else self.header_of.get(field_name, field_name)
        )
        self.problems.append(self.problem(row_number, column, str(message)))

    def run(self, rows):
        """`rows`: [(Excel row number, {field: raw value})]; fills problems, new, updated."""
        foreign = self._resolve_foreign_keys(rows)
        cleaned = []
        seen_keys = {}
        for number, raw in rows:
            values, ok = {}, True
            for name in self.fields:
                field = self.resource.fields[name]
                value = raw.get(name)
                try:
                    if isinstance(field.widget, ForeignKeyWidget):
                        values[name] = self._foreign(foreign[name], field, value)
                    else:
                        values[name] = field.widget.clean(value, row=raw)
                except (ValueError, ValidationError, LookupError) as exc:
                    messages = getattr(exc, "messages", None) or [str(exc)]
                    for message in messages:
                        self.add(number, name, message)
                    ok = False
            try:
                key = self.key_for(values) if ok else values.get(self.key)
            except (ValueError, ValidationError) as exc:
                for message in getattr(exc, "messages", None) or [str(exc)]:
                    self.add(number, self.key, message)
                continue
            if key in (None, ""):
                if ok:
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
        for number, key, values in cleaned:
            instance = existing.get(key)
            is_new = instance is None
            if is_new:
                instance = self.model()
            attributes = [self.resource.fields[n].attribute for n in self.fields]
            before = {} if is_new else {a: getattr(instance, a) for a in attributes}
            for name in self.fields:
                field = self.resource.fields[name]
                value = values[name]
                if value is None:
                    value = _empty(self.model, field.attribute)
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
            elif any(getattr(instance, attr) != old for attr, old in before.items()):
                self.updated.append((number, instance))
            else:
                self.unchanged += 1
        self._check_unique([*self.new, *self.updated])

    def save(self):
        attnames = [
            self.model._meta.get_field(self.resource.fields[n].attribute).attname
            for n in self.fields
        ]
        update_fields = [a for a in dict.fromkeys(attnames) if a != self.model._meta.pk.attname]
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
        """{field name: {lookup value: instance}}, one query per foreign-key column."""
        resolved = {}
        for name in self.fields:
            widget = self.resource.fields[name].widget
            if not isinstance(widget, ForeignKeyWidget):
                continue
            wanted = {
                str(raw.get(name)).strip() for _n, raw in rows if raw.get(name) not in (None, "")
            }
            found = {}
            for chunk in _chunks(wanted):
                for obj in widget.get_queryset(None, None).filter(**{f"{widget.field}__in": chunk}):
                    found[str(getattr(obj, widget.field))] = obj
            resolved[name] = found
        return resolved

    def _foreign(self, found, field, value):
        if value in (None, ""):
            return None
        obj = found.get(str(value).strip())
        if obj is None:
            raise LookupError(
                _("“%(value)s” does not match any %(model)s.")
                % {"value": value, "model": field.widget.model._meta.verbose_name}
            )
        return obj

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


def _empty(model, attribute):
    """What an empty cell means for this field: "" for text that may not be NULL."""
    field = model._meta.get_field(attribute)
    if isinstance(field, (models.CharField, models.TextField)) and not field.null:
        return ""
    if field.has_default():
        return field.get_default()
    return None
