"""Reading an uploaded spreadsheet for the portal's imports: CSV or XLSX, as rows.

CSV is decoded as UTF-8 (with or without BOM) and, failing that, as CP932, which is what
Excel writes when it saves "CSV" on a Japanese Windows. XLSX is read from its first sheet,
with dates as date cells. Rows keep the number the spreadsheet shows (the header is row 1);
empty rows are skipped but still counted.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

MAX_ROWS = 100_000
MAX_COLUMNS = 200


class ImportFileError(Exception):
    """The file cannot be read at all; the message is shown to the user as it is."""


@dataclass(frozen=True)
class Table:
    """A sheet as read: the header cells and ``(row number, cells)`` below it."""

    header: list[str]
    rows: list[tuple[int, list[Any]]]


def read_rows(data: bytes, filename: str) -> Table:
    """The header and rows of a CSV or XLSX file, or :class:`ImportFileError`."""
    name = filename.lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = _read_csv(data)
    else:
        raise ImportFileError(_("Choose a CSV file (.csv) or an Excel file (.xlsx)."))
    if not any(cell.strip() for cell in table.header):
        raise ImportFileError(_("The file is empty: the first row must hold the column names."))
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(max)d rows. Split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    return table


def _encoding(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise ImportFileError(
        _(
            "The file could not be read as UTF-8 or Shift_JIS (CP932) text. "
            "In Excel, save it as “CSV UTF-8” and try again."
        )
    )


def _read_csv(data: bytes) -> Table:
    # Decoded as it is parsed, not whole beforehand: the text of a 100,000-row file and a
    # StringIO's copy of it (four bytes a character) would take ~100 MB more.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=_encoding(data), newline="")
    try:
        lines = list(csv.reader(text))
    except csv.Error as exc:
        raise ImportFileError(_("The CSV file is damaged: %(error)s") % {"error": exc}) from exc
    return _table(lines)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise ImportFileError(
            _("The Excel file could not be opened. Save it again as .xlsx and try again.")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        # Bounded: a small .xlsx can claim millions of cells.
        cells = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        lines = [list(row) for row in itertools.islice(cells, MAX_ROWS + 2)]
    finally:
        workbook.close()
    return _table(lines)


def _table(lines: list[list[Any]]) -> Table:
    if not lines:
        return Table([], [])
    header = [_header_text(cell) for cell in lines[0]]
    rows = [
        (number, cells)
        for number, cells in enumerate(lines[1:], start=2)
        if any(filled(cell) for cell in cells)
    ]
    return Table(header, rows)


def _header_text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def filled(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))
