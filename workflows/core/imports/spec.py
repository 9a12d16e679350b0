"""Declaring an import and running it all-or-nothing."""

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .checked import CheckedRows, StaleCheck, dump, fingerprint
from .engine import BulkImporter
from .history import log_import, log_imported
from .indexing import index_imported
from .reader import HEADER_ROOM, CellProblem, ImportFileError, column_letter, read_rows
from .values import FormulaText, normalise_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    """A resource field and every header a sheet may give it (English and Chinese)."""

    field: str
    headers: tuple
    required: bool = False
    example: str = ""

    def matches(self, header):
        wanted = _normalise(header)
        return any(_normalise(h) == wanted for h in (self.field, *self.headers))


def _normalise(header):
    text = unicodedata.normalize("NFKC", str(header or ""))
    # A listing's export names the time zone of its date-time columns ("Created at
    # (Asia/Taipei)"); the column is the same one when the file comes back.
    text = re.sub(r"\(\s*" + re.escape(settings.TIME_ZONE) + r"\s*\)\s*$", "", text.strip())
    text = re.sub(r"[\s_*:：()（）\[\]]", "", text).casefold()
    return text


@dataclass
class ImportProblem:
    row: int | None  # the Excel row number (1 is the header row); None: the whole file
    column: str  # the column header as in the file, or "" when not about one column
    message: str


@dataclass
class SkippedRow:
    row: int
    reason: str


@dataclass
class Change:
    """An existing record the import would change: [(column, before, after)]."""

    row: int
    record: str
    fields: list


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    header_row: int = 1
    problems: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # SkippedRow: blank, totals, notes, example
    changes: list = field(default_factory=list)  # Change, for every record to update
    saved: bool = False
    updates_refused: bool = False  # confirmed without agreeing to the listed changes
    # What the spec adds to the preview (`ExcelImport.preview_sections`): plain dicts
    # {"title", "key", "headers", "rows"} so that a background check stores them as JSON.
    sections: list = field(default_factory=list)
    # Columns the import does not know, to map to a field or ignore in the preview:
    # [(normalised header, header as written)], and the fields they may fill:
    # [(field, label)]; `shape` names the header row, for remembering the mapping.
    unknown_columns: list = field(default_factory=list)
    mappable: list = field(default_factory=list)
    shape: str = ""

    @property
    def ok(self):
        return not self.problems


SPECS = {}


def spec_named(name):
    """The import declared with this name (apps' `imports` modules are loaded first)."""
    from django.utils.module_loading import autodiscover_modules

    if name not in SPECS:
        autodiscover_modules("imports")
    return SPECS[name]()


class ExcelImport:
    """Subclass and set these; see the package docstring."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            SPECS[cls.name] = cls

    name = ""  # URL-safe identifier
    label = ""  # what is imported, plural, for headings
    resource_class = None  # an import_export ModelResource with one import_id_fields entry
    columns = ()  # Column(...) for every importable field
    max_rows = 100_000
    permission = ""  # "app.add_model": who may import
    ignored_headers = ()  # read-only columns the listing's export carries (e.g. "State")
    # Columns that are not resource fields but mean something the spec does itself (a
    # unit's state, set through its commands): read into each row's `extras`.
    extra_columns = ()
    # Whether each imported record gets an "imported" History entry (Wagtail's
    # ModelLogEntry); the import itself always gets one (core.imports.history).
    log_records = True

    def check_extras(self, number, instance, is_new, extras, *, user):
        """Problems of a row's extra columns: [(field, message)]; called in the preview."""
        return []

    def apply_extras(self, rows, *, user):
        """After the bulk writes: rows is [(instance, is new, extras)] of every checked row."""

    def get_resource(self, user):
        resource = self.resource_class()
        resource.import_user = user
        return resource

    def after_save(self, created, updated, *, user):
        """Called inside the import's transaction after the bulk writes; for related rows."""

    def preview_sections(self, rows, *, user):
        """Tables the preview shows besides the counts, computed from the checked rows
        [(row number, instance, is new)] before anything is saved: [{"title", "key",
        "headers", "rows"}] with text cells (what each row will do once saved)."""
        return []

    def example_row(self):
        """The template's example row, {field: value}: never imported, its key never matches."""
        return {column.field: column.example for column in self.columns if column.example}

    def example_key_fields(self):
        """Fields whose example value must not be imported as a real value (the natural key)."""
        return tuple(self.resource_class._meta.import_id_fields or ())

    def template_headers(self):
        """The header row of the downloadable template: the first alias of each column."""
        return [column.headers[0] if column.headers else column.field for column in self.columns]


def _header_score(spec, cells):
    """How many cells of a row are headers this import knows."""
    known = {_normalise(h) for h in spec.ignored_headers}
    score = 0
    for cell in cells:
        if not isinstance(cell, str) or not cell.strip():
            continue
        if _normalise(cell) in known or any(
            c.matches(cell) for c in (*spec.columns, *spec.extra_columns)
        ):
            score += 1
    return score


def find_header_row(spec, rows):
    """The index of the header row: the first row naming the most known columns.

    Title rows (often merged across the sheet), dates and blank rows above the
    header are passed over; only the first rows are searched.
    """
    best, best_score = 0, 0
    for index, cells in enumerate(rows[: HEADER_ROOM + 1]):
        score = _header_score(spec, cells)
        if score > best_score:
            best, best_score = index, score
    return best


def header_shape(headers):
    """A fingerprint of a header row: the same columns in the same order, however typed."""
    names = [_normalise(h) for h in headers if isinstance(h, str) and h.strip()]
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def map_headers(spec, headers, header_row=1, chosen=None, unknown=None):
    """Header cells → resource fields; problems for unknown, repeated and missing columns.

    `chosen`: {normalised header: field, or "" to ignore the column}, the user's
    mapping of columns the import does not know. `unknown`, a list, receives
    (normalised header, header) of every column still unknown.
    """
    mapping, problems, seen = {}, [], {}
    chosen = chosen or {}
    ignored = {_normalise(h) for h in spec.ignored_headers}
    every = (*spec.columns, *spec.extra_columns)
    for index, header in enumerate(headers):
        if header in (None, "") or isinstance(header, CellProblem):
            continue
        if _normalise(header) in ignored:
            continue
        column = next((c for c in every if c.matches(header)), None)
        choice = chosen.get(_normalise(header))
        if column is None and choice is not None:
            if choice == "":  # the user chose to ignore this column
                continue
            column = next((c for c in every if c.field == choice), None)
        if column is None and unknown is not None:
            unknown.append((_normalise(header), str(header)))
        if column is None:
            problems.append(
                ImportProblem(
                    header_row,
                    str(header),
                    _("Unknown column. Expected columns: %(columns)s.")
                    % {"columns": ", ".join(str(h) for h in spec.template_headers())},
                )
            )
        elif column.field in seen:
            problems.append(ImportProblem(header_row, str(header), _("This column appears twice.")))
        else:
            mapping[index] = column
            seen[column.field] = str(header)
    for column in spec.columns:
        if column.required and column.field not in seen:
            problems.append(
                ImportProblem(
                    header_row,
                    str(column.headers[0] if column.headers else column.field),
                    _("This column is required but missing."),
                )
            )
    return mapping, seen, problems


TOTAL_WORDS = re.compile(
    r"^(合計|總計|小計|总计|合计|小计|總和|总和|total|subtotal|grand total|sum)\b", re.I
)
NOTE_WORDS = re.compile(
    r"^((備註|备注|註|注|說明|说明|附註|附注|note|notes|remarks?)\s*[:：]|[※*#])", re.I
)


def skip_reason(cells):
    """Why a row is not a record (blank, a totals row, a note), or None for a record."""
    texts = [c for c in cells if c not in (None, "")]
    if not texts:
        return _("Blank row.")
    first = texts[0]
    if isinstance(first, str):
        stripped = unicodedata.normalize("NFKC", first).strip()
        if TOTAL_WORDS.match(stripped):
            return _("Totals row (“%(text)s”).") % {"text": stripped[:30]}
        if len(texts) == 1 and NOTE_WORDS.match(stripped):
            return _("Note (“%(text)s”).") % {"text": stripped[:30]}
    return None


def _same(a, b):
    return str(a if a is not None else "").strip() == str(b if b is not None else "").strip()


def remembered_mapping(spec, shape):
    from ..models import ImportColumnMapping

    found = ImportColumnMapping.objects.filter(spec=spec.name, shape=shape).first()
    return dict(found.mapping) if found else {}


def remember_mapping(spec, shape, chosen):
    from ..models import ImportColumnMapping

    ImportColumnMapping.objects.update_or_create(
        spec=spec.name, shape=shape, defaults={"mapping": dict(chosen)}
    )


def read_and_check(spec, name, data, *, user, progress=None, chosen=None):
    """Read the file and check every row; return (report, importer or None).

    `progress(fraction)`, if given, is told how far the check is (0 to 1).
    `chosen` maps unknown columns (see `map_headers`); without it, the mapping
    remembered for a sheet of this shape is used.
    """
    progress = progress or (lambda fraction: None)
    report = ImportReport()
    try:
        rows = read_rows(name, data, max_rows=spec.max_rows)
    except ImportFileError as exc:
        report.problems.append(ImportProblem(None, "", str(exc)))
        return report, None
    progress(0.2)
    header_index = find_header_row(spec, rows)
    report.header_row = header_number = header_index + 1
    headers = [normalise_header(h) for h in rows[header_index]]
    report.shape = header_shape(headers)
    if chosen is None:
        chosen = remembered_mapping(spec, report.shape)
    mapping, header_of, problems = map_headers(
        spec, headers, header_number, chosen=chosen, unknown=report.unknown_columns
    )
    report.mappable = [
        (c.field, str(c.headers[0] if c.headers else c.field))
        for c in (*spec.columns, *spec.extra_columns)
        if c.field not in header_of
    ]
    report.problems.extend(problems)
    extra_fields = {c.field for c in spec.extra_columns}
    fields = [mapping[i].field for i in sorted(mapping) if mapping[i].field not in extra_fields]
    example = {f: v for f, v in spec.example_row().items() if f in fields}
    example_keys = [f for f in spec.example_key_fields() if example.get(f)]
    records = []
    for number, cells in enumerate(rows[header_index + 1 :], start=header_number + 1):
        reason = skip_reason(cells)
        if reason:
            report.skipped.append(SkippedRow(number, reason))
            continue
        raw = {}
        for index, column in mapping.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, CellProblem):
                report.problems.append(ImportProblem(number, header_of[column.field], str(value)))
            else:
                try:
                    value = normalise_text(value)
                except FormulaText as exc:
                    report.problems.append(
                        ImportProblem(
                            number,
                            header_of[column.field],
                            _("Cell %(cell)s: %(problem)s")
                            % {"cell": f"{column_letter(index)}{number}", "problem": exc},
                        )
                    )
                    value = CellProblem(str(exc))
            raw[column.field] = value
        if example and all(_same(raw.get(f), v) for f, v in example.items()):
            report.skipped.append(SkippedRow(number, _("The template's example row.")))
            continue
        for key_field in example_keys:
            if _same(raw.get(key_field), example[key_field]):
                report.problems.append(
                    ImportProblem(
                        number,
                        header_of[key_field],
                        _(
                            "“%(value)s” is the template's example, not a real value; give "
                            "this record's own."
                        )
                        % {"value": example[key_field]},
                    )
                )
        records.append((number, raw))
    rows = cells = None  # the cells live on in `records` alone
    if len(records) > spec.max_rows:
        report.problems = [
            ImportProblem(
                None,
                "",
                _("At most %(max)s rows can be imported at once.") % {"max": spec.max_rows},
            )
        ]
        return report, None
    report.total = len(records)
    importer = BulkImporter(
        spec.get_resource(user),
        fields,
        header_of,
        ImportProblem,
        check_key=all(f in fields for f in spec.example_key_fields()) or not problems,
        quiet=[
            spec.get_resource(user).fields[c.field].attribute
            for c in spec.columns
            if c.required and c.field not in fields
        ],
    )
    importer.run(records, progress=lambda done: progress(0.2 + 0.75 * done))
    report.problems.extend(importer.problems)
    importer.extras = []
    if extra_fields & set(header_of):
        for number, raw in records:
            if number not in importer.instances:
                continue
            instance, is_new = importer.instances[number]
            extras = {c.field: raw.get(c.field) for c in spec.extra_columns if c.field in header_of}
            if any(isinstance(v, CellProblem) for v in extras.values()):
                continue
            try:
                found = spec.check_extras(number, instance, is_new, extras, user=user)
            except (ValueError, LookupError) as exc:
                found = [(next(iter(extras)), str(exc))]
            for field_name, message in found:
                report.problems.append(ImportProblem(number, header_of[field_name], message))
            importer.extras.append((instance, is_new, extras))
        report.problems.sort(key=lambda p: (p.row or 0, p.column))
    report.problems.sort(key=lambda p: (p.row or 0, p.column))
    if report.ok:
        checked = [(n, i, new) for n, (i, new) in sorted(importer.instances.items())]
        report.sections = [
            {
                "title": str(s["title"]),
                "key": s.get("key", ""),
                "headers": [str(h) for h in s["headers"]],
                "rows": [["" if c is None else str(c) for c in row] for row in s["rows"]],
            }
            for s in spec.preview_sections(checked, user=user)
        ]
    report.new = len(importer.new)
    report.updated = len(importer.updated)
    report.unchanged = importer.unchanged
    report.changes = [Change(n, r, f) for n, r, f in importer.changes]
    return report, importer


def normalise_header(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip() or None
    return value


def check_file(spec, name, data, *, user, progress=None, chosen=None):
    """The preview: (report, checked rows to store with the upload, or None when refused)."""
    report, importer = read_and_check(spec, name, data, user=user, progress=progress, chosen=chosen)
    if not report.ok or importer is None:
        return report, None
    return report, dump(importer)


def apply_checked(spec, pending, *, user, apply_updates=True):
    """Save the rows the preview checked (stored on `pending`), all or none; no file is read.

    Refused when the stored file is not the one checked, or when what the preview
    relied on has changed since (see core.imports.checked).
    """
    report = ImportReport()
    try:
        with transaction.atomic():
            if not pending.checked or fingerprint(pending.content) != pending.checked_hash:
                raise StaleCheck(
                    _(
                        "This file is not the one the preview checked. Nothing has been "
                        "saved; upload the file again."
                    )
                )
            rows = CheckedRows(spec, pending.checked, user=user)
            report.new, report.updated = rows.new, rows.updated
            report.unchanged = rows.unchanged
            report.total = report.new + report.updated + report.unchanged
            if rows.updated and not apply_updates:
                report.updates_refused = True
                return report
            find_existing = _finder(spec.get_resource(user))
            run = log_import(
                spec,
                pending.filename,
                new=rows.new,
                updated=rows.updated,
                unchanged=rows.unchanged,
                skipped=len((pending.report or {}).get("skipped", ())),
                user=user,
            )
            # A thousand rows at a time (memory follows the batch, not the file), all in
            # this one transaction: a batch found stale undoes the ones before it.
            for batch in rows:
                rows.check_keys_still_free(batch, find_existing)
                rows.save(batch)
                created = [i for _n, i in batch.new]
                updated = [i for _n, i in batch.updated]
                _after_writing(spec, run, created, updated, batch.extras, user=user)
            report.saved = True
            return report
    except StaleCheck as exc:
        report = ImportReport()
        report.problems.append(ImportProblem(None, "", str(exc)))
        return report
    except Exception:
        logger.exception("Import of %r failed", pending.filename)
        return _unexpected_report()


def _after_writing(spec, run, created, updated, extras, *, user):
    """What follows the bulk writes of records: their History entries, the spec's own
    related rows and extra columns, and the search and reference indexes."""
    if spec.log_records:
        log_imported(created, updated, user=user, filename=run.filename, run=run)
    spec.after_save(created, updated, user=user)
    if extras:
        spec.apply_extras(extras, user=user)
    index_imported(created, updated)


def _finder(resource):
    find_existing = getattr(resource, "find_existing", None)
    if find_existing is not None:
        return find_existing
    (key,) = resource.get_import_id_fields()
    attribute = resource.fields[key].attribute
    model = resource._meta.model

    def find(keys):
        found = {}
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            for instance in model._default_manager.filter(**{f"{attribute}__in": chunk}):
                found[getattr(instance, attribute)] = instance
        return found

    return find


def _unexpected_report():
    report = ImportReport()
    report.problems.append(
        ImportProblem(
            None,
            "",
            _(
                "This file could not be imported because of an unexpected error; nothing "
                "was saved. The error has been logged."
            ),
        )
    )
    return report


def run_import(spec, name, data, *, user, dry_run, apply_updates=True):
    """Import the file's rows, or none of them; return what happened and every problem.

    With `apply_updates=False`, a file that would change existing records saves
    nothing and says so (`updates_refused`): the user has to agree to the listed
    changes first.
    """
    try:
        with transaction.atomic():
            report, importer = read_and_check(spec, name, data, user=user)
            if not report.ok or dry_run:
                return report
            if importer.updated and not apply_updates:
                report.updates_refused = True
                return report
            importer.save()
            created = [i for _n, i in importer.new]
            updated = [i for _n, i in importer.updated]
            run = log_import(
                spec,
                name,
                new=len(created),
                updated=len(updated),
                unchanged=report.unchanged,
                skipped=len(report.skipped),
                user=user,
            )
            _after_writing(spec, run, created, updated, importer.extras, user=user)
            report.saved = True
            return report
    except Exception:
        logger.exception("Import of %r failed", name)
        return _unexpected_report()
