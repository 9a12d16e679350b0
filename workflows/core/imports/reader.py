"""Reading an uploaded .xlsx or .csv safely, row by row.

Workbooks are read by python-calamine (a Rust reader, several times faster than
openpyxl and reading every cell whatever the sheet's declared dimension says).
Calamine returns values only; a workbook whose sheets hold formula cells, or
whose styles mark text cells as quote-prefixed (typed with an apostrophe, or
written so by an export), is read by openpyxl instead, which sees both.
"""

import csv
import datetime
import io
import logging
import re
import zipfile

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: Rows above the header (titles, blank rows) allowed on top of `max_rows`.
HEADER_ROOM = 20
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, for the user."""


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA: how Excel names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_table(name, data, *, max_rows, max_columns=60):
    """Return (headers, rows): the first row and the rest; see `read_rows`."""
    rows = read_rows(name, data, max_rows=max_rows, max_columns=max_columns)
    return rows[0], rows[1:]


def read_rows(name, data, *, max_rows, max_columns=60):
    """Every row of the first sheet, from row 1, as lists of text, numbers, dates or None.

    `data` is the file's bytes. Raises ImportFileError for a file that is not
    a workbook or CSV, holds more rows than `max_rows` (plus a few for titles
    and the header), or would expand beyond a sane size; and for anything else
    that goes wrong while reading it (never an exception of the parser). A
    formula cell is a `CellProblem` in its place, reported on its row.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("xlsx", "csv"):
        raise ImportFileError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
    try:
        if extension == "xlsx":
            rows = _read_xlsx(data, max_rows + HEADER_ROOM, max_columns)
        else:
            rows = _read_csv(data, max_rows + HEADER_ROOM, max_columns)
    except ImportFileError:
        raise
    except Exception:  # a parser's own error: the file is damaged, never a server error
        logger.info("Unreadable import file %r", name, exc_info=True)
        raise ImportFileError(
            _(
                "This file is damaged and could not be read. Open it in your spreadsheet "
                "program, save it again as .xlsx (or .csv) and upload that copy."
            )
        ) from None
    while rows and not any(cell not in (None, "") for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return rows


class CellProblem:
    """What stands in a row for a cell that cannot be imported (a formula)."""

    def __init__(self, message):
        self.message = message

    def __str__(self):
        return self.message


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
QUOTE_PREFIX = re.compile(rb"quotePrefix=\"(?:1|true)\"")


def _check_archive(data):
    """The workbook's parts, unpacked for real (their declared sizes may lie), within bounds.

    Returns whether openpyxl must read it: a sheet holds a formula cell, or the
    styles mark cells as quote-prefixed text (what calamine cannot tell).
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx)."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            content_types = archive.read("[Content_Types].xml")
        except KeyError:
            raise ImportFileError(_("This file is not an Excel workbook (.xlsx).")) from None
        if XLSX_CONTENT_TYPE.encode() not in content_types:
            raise ImportFileError(_("This file is not an Excel workbook (.xlsx)."))
        declared = sum(info.file_size for info in archive.infolist())
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(_("This workbook is too large once unpacked."))
        unpacked = 0
        needs_openpyxl = False
        for info in archive.infolist():
            name = info.filename.lower()
            pattern = (
                FORMULA_TAG
                if name.startswith("xl/worksheets/")
                else QUOTE_PREFIX
                if name.startswith("xl/styles")
                else None
            )
            tail = b""
            with archive.open(info) as member:  # checks each part's CRC and real size
                while chunk := member.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNCOMPRESSED_BYTES:
                        raise ImportFileError(_("This workbook is too large once unpacked."))
                    if pattern is not None and not needs_openpyxl:
                        needs_openpyxl = bool(pattern.search(tail + chunk))
                        tail = chunk[-32:]
        return needs_openpyxl


def _read_xlsx(data, max_rows, max_columns):
    if not _check_archive(data):
        return _read_xlsx_calamine(data, max_rows, max_columns)
    return _read_xlsx_openpyxl(data, max_rows, max_columns)


def _too_large(max_rows, max_columns, rows="", columns=""):
    return ImportFileError(
        _(
            "The sheet declares %(rows)s rows and %(columns)s columns; at most "
            "%(max_rows)s rows and %(max_columns)s columns can be imported at once."
        )
        % {
            "rows": rows,
            "columns": columns,
            "max_rows": max_rows - HEADER_ROOM,
            "max_columns": max_columns,
        }
    )


def _read_xlsx_calamine(data, max_rows, max_columns):
    """Values of the first sheet by python-calamine, from A1, cells as the sheet holds them."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        if not workbook.sheet_names:
            raise ImportFileError(_("This workbook has no sheet."))
        sheet = workbook.get_sheet_by_index(0)
        start, end = sheet.start, sheet.end
        if start is None or end is None:
            return []
        if end[0] + 1 > max_rows + 1 or end[1] + 1 > max_columns:
            raise _too_large(max_rows, max_columns, end[0] + 1, end[1] + 1)
        rows = [list(cells) for cells in sheet.iter_rows()]
    finally:
        workbook.close()
    # Calamine starts the rows at row 1 or at the first used row, and the columns at the
    # first used column: put back what is above and to the left, so that A1 is rows[0][0].
    missing_rows = end[0] + 1 - len(rows)
    pad = [None] * start[1]
    return [[] for _i in range(max(0, missing_rows))] + [
        pad + [_text(value) for value in cells] for cells in rows
    ]


def _read_xlsx_openpyxl(data, max_rows, max_columns):
    """Formula cells and quote-prefixed text seen: openpyxl, streaming."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("This workbook has no sheet."))
        sheet = workbook.worksheets[0]
        declared_rows = sheet.max_row or 0
        declared_columns = sheet.max_column or 0
        if declared_rows > max_rows + 1 or declared_columns > max_columns:
            raise _too_large(max_rows, max_columns, declared_rows, declared_columns)
        # The declared dimension is only a claim: a sheet written by another program may
        # declare fewer rows than it holds, and openpyxl would stop at the claim.
        sheet.reset_dimensions()
        rows = []
        for number, cells in enumerate(sheet.iter_rows(max_col=max_columns), start=1):
            values = []
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    values.append(
                        CellProblem(
                            _(
                                "Cell %(cell)s holds a formula. Paste the values instead "
                                "(Paste special → Values) and upload again."
                            )
                            % {"cell": f"{column_letter(index)}{number}"}
                        )
                    )
                elif (
                    isinstance(cell.value, str)
                    and cell.value.lstrip().startswith(FORMULA_STARTS)
                    and _quote_prefixed(cell)
                ):
                    # Marked as text in the workbook (typed with an apostrophe in Excel, or
                    # written so by an export): the apostrophe the import removes.
                    values.append("'" + cell.value.lstrip())
                else:
                    values.append(_text(cell.value))
            if any(value is not None for value in values) and number > max_rows + 1:
                raise ImportFileError(
                    _("At most %(max)s rows can be imported at once.")
                    % {"max": max_rows - HEADER_ROOM}
                )
            rows.append(values)
    finally:
        workbook.close()
    return rows


def _read_csv(data, max_rows, max_columns):
    for encoding in ("utf-8-sig", "cp950"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("This CSV file is neither UTF-8 nor Big5 text."))
    if "\x00" in text:
        raise ImportFileError(_("This file is not a CSV text file."))
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        if number > max_rows + 1:
            raise ImportFileError(
                _("At most %(max)s rows can be imported at once.") % {"max": max_rows - HEADER_ROOM}
            )
        if len(cells) > max_columns:
            raise ImportFileError(
                _("Row %(row)s has more than %(max)s columns.")
                % {"row": number, "max": max_columns}
            )
        rows.append([_text(value) for value in cells])
    return rows


def _quote_prefixed(cell):
    try:
        return bool(cell.style_array.quotePrefix)
    except Exception:
        return False


def _text(value):
    """Text as typed (cleaned later, per column); numbers and dates as the sheet holds them."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime.timedelta):  # a time-of-day cell, as calamine reads it
        return (datetime.datetime.min + value).time()
    return value
