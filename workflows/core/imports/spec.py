"""Declaring an import and running it all-or-nothing."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .engine import BulkImporter
from .reader import ImportFileError, read_table


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
    return "".join(str(header or "").split()).casefold().replace("_", "")


@dataclass
class ImportProblem:
    row: int | None  # the Excel row number (1 is the header row); None: the whole file
    column: str  # the column header as in the file, or "" when not about one column
    message: str


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


class ExcelImport:
    """Subclass and set these; see the package docstring."""

    name = ""  # URL-safe identifier
    label = ""  # what is imported, plural, for headings
    resource_class = None  # an import_export ModelResource with one import_id_fields entry
    columns = ()  # Column(...) for every importable field
    max_rows = 20_000
    permission = ""  # "app.add_model": who may import
    ignored_headers = ()  # read-only columns the listing's export carries (e.g. "State")

    def get_resource(self, user):
        resource = self.resource_class()
        resource.import_user = user
        return resource

    def after_save(self, created, updated, *, user):
        """Called inside the import's transaction after the bulk writes; for related rows."""

    def template_headers(self):
        """The header row of the downloadable template: the first alias of each column."""
        return [column.headers[0] if column.headers else column.field for column in self.columns]


def map_headers(spec, headers):
    """Header cells → resource fields; problems for unknown, repeated and missing columns."""
    mapping, problems, seen = {}, [], {}
    for index, header in enumerate(headers):
        if header in (None, ""):
            continue
        if _normalise(header) in {_normalise(h) for h in spec.ignored_headers}:
            continue
        column = next((c for c in spec.columns if c.matches(header)), None)
        if column is None:
            problems.append(
                ImportProblem(
                    1,
                    str(header),
                    _("Unknown column. Expected columns: %(columns)s.")
                    % {"columns": ", ".join(spec.template_headers())},
                )
            )
        elif column.field in seen:
            problems.append(ImportProblem(1, str(header), _("This column appears twice.")))
        else:
            mapping[index] = column
            seen[column.field] = str(header)
    for column in spec.columns:
        if column.required and column.field not in seen:
            problems.append(
                ImportProblem(
                    1,
                    column.headers[0] if column.headers else column.field,
                    _("This column is required but missing."),
                )
            )
    return mapping, seen, problems


def run_import(spec, name, data, *, user, dry_run):
    """Import the file's rows, or none of them; return what happened and every problem."""
    report = ImportReport()
    try:
        headers, rows = read_table(name, data, max_rows=spec.max_rows)
    except ImportFileError as exc:
        report.problems.append(ImportProblem(None, "", str(exc)))
        return report
    mapping, header_of, problems = map_headers(spec, headers)
    if problems:
        report.problems.extend(problems)
        return report
    fields = [mapping[i].field for i in sorted(mapping)]
    rows = [
        (number, {mapping[i].field: cells[i] if i < len(cells) else None for i in mapping})
        for number, cells in enumerate(rows, start=2)
        if any(cell not in (None, "") for cell in cells)
    ]
    report.total = len(rows)
    importer = BulkImporter(spec.get_resource(user), fields, header_of, ImportProblem)
    with transaction.atomic():
        importer.run(rows)
        report.problems.extend(sorted(importer.problems, key=lambda p: (p.row or 0, p.column)))
        if report.problems:
            return report
        if not dry_run:
            importer.save()
            spec.after_save(
                [i for _n, i in importer.new], [i for _n, i in importer.updated], user=user
            )
    report.new = len(importer.new)
    report.updated = len(importer.updated)
    report.unchanged = importer.unchanged
    return report
