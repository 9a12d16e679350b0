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
`history.log_imported` (History entries for imported records, in bulk).

Files are read streaming and refused early when they are not what they claim
(not a workbook, a formula cell, a huge declared sheet, a zip bomb, too many
rows), before anything is imported.
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
