"""Excel and CSV imports through the admin (DESIGN.md: imports, bad input).

A process app declares an import with `ExcelImport` (a django-import-export
resource, its natural key, the accepted column headers in English and
Chinese) and adds `ImportableViewSetMixin` to its viewset with
`import_spec = MyImport`. The listing then has an Import button leading to:
upload → preview (a dry run listing every problem by Excel row and column
name) → confirm (all rows or none) and a template download with the headers.

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
