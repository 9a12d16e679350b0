"""Excel and CSV imports through the admin (DESIGN.md: imports, bad input).

A process app declares an import with `ExcelImport` (a django-import-export
resource, its natural key, the accepted column headers in English and
Chinese) and adds `ImportableViewSetMixin` to its viewset with
`import_spec = MyImport`. The listing then has an Import button leading to:
upload → preview (a dry run listing every problem by Excel row and column
name) → confirm (all rows or none) and a template download with the headers.

Options: `ignored_headers` (read-only columns a listing's export carries, so
that an export imports again); a resource's `import_key(values)` and
`find_existing(keys)` when the natural key is not one column (customers: the
tax number, or the phone number of an individual without one);
`widgets.ChoiceWidget` (a choice by value or label in any language);
`log_records = False` for a model whose History is not Wagtail's log entries.

A confirmed import is kept as an `ImportRun` with one History entry of its own
(the file and the counts), and each imported record gets an "imported" History
entry, inserted with the records (history.py): the same queries per thousand rows.

Workbooks are read by python-calamine; openpyxl only reads those whose sheets
hold formula cells or quote-prefixed text (what calamine cannot tell). Files are
read and refused early when they are not what they claim
(not a workbook, a sheet too large, a zip bomb or a zip whose parts lie
about their sizes, too many rows), before anything is imported; any error of
the parsers is a refusal ("damaged"), never a server error.

What the preview does for sheets as offices keep them:
- the header row is the first row naming the most known columns (title rows,
  merged cells and blank rows above it are passed over);
- blank, totals (合計, Total...) and note rows (備註：..., ※...) are skipped and
  listed with the reason; so is the template's example row, and a row reusing
  the example's key is a problem;
- header problems (unknown, repeated, missing columns) and row problems are in
  one report; an unknown column can be mapped to a field or ignored in the
  preview, and the mapping is remembered for the next file of the same header
  row (`ImportColumnMapping`, per import); a formula cell or formula-looking
  text is a problem of its cell;
- values as people type them (values.py): full-width digits and letters,
  NT$ / 4,200 / 元 amounts, dates in yyyy/mm/dd, yyyy-mm-dd, ROC years and
  Excel date cells, phone numbers in E.164 (settings.PHONE_DEFAULT_REGION, default TW),
  fixed-length codes with their leading zeros, the unified business number's
  check digit; a wrong value names the expected format;
- foreign keys by one or more `lookup_fields` of the widget, with "did you mean";
- `extra_columns` with `check_extras` / `apply_extras` for columns that are
  not model fields (a unit's state, set through its commands; contact people);
- every existing record that would change is listed field by field; the
  confirmation must agree to the changes (`apply_updates`) or nothing is saved;
- the preview stores the rows it checked with the upload (checked.py):
  confirming applies exactly them, without reading the file again, and refuses
  when the stored file is not the one checked, a record to update has changed
  since the preview, or a new row's key has been taken meanwhile; the checked
  rows are compressed JSON lines, rebuilt, checked and written a thousand at a
  time in the one transaction (memory follows the batch, not the file);
- files over `background.BACKGROUND_BYTES` are checked and saved by a task
  (core.tasks.check_import / apply_import) with a status page;
- saved records are added to the search index and the reference index in bulk
  (indexing.py; on PostgreSQL the search backend's entries are written in one
  INSERT a thousand records, the same entries as the backend's own).
"""

from .reader import ImportFileError, read_table
from .spec import Column, ExcelImport, ImportProblem, ImportReport, run_import
from .views import ImportableViewSetMixin

__all__ = [
    "Column",
    "ExcelImport",
    "ImportFileError",
    "ImportProblem",
    "ImportReport",
    "ImportableViewSetMixin",
    "read_table",
    "run_import",
]
