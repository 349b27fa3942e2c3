"""Bulk writes of rows that bypass the models' save(), for imports and their
history: PostgreSQL's COPY, and multi-row INSERTs elsewhere (or where a
value has a type COPY's text is not written for here).

COPY takes rows as text and skips what an INSERT costs per statement (the
parse of thousands of placeholders and their values); for the import's
tables, with their search indexes, it writes the same rows in about a third
of the time. Used for the records an import creates and for their history.
COPY does not pass through Django's execute wrappers, so ``copy_rows``
reports the write to the data generation (``kiallianz.caching``) itself.
"""

import datetime
import decimal
import io
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.db import connection, models

from kiallianz import caching

# COPY's text format: these characters are escaped, NULL is \N.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> str:
    # Most values need no escape; translating each costs more than the rest.
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


# By exact type: an import writes millions of values.
_WRITERS = {
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    str: _text,
    int: str,
    float: str,
    decimal.Decimal: str,
    uuid.UUID: str,
    datetime.date: datetime.date.isoformat,
    datetime.datetime: datetime.datetime.isoformat,  # with its offset
}


def value_adapter(field):
    """How a field's value goes into a bulk write, as Django's own save would
    send it: None for values that go as they are (text, numbers, booleans,
    ids), else a function for values other than None."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(
        field, models.CharField | models.TextField | models.BooleanField | models.IntegerField
    ) or (field.is_relation and field.concrete):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def copy_text(value) -> str | None:
    """A value in COPY's text format; None for a type this does not know."""
    writer = _WRITERS.get(type(value))
    if writer is not None:
        return writer(value)
    for kind in (bool, str, int, float, decimal.Decimal, uuid.UUID, datetime.datetime):
        if isinstance(value, kind):  # a subclass, e.g. a SafeString
            return _WRITERS[kind](value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None


def copy_line(row: list) -> str | None:
    """One row in COPY's text format; None when a value has a type this
    does not know."""
    # Strings go as they are, the rest by type; one check of the joined
    # line finds the rare string to escape (a tab, a line break, or a
    # backslash beyond those of the NULL markers). Half the cost of
    # ``copy_text`` per value, for the millions of values of an import.
    cells = [
        value if type(value) is str else "\\N" if value is None else copy_text(value)
        for value in row
    ]
    if None in cells:
        return None
    line = "\t".join(cells)
    if (
        line.count("\t") != len(row) - 1
        or line.count("\\") != row.count(None)
        or "\n" in line
        or "\r" in line
    ):
        line = "\t".join([copy_text(value) for value in row])
    return line


def copy_rows(table: str, columns: list[str], rows: list[list]) -> bool:
    """PostgreSQL: the rows in one COPY. False (nothing written) when a value
    has a type COPY's text is not written for here; the caller then
    INSERTs."""
    lines = []
    for row in rows:
        line = copy_line(row)
        if line is None:
            return False
        lines.append(line)
    if not lines:
        return True
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    text = "\n".join(lines) + "\n"
    background = _background_copies.get()
    if background is not None and background.connection is connection.connection:
        background.submit(statement, text)
    else:
        with connection.cursor() as cursor:
            # The whole text in one read (psycopg2 reads 8 KiB at a time by
            # default); the size is positional for Django's debug cursor.
            cursor.copy_expert(statement, io.StringIO(text), len(text))
    caching.note_write(connection, table)
    return True


class BackgroundCopies:
    """COPYs run one after another in a second thread, on the caller's
    connection and so in its transaction, while the caller computes on.

    A connection takes one statement at a time, and psycopg2 does not guard
    a COPY's data against a query from another thread: every query the
    caller makes through Django first waits until the COPYs made before it
    are done (an execute wrapper, see ``copies_in_background``), so the
    writes keep their order. The thread only waits for PostgreSQL, during
    which it does not hold Python's lock, so the caller's work goes on at
    full speed.
    """

    def __init__(self, raw_connection):
        self.connection = raw_connection
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy")
        self._pending: list[Future] = []

    def submit(self, statement: str, text: str) -> None:
        self._pending.append(self._thread.submit(self._copy, statement, text))

    def _copy(self, statement: str, text: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.copy_expert(statement, io.StringIO(text), len(text))

    def wait(self) -> None:
        """Until every COPY made so far is done; raises the first error (as
        Django's database error, as a query of the caller would)."""
        pending, self._pending = self._pending, []
        with connection.wrap_database_errors:
            for copy in pending:
                copy.result()

    def before_query(self, execute, sql, params, many, context):
        self.wait()
        return execute(sql, params, many, context)

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._thread.shutdown(wait=True, cancel_futures=True)


_background_copies: ContextVar[BackgroundCopies | None] = ContextVar(
    "background_copies", default=None
)


@contextmanager
def copies_in_background() -> Iterator[None]:
    """Inside the block, on PostgreSQL, ``copy_rows`` hands its COPY to a
    second thread and returns (see ``BackgroundCopies``); all have run when
    the block ends. For a long import whose Python work can go on while the
    database writes what it prepared before. Use inside a transaction: a
    COPY that fails then fails the transaction, and the block raises."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    background = BackgroundCopies(connection.connection)
    token = _background_copies.set(background)
    try:
        with connection.execute_wrapper(background.before_query):
            yield
    except BaseException:
        with suppress(Exception):  # the caller's error is the one to see
            background.close()
        raise
    else:
        background.close()
    finally:
        _background_copies.reset(token)


def insert_rows(
    table: str, columns: list[str], rows: list[list], *, returning: str | None = None
) -> list:
    """Multi-row INSERTs of up to 500 rows each; with ``returning``, that
    column of the inserted rows, in their order."""
    quote = connection.ops.quote_name
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    limit = connection.features.max_query_params or 65535
    batch = max(1, min(500, limit // len(columns)))
    names = ", ".join(quote(column) for column in columns)
    # Only quoted names of our own tables and placeholders are in the text.
    head = f"INSERT INTO {quote(table)} ({names}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(returning)}" if returning else ""
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            part = rows[start : start + batch]
            cursor.execute(
                head + ", ".join([row_sql] * len(part)) + tail,
                [value for row in part for value in row],
            )
            if returning:
                returned.extend(value for (value,) in cursor.fetchall())
    return returned


def write_rows(table: str, columns: list[str], rows: list[list]) -> None:
    """The rows by COPY on PostgreSQL, or by multi-row INSERTs elsewhere and
    where a value has a type COPY's text is not written for here."""
    if not rows:
        return
    if connection.vendor == "postgresql" and copy_rows(table, columns, rows):
        return
    insert_rows(table, columns, rows)


def reserve_ids(model, count: int) -> list[int]:
    """PostgreSQL: ``count`` new primary keys from the table's sequence, for
    rows written with their ids (COPY returns none)."""
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return [key for (key,) in cursor.fetchall()]
