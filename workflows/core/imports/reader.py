"""Reading an uploaded .xlsx or .csv safely, row by row."""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
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
    """Return (headers, rows) of the first sheet; rows are lists of text or None.

    `data` is the file's bytes. Raises ImportFileError for a file that is not
    a workbook or CSV, has a formula, declares or holds more rows than
    `max_rows`, or would expand beyond a sane size.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        return _read_xlsx(data, max_rows, max_columns)
    if extension == "csv":
        return _read_csv(data, max_rows, max_columns)
    raise ImportFileError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))


def _read_xlsx(data, max_rows, max_columns):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx)."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            content_types = archive.read("[Content_Types].xml")
        except KeyError:
            raise ImportFileError(_("This file is not an Excel workbook (.xlsx).")) from None
        if XLSX_CONTENT_TYPE.encode() not in content_types:
            raise ImportFileError(_("This file is not an Excel workbook (.xlsx)."))
        if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(_("This workbook is too large once unpacked."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile, OSError):
        raise ImportFileError(_("This workbook could not be read.")) from None
    try:
        sheet = workbook.worksheets[0]
        declared_rows = sheet.max_row or 0
        declared_columns = sheet.max_column or 0
        if declared_rows > max_rows + 1 or declared_columns > max_columns:
            raise ImportFileError(
                _(
                    "The sheet declares %(rows)s rows and %(columns)s columns; at most "
                    "%(max_rows)s rows and %(max_columns)s columns can be imported at once."
                )
                % {
                    "rows": declared_rows,
                    "columns": declared_columns,
                    "max_rows": max_rows,
                    "max_columns": max_columns,
                }
            )
        rows = []
        for number, cells in enumerate(sheet.iter_rows(max_col=max_columns), start=1):
            if number > max_rows + 1:
                raise ImportFileError(
                    _("At most %(max)s rows can be imported at once.") % {"max": max_rows}
                )
            values = []
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    raise ImportFileError(
                        _(
                            "Cell %(cell)s holds a formula. Paste the values instead "
                            "(Paste special → Values) and upload again."
                        )
                        % {"cell": f"{column_letter(index)}{number}"}
                    )
                values.append(_text(cell.value))
            rows.append(values)
    finally:
        workbook.close()
    return _split(rows)


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
                _("At most %(max)s rows can be imported at once.") % {"max": max_rows}
            )
        if len(cells) > max_columns:
            raise ImportFileError(
                _("Row %(row)s has more than %(max)s columns.")
                % {"row": number, "max": max_columns}
            )
        for index, value in enumerate(cells):
            if value.startswith("="):
                raise ImportFileError(
                    _("Cell %(cell)s starts with “=” like a formula; remove it and upload again.")
                    % {"cell": f"{column_letter(index)}{number}"}
                )
        rows.append([_text(value) for value in cells])
    return _split(rows)


def _text(value):
    """Text stripped (empty → None); numbers and dates as the sheet typed them."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _split(rows):
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("The file is empty."))
    headers, body = rows[0], rows[1:]
    return headers, body
