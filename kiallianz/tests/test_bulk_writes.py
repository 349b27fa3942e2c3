"""COPY's text format, and rows written by COPY and by multi-row INSERTs
read back as they were given."""

import datetime

import pytest
from django.db import DataError, connection, transaction
from django.utils.safestring import mark_safe

from kiallianz.bulk_writes import (
    copies_in_background,
    copy_line,
    copy_rows,
    copy_text,
    insert_rows,
)

STAMP = datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC)


def test_a_value_copy_cannot_write_goes_by_insert():
    assert copy_text({"a": 1}) is None
    assert copy_text(None) == "\\N"
    assert copy_text("a\tb\\c\nd") == "a\\tb\\\\c\\nd"
    assert copy_line(["a", {"a": 1}]) is None


def test_a_line_of_plain_values():
    line = copy_line(["Müller GmbH", None, 3, True, False, datetime.date(2024, 1, 2), STAMP])
    assert line == "Müller GmbH\t\\N\t3\tt\tf\t2024-01-02\t2024-03-01T09:30:00+00:00"


@pytest.mark.parametrize(
    ("row", "line"),
    [
        (["a\tb", None], "a\\tb\t\\N"),
        (["zwei\nZeilen", "\r"], "zwei\\nZeilen\t\\r"),
        # A backslash in a value beside a NULL marker: counted apart.
        (["C:\\Daten", None], "C:\\\\Daten\t\\N"),
        # The text of a NULL marker as a value is not a NULL.
        (["\\N", None], "\\\\N\t\\N"),
        # A subclass of str (a template's safe string) is escaped too.
        ([mark_safe("a\tb"), 1], "a\\tb\t1"),
    ],
)
def test_a_line_escapes_what_the_format_needs(row, line):
    assert copy_line(row) == line


@pytest.fixture
def scratch_table(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bulk_scratch (note text, amount integer)")
    yield "bulk_scratch"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bulk_scratch")


ROWS = [
    ["a\tb", 1],
    ["C:\\Daten\\neu", None],
    ["\\N", 2],
    [None, 3],
    ["zwei\nZeilen\r", 4],
    ["Straße „Am Rhein“", 5],
]


def _read_back(table: str) -> list[list]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT note, amount FROM {table}")  # noqa: S608
        return sorted((list(row) for row in cursor.fetchall()), key=lambda row: str(row))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copied_rows_read_back_as_given(scratch_table):
    assert copy_rows(scratch_table, ["note", "amount"], ROWS)
    assert _read_back(scratch_table) == sorted(ROWS, key=lambda row: str(row))


def test_inserted_rows_read_back_as_given(scratch_table):
    insert_rows(scratch_table, ["note", "amount"], ROWS)
    assert _read_back(scratch_table) == sorted(ROWS, key=lambda row: str(row))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_query_after_background_copies_sees_them_all(scratch_table):
    with copies_in_background():
        for start in range(0, 60, 6):
            rows = [[f"Zeile {n}", n] for n in range(start, start + 6)]
            assert copy_rows(scratch_table, ["note", "amount"], rows)
            # The query waits for the COPYs made before it, in order.
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*), max(amount) FROM {scratch_table}")  # noqa: S608
                assert cursor.fetchone() == (start + 6, start + 5)
    assert len(_read_back(scratch_table)) == 60


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_failing_background_copy_fails_the_block(scratch_table):
    with pytest.raises(DataError), transaction.atomic(), copies_in_background():
        assert copy_rows(scratch_table, ["note", "amount"], [["gut", 1]])
        # Text where a number belongs: PostgreSQL refuses it in the thread.
        assert copy_rows(scratch_table, ["note", "amount"], [["schlecht", "viele"]])
    assert _read_back(scratch_table) == []


def test_without_postgresql_the_block_writes_as_it_goes(scratch_table):
    with copies_in_background():
        insert_rows(scratch_table, ["note", "amount"], ROWS)
        assert len(_read_back(scratch_table)) == len(ROWS)
