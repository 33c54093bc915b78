"""The one CSV and XLSX writer of the portal: downloads for Excel users, streamed.

CSV is UTF-8 with a byte-order mark, so Excel opens Japanese text without garbling it, and
is streamed row by row. XLSX is written by openpyxl in write-only mode into a spooled
temporary file (memory for small files, disk for large ones) and then streamed from it.
Both carry a ``Content-Disposition`` whose ``filename*`` (RFC 5987) keeps a Japanese name.

Dates are written as a Japanese office reads them in Excel, in every file: ``2026/12/03`` and,
for a moment, Japan time to the minute, ``2026/12/03 14:05`` (never ISO's ``T`` and offset).
Excel takes both CSV forms as dates; XLSX cells are real dates shown in the same forms. The
registry's import reads ``YYYY/MM/DD``, so an exported file can be imported again.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Up to this size the workbook stays in memory; beyond it, a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024
# Characters a spreadsheet would take as the start of a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "%Y/%m/%d"
DATETIME_FORMAT = "%Y/%m/%d %H:%M"
# The same forms as Excel number formats, for XLSX cells.
XLSX_DATE_FORMAT = "yyyy/mm/dd"
XLSX_DATETIME_FORMAT = "yyyy/mm/dd hh:mm"


def content_disposition(filename: str, fallback: str = "") -> str:
    """``attachment`` with an ASCII ``filename`` for old clients and the real ``filename*``."""
    if not fallback:
        stem, dot, extension = filename.rpartition(".")
        ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem if dot else filename).strip("-")
        fallback = f"{ascii_stem or 'download'}{dot}{extension if dot else ''}"
    fallback = re.sub(r"[^A-Za-z0-9._-]", "-", fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime):
        return _local(value).strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    text = str(value)
    # A cell that starts like a formula is kept as text (an apostrophe, as Excel does).
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _local(moment: datetime.datetime) -> datetime.datetime:
    """Japan time (the site's zone), without a zone: what the office reads as the time."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _is_number(text: str) -> bool:
    return re.fullmatch(r"[+-]?\d+(\.\d+)?", text) is not None


class _Line:
    """A write-only file for :mod:`csv`: each ``write`` hands the line back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text, line by line, starting with the byte-order mark."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([_cell_text(value) for value in row])


def csv_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    fallback: str = "",
) -> StreamingHttpResponse:
    """A streamed CSV download (UTF-8 with BOM, CRLF line ends as Excel writes them)."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(header, rows)), content_type=CSV_TYPE
    )
    response["Content-Disposition"] = content_disposition(filename, fallback)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A value openpyxl accepts: dates in Japan time shown as the CSV writes them, text that
    is never a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=_local(value))
        cell.number_format = XLSX_DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if text.startswith("="):
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text


def write_xlsx(
    target: Any,
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] = (),
) -> None:
    """Write one sheet: a bold, frozen header row, column widths, then the rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(target)


def xlsx_response(
    filename: str,
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] = (),
    fallback: str = "",
) -> FileResponse:
    """An XLSX download, built in a spooled temporary file and streamed from it."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by the response)
    write_xlsx(spool, title=title, header=header, rows=rows, widths=widths)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition(filename, fallback)
    return response
