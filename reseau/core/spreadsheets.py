"""Reading and writing XLSX and CSV: rows of text in, rows of values out.

Everything read comes back as text (dates as YYYY-MM-DD, numbers without
exponent), so that the same checks apply whichever format the file was in.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from reseau.core.text import strip_control_characters

XLSX = "xlsx"
CSV = "csv"
FORMATS = (XLSX, CSV)

CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}

# An XLSX file is a zip archive; a larger content than this is no list of partners.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Rows beyond the header; more than any network's list, fewer than a runaway file.
MAX_ROWS = 5000
MAX_COLUMNS = 60
# What a file expands to, not only its size: a small XLSX can repeat one long shared string in
# every row. No spreadsheet program writes a longer cell than Excel's limit, and no file holds
# more text than the largest CSV accepted (5 MB); a longer cell or more text is refused whole.
MAX_CELL_CHARACTERS = 32_767
MAX_TEXT_CHARACTERS = 5_000_000
COLUMN_WIDTH = 24  # characters, in the written workbook

# A spreadsheet program runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

UNREADABLE = _("This file could not be read as an XLSX or CSV spreadsheet.")
NOT_UTF8 = _(
    "This CSV file is not in UTF-8, so its accents and Khmer, Lao or Vietnamese letters would be lost. "
    "In your spreadsheet program, save it as “CSV UTF-8” and upload it again."
)
TOO_MANY_ROWS = _("This file has more than %(max)s rows. Split it into smaller files.")
TOO_MANY_COLUMNS = _("This file has more than %(max)s columns.")
CELL_TOO_LONG = _(
    "A cell in row %(row)s holds more than %(max)s characters, more than a spreadsheet cell can hold. "
    "Shorten it and upload the file again."
)
TOO_MUCH_TEXT = _("This file holds more than %(max)s characters of text. Split it into smaller files.")


class FileProblem(Exception):
    """The file as a whole cannot be imported.

    Each problem is a message, or a (message, params) pair; ``problems`` lists them as pairs.
    """

    def __init__(self, *problems: Any) -> None:
        pairs = [p if isinstance(p, tuple) else (p, {}) for p in problems or (UNREADABLE,)]
        super().__init__("; ".join(str(message) for message, _params in pairs))
        self.problems: list[tuple[Any, dict[str, Any]]] = pairs


# Reading ---------------------------------------------------------------------


def read_table(content: bytes, file_name: str) -> list[list[str]]:
    """All rows of the first sheet, header first, as stripped text. Raises FileProblem."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if content.startswith(b"PK\x03\x04"):
        # A zip archive: an XLSX, whatever its name says.
        return _read_xlsx(content)
    if extension == XLSX:
        raise FileProblem
    return _read_csv(content)


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise FileProblem
    except zipfile.BadZipFile:
        raise FileProblem from None
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        raise FileProblem from None
    try:
        if not workbook.worksheets:
            raise FileProblem
        sheet = workbook.worksheets[0]
        # Columns beyond the limit are not read: one more is enough to refuse the file.
        cells = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        return _collect([_cell_text(value) for value in values] for values in cells)
    except FileProblem:
        raise
    except Exception:
        raise FileProblem from None
    finally:
        workbook.close()


def _read_csv(content: bytes) -> list[list[str]]:
    if b"\x00" in content[:8192]:
        raise FileProblem  # a binary file: an image, a PDF, an old .xls…
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(NOT_UTF8) from None
    if "\x00" in text:
        raise FileProblem
    first_line = text.split("\n", 1)[0]
    # Excel in French saves CSV with ";": the header says which separator the file uses.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return _collect([_clean_text(value) for value in values] for values in reader)
    except csv.Error:
        raise FileProblem from None


def _collect(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows, without trailing empty cells and rows; refuses a file too large to be a list.

    Sizes are counted as the cells are read, so that a file that expands to too much text is
    refused at the first row beyond the limit, before the rest is held in memory.
    """
    table: list[list[str]] = []
    filled = 0
    characters = 0
    for read, cells in enumerate(rows, start=1):
        row = _trim(cells)
        if len(row) > MAX_COLUMNS:
            raise FileProblem((TOO_MANY_COLUMNS, {"max": MAX_COLUMNS}))
        lengths = [len(cell) for cell in row]
        if lengths and max(lengths) > MAX_CELL_CHARACTERS:
            raise FileProblem((CELL_TOO_LONG, {"row": read, "max": _count(MAX_CELL_CHARACTERS)}))
        characters += sum(lengths)
        if characters > MAX_TEXT_CHARACTERS:
            raise FileProblem((TOO_MUCH_TEXT, {"max": _count(MAX_TEXT_CHARACTERS)}))
        filled += bool(row)
        # Blank rows count too, up to a point: a sheet formatted down to its millionth row is not read to the end.
        if filled > MAX_ROWS + 1 or read > 20 * (MAX_ROWS + 1):
            raise FileProblem((TOO_MANY_ROWS, {"max": MAX_ROWS}))
        table.append(row)
    while table and not table[-1]:
        table.pop()
    return table


def _count(number: int) -> str:
    """A limit as the reader writes numbers: 32 767, 5,000,000."""
    return number_format(number, force_grouping=True)


def _trim(row: list[str]) -> list[str]:
    """Drops the empty cells at the end of a row (spreadsheets pad rows to the widest)."""
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    return _clean_text(str(value))


def _clean_text(value: str) -> str:
    value = strip_control_characters(value).strip()
    # Undo the quote put before text that a spreadsheet would run as a formula.
    if value.startswith("'") and value[1:2] and value[1] in _FORMULA_STARTS:
        value = value[1:]
    return value


# Writing ---------------------------------------------------------------------


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read accents and Asian scripts."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([strip_control_characters(str(name)) for name in header])
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = strip_control_characters(str(value))
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=strip_control_characters(title)[:31])
    sheet.freeze_panes = "A2"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=strip_control_characters(str(name)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        # Text stored before input was cleaned may still hold a control character: XLSX cannot.
        value = strip_control_characters(value)
    if value is None or value == "":
        return None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, Decimal):
        cell.number_format = "0.00"
    elif isinstance(value, str) and cell.data_type == "f":
        # Text that starts with "=" stays text: never a formula run on the reader's computer.
        cell.data_type = "s"
    return cell
