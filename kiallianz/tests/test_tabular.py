import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from kiallianz.tabular import (
    RowError,
    TableError,
    csv_bytes,
    parse_date,
    read_table,
    resolve_columns,
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
