"""Reading and writing spreadsheets: CSV (German Excel flavours) and XLSX.

Shared by every import (contacts, events) and export (lists, report figures).
Importers map their columns with ``resolve_columns`` and report problems per
row with ``RowError``; the all-or-nothing rule lives in each importer's
service, which runs in one transaction.
"""

import codecs
import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_MAGIC = b"PK\x03\x04"
MAX_IMPORT_ROWS = 20_000


class TableError(ValueError):
    """The file as a whole cannot be read (not a row problem)."""


@dataclass
class Table:
    headers: list[str]
    # Each row keeps its number as the user sees it in the spreadsheet
    # (the header is row 1), so error reports point at the right line.
    rows: list[tuple[int, dict[str, object]]]


@dataclass(frozen=True)
class RowError:
    row: int
    message: str
    column: str = ""

    def __str__(self) -> str:
        if self.column:
            return _("Zeile %(row)s, Spalte „%(column)s“: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Zeile %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class StreamedTable:
    """A table read row by row: ``rows`` is an iterator, consumed once.

    The row cap is checked while reading, so an oversized file is refused
    without ever holding all its rows."""

    headers: list[str]
    rows: Iterator[tuple[int, dict[str, object]]]


def read_table(data: bytes, filename: str = "") -> Table:
    table = stream_table(data, filename)
    return Table(headers=table.headers, rows=list(table.rows))


def stream_table(data: bytes, filename: str = "") -> StreamedTable:
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _stream_xlsx(data)
    return _stream_csv(data)


def _encoding(data: bytes) -> str:
    """utf-8-sig, or Windows-1252 as Excel on German Windows saves "CSV".

    Checked slice by slice so the whole file is never decoded twice."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    step = 1 << 20
    try:
        for start in range(0, len(view), step):
            decoder.decode(view[start : start + step], final=start + step >= len(view))
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _stream_csv(data: bytes) -> StreamedTable:
    encoding = _encoding(data)
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    first_line = text.readline()
    if not first_line.strip() and not text.read(1):
        raise TableError(_("Die Datei ist leer."))
    text.seek(0)
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(text, delimiter=delimiter)

    def records():
        try:
            yield from reader
        except csv.Error as error:
            raise TableError(
                _("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": error}
            ) from None

    return _table_from_records(records())


def _stream_xlsx(data: bytes) -> StreamedTable:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for broken files
        raise TableError(_("Die Excel-Datei kann nicht gelesen werden.")) from None
    sheet = workbook.worksheets[0]

    def records():
        try:
            yield from sheet.iter_rows(values_only=True)
        finally:
            workbook.close()

    return _table_from_records(records())


def _table_from_records(records: Iterator[Sequence]) -> StreamedTable:
    first = next(records, None)
    if first is None:
        raise TableError(_("Die Datei ist leer."))
    headers = [str(value).strip() if value is not None else "" for value in first]
    if not any(headers):
        raise TableError(_("Die erste Zeile muss die Spaltenüberschriften enthalten."))
    return StreamedTable(headers=headers, rows=_rows(headers, records))


def _rows(headers: list[str], records: Iterator[Sequence]):
    count = 0
    for number, record in enumerate(records, start=2):
        values = {
            header: _clean(record[index]) if index < len(record) else ""
            for index, header in enumerate(headers)
            if header
        }
        if any(value not in ("", None) for value in values.values()):
            count += 1
            if count > MAX_IMPORT_ROWS:
                raise TableError(
                    _("Die Datei hat mehr als %(limit)s Zeilen.") % {"limit": MAX_IMPORT_ROWS}
                )
            yield number, values


def _clean(value):
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def resolve_columns(headers: Iterable[str], aliases: dict[str, Sequence[str]]) -> dict[str, str]:
    """Map field names to the file's header, matching aliases case-insensitively."""
    by_key = {_header_key(header): header for header in headers if header}
    resolved = {}
    for field_name, names in aliases.items():
        for name in (field_name, *names):
            header = by_key.get(_header_key(name))
            if header is not None:
                resolved[field_name] = header
                break
    return resolved


def _header_key(header: str) -> str:
    return "".join(ch for ch in str(header).lower() if ch.isalnum())


_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def parse_date(value) -> datetime.date | None:
    """DD.MM.YYYY, D.M.YY, ISO YYYY-MM-DD, or a spreadsheet date; '' is None."""
    if value in ("", None):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    # The German form, read without strptime's generic machinery (a third
    # of the cost of parsing an import's row); anything else, and an
    # impossible day, takes the patterns below.
    german = _GERMAN_DATE.fullmatch(text)
    if german is not None:
        day, month, year = german.groups()
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            pass
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("„%(value)s“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).") % {"value": text}
    )


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """CSV that German Excel opens correctly: UTF-8 with BOM, semicolons."""
    buffer = io.BytesIO()
    write_csv(buffer, headers, rows)
    return buffer.getvalue()


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """One worksheet per (title, headers, rows), header row bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in headers]
        for row in rows:
            values = [_excel_safe(value) for value in row]
            sheet.append(values)
            for index, value in enumerate(values):
                widths[index] = max(widths[index], min(len(str(value or "")), 60))
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width + 2
    if not workbook.worksheets:
        workbook.create_sheet(title=_("Leer"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(target: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """CSV that German Excel opens correctly (UTF-8 with BOM, semicolons),
    written row by row into a binary file."""
    text = io.TextIOWrapper(target, encoding="utf-8", newline="")
    try:
        text.write("\ufeff")
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if value is None else _excel_safe(value) for value in row])
        text.flush()
    finally:
        text.detach()  # the caller's file stays open


# Column widths of a streamed sheet are fixed before its first row: they
# follow the headers and this many first rows.
WIDTH_SAMPLE_ROWS = 200


def write_xlsx(
    target: BinaryIO, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> None:
    """One worksheet as ``xlsx_bytes`` draws it (bold, frozen header row),
    in openpyxl's write-only mode: rows go to a temporary file, not memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    rows = iter(rows)
    sample = [[_excel_safe(value) for value in row] for row in islice(rows, WIDTH_SAMPLE_ROWS)]
    for index, header in enumerate(headers):
        width = max([len(str(header))] + [min(len(str(row[index] or "")), 60) for row in sample])
        sheet.column_dimensions[get_column_letter(index + 1)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_bold_cell(sheet, header, bold) for header in headers])
    for values in sample:
        sheet.append(values)
    for row in rows:
        sheet.append([_excel_safe(value) for value in row])
    workbook.save(target)


def _bold_cell(sheet, value, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")
    return cleaned[:31] or "Tabelle"


def _excel_safe(value):
    # A cell starting with = + - @ would run as a formula in Excel (CSV
    # injection); free text from users must stay text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Formats of the list downloads: identifier → content type.
LIST_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_CONTENT_TYPE}


def _counted(rows: Iterable[Sequence], progress: Callable[[int], None]) -> Iterable[Sequence]:
    for written, row in enumerate(rows, start=1):
        yield row
        if written % ListExporter.PROGRESS_ROWS == 0:
            progress(written)


class ListExporter:
    """One list download in the style of pretix's ``ListExporter``: the
    headers and the rows of a list in one class, rendered as CSV or XLSX.

    A view renders it synchronously (small lists); a background task can
    render the same class for large ones: ``render`` takes a queryset and
    a format and returns ``(filename, content_type, bytes)``."""

    identifier = ""  # also the file name's stem, e.g. "personen"
    PROGRESS_ROWS = 1000
    # (header, value of a row object) per column; or override headers/rows.
    columns: Sequence[tuple[str, Callable]] = ()

    def headers(self) -> list[str]:
        return [str(header) for header, _value in self.columns]

    def objects(self, queryset) -> Iterable:
        return queryset.iterator(chunk_size=1000)

    def rows(self, queryset) -> Iterable[Sequence]:
        values = [value for _header, value in self.columns]
        for obj in self.objects(queryset):
            yield [value(obj) for value in values]

    def filename(self, fmt: str, day: datetime.date) -> str:
        return f"{self.identifier}-{day:%Y-%m-%d}.{fmt}"

    def render(self, queryset, fmt: str, *, day: datetime.date) -> tuple[str, str, bytes]:
        """The whole file in memory: for the small lists a view answers at once."""
        buffer = io.BytesIO()
        filename = self.write(queryset, fmt, buffer, day=day)
        return filename, LIST_FORMATS[fmt], buffer.getvalue()

    def write(
        self,
        queryset,
        fmt: str,
        target: BinaryIO,
        *,
        day: datetime.date,
        progress: Callable[[int], None] | None = None,
    ) -> str:
        """Write the file into ``target`` row by row, whatever the number of
        rows (a background job spools it to a temporary file); returns the
        file name. ``progress(rows written)`` is called every PROGRESS_ROWS
        rows (a background job's progress bar and heartbeat)."""
        headers, rows = self.headers(), self.rows(queryset)
        if progress is not None:
            rows = _counted(rows, progress)
        if fmt == "xlsx":
            write_xlsx(target, self.identifier, headers, rows)
        elif fmt == "csv":
            write_csv(target, headers, rows)
        else:
            raise ValueError(fmt)
        return self.filename(fmt, day)
