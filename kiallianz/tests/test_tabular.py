import datetime
import io
import tempfile
import tracemalloc

import pytest
from openpyxl import Workbook, load_workbook

from kiallianz.tabular import (
    RowError,
    TableError,
    csv_bytes,
    parse_date,
    read_table,
    resolve_columns,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)


def test_it_reads_german_excel_csv_with_bom_and_semicolons():
    data = "\ufeffFirma;Datum;Notizen\r\nKöhler GmbH;13.03.2024;Gespräch über KI\r\n".encode()
    table = read_table(data, "kontakte.csv")
    assert table.headers == ["Firma", "Datum", "Notizen"]
    assert table.rows == [
        (2, {"Firma": "Köhler GmbH", "Datum": "13.03.2024", "Notizen": "Gespräch über KI"})
    ]


def test_it_reads_windows_1252_and_commas():
    data = "Company,Notes\nMüller AG,Grüße\n".encode("cp1252")
    table = read_table(data, "x.csv")
    assert table.rows[0][1] == {"Company": "Müller AG", "Notes": "Grüße"}


def test_it_skips_empty_rows_but_keeps_row_numbers():
    data = b"Firma;Ort\n\nA;B\n;\nC;D\n"
    table = read_table(data)
    assert [number for number, _ in table.rows] == [3, 5]


def test_it_reads_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Organisation", "Datum"])
    sheet.append(["Vioonic", datetime.datetime(2024, 11, 5)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "k.xlsx")
    assert table.rows == [(2, {"Organisation": "Vioonic", "Datum": datetime.datetime(2024, 11, 5)})]


@pytest.mark.parametrize("data", [b"", b"   \n", b"PK\x03\x04kaputt"])
def test_it_refuses_unreadable_files_with_a_german_message(data):
    with pytest.raises(TableError) as error:
        read_table(data)
    assert "Datei" in str(error.value)


def test_it_resolves_german_and_english_aliases():
    headers = ["Unternehmen", "E-Mail", "Vorname", "NAME"]
    aliases = {
        "organisation": ["Firma", "Unternehmen", "Company"],
        "email": ["E-Mail", "Email", "Mail"],
        "first_name": ["Vorname", "First name"],
        "last_name": ["Nachname", "Name", "Last name"],
        "phone": ["Telefon", "Phone"],
    }
    assert resolve_columns(headers, aliases) == {
        "organisation": "Unternehmen",
        "email": "E-Mail",
        "first_name": "Vorname",
        "last_name": "NAME",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13.03.2024", datetime.date(2024, 3, 13)),
        ("1.2.24", datetime.date(2024, 2, 1)),
        ("2024-03-13", datetime.date(2024, 3, 13)),
        (datetime.datetime(2024, 3, 13, 10, 0), datetime.date(2024, 3, 13)),
        ("", None),
    ],
)
def test_it_parses_dates(value, expected):
    assert parse_date(value) == expected


def _by_strptime(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None


@pytest.mark.parametrize(
    "text",
    [
        "1.2.2024",
        "01.02.2024",
        "29.02.2024",
        "29.02.2023",
        "31.04.2024",
        "0.1.2024",
        "00.01.2024",
        "1.13.2024",
        "1.0.2024",
        "31.12.0001",
        "1.1.0000",
        "1.1.9999",
    ],
)
def test_it_reads_the_german_form_as_strptime_does(text):
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    assert parsed == _by_strptime(text)


def test_it_explains_a_bad_date_in_german():
    with pytest.raises(ValueError, match="kein gültiges Datum"):
        parse_date("31.02.2024")


def test_it_writes_csv_for_german_excel_and_defuses_formulas():
    data = csv_bytes(["Name", "Notiz"], [["Müller", "=HYPERLINK()"], ["A", None]])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["Name;Notiz", "Müller;'=HYPERLINK()", "A;"]


def test_it_writes_one_sheet_per_block():
    data = xlsx_bytes(
        [("Erstgespräche", ["Region", "Anzahl"], [["Karlsruhe", 12]]), ("Leer", ["x"], [])]
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Erstgespräche", "Leer"]
    assert [c.value for c in workbook["Erstgespräche"][2]] == ["Karlsruhe", 12]


def test_row_errors_read_in_german():
    assert str(RowError(row=4, message="Region unbekannt", column="Region")) == (
        "Zeile 4, Spalte „Region“: Region unbekannt"
    )


def _rows(count: int):
    for number in range(count):
        yield [f"Firma {number:05d} GmbH", "Karlsruhe", number, "=HYPERLINK()", None]


HEADERS = ["Name", "Ort", "Nummer", "Notiz", "leer"]


def test_a_streamed_sheet_looks_like_the_one_built_in_memory():
    target = io.BytesIO()
    write_xlsx(target, "organisationen", HEADERS, _rows(250))
    sheet = load_workbook(io.BytesIO(target.getvalue())).active
    assert sheet.title == "organisationen" and sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == HEADERS and sheet["A1"].font.bold
    assert sheet.max_row == 251 and sheet["A251"].value == "Firma 00249 GmbH"
    assert sheet["D2"].value == "'=HYPERLINK()"  # formulas stay text
    assert sheet.column_dimensions["A"].width == len("Firma 00000 GmbH") + 2


def test_a_streamed_csv_leaves_the_file_open():
    target = io.BytesIO()
    write_csv(target, HEADERS, _rows(2))
    assert not target.closed
    assert target.getvalue().startswith("\ufeffName;Ort".encode())
    assert csv_bytes(HEADERS, _rows(2)) == target.getvalue()


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_memory_does_not_grow_with_the_rows_written(write):
    """A list export of any size is written row by row into a file: ten
    times the rows need about the same memory (the sheet built in memory,
    as before, needed ten times as much)."""

    def peak(count: int) -> int:
        arguments = (HEADERS, _rows(count)) if write is write_csv else ("t", HEADERS, _rows(count))
        with tempfile.TemporaryFile() as target:
            tracemalloc.start()
            try:
                write(target, *arguments)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

    assert peak(3000) < 1.5 * peak(300)
