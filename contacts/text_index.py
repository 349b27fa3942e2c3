"""The text index behind the contact lists' search (``?q=``), both backends.

The lists search with :func:`text_contains`: ``value`` anywhere in one of
some fields, case-insensitive, the same records as ``icontains``, answered
from an index on the columns in ``INDEXED``:

- PostgreSQL: ``icontains`` itself, which the trigram GIN indexes of
  migration ``contacts/0015_list_search_indexes`` serve (they are built on
  exactly the expression it compiles to).
- SQLite: an FTS5 table per searched table with the ``trigram`` tokenizer
  (``<table>_text``; external content: it holds the index, not a copy of
  the text), kept by triggers on the table. ``value`` is looked up as one
  phrase in the table's columns at once, which the trigram tokenizer
  matches as a substring, case-insensitive (umlauts too, like PostgreSQL's
  ``UPPER``). Fewer than three letters make no trigram: those go by
  ``icontains``, reading the rows. Without the index every search read
  every row: a rare name took 1.6× as long at 20,000 contacts as in the
  demo (issue 14).

Created by migration ``contacts/0021_sqlite_text_index``. On SQLite a
migration that rebuilds one of these tables (most field changes do) drops
its triggers with the old table, and the index would silently fall behind:
such a migration runs ``run_create`` after its change (it is idempotent and
reindexes the rows). ``contacts/tests/test_text_index.py`` checks that
every trigger exists after all migrations.
"""

import operator
from functools import reduce

from django.db import connection
from django.db.models import Model, Q
from django.db.models.expressions import RawSQL

# The searched columns per table, the same on both backends: a change here
# needs a migration (on PostgreSQL an index as in 0015; on SQLite run_drop,
# then run_create).
INDEXED = {
    "contacts_organisation": ("name", "city", "website"),
    "contacts_person": ("first_name", "last_name", "email"),
    "contacts_firstcontact": ("content", "occasion_note"),
}
# The trigram tokenizer finds nothing for fewer letters than this.
TRIGRAM = 3
TRIGGER_EVENTS = ("insert", "delete", "update")


def index_table(table: str) -> str:
    return f"{table}_text"


def trigger_names(table: str) -> list[str]:
    return [f"{index_table(table)}_{event}" for event in TRIGGER_EVENTS]


def _sqlite_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    index = index_table(table)
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    # Only the table and column names of INDEXED are put into the SQL here.
    insert = f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new});"  # noqa: S608
    # An external-content index forgets a row by being told its old values.
    delete = f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old});"  # noqa: S608
    insert_trigger, delete_trigger, update_trigger = trigger_names(table)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5({names}, "
        f"content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {insert_trigger} AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {delete_trigger} AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {update_trigger} AFTER UPDATE OF {names} ON {table} "
        f"BEGIN {delete} {insert} END",
        # Indexes the rows there are (again, after a table rebuild).
        _reindex(index),
    ]


def _reindex(index: str) -> str:
    """FTS5's command to drop the index and build it anew from the table."""
    return f"INSERT INTO {index}({index}) VALUES ('rebuild')"  # noqa: S608


def run_create(apps, schema_editor):
    """Create (or restore) the SQLite index and its triggers; PostgreSQL's
    indexes come from migration 0015."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns in INDEXED.items():
        for statement in _sqlite_statements(table, columns):
            schema_editor.execute(statement)


def run_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in INDEXED:
        for trigger in trigger_names(table):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {index_table(table)}")


def forget_removed_text() -> None:
    """Index again what the searched tables hold, after personal data was
    removed (erasure, retention). SQLite's index only marks a changed row's
    old text as deleted: until its segments are merged, the old trigrams
    and their positions, from which the text can be read back, stay in the
    file. Reindexing leaves none (40 ms for 20,000 persons)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in INDEXED:
            cursor.execute(_reindex(index_table(table)))


def _phrase(text: str) -> str:
    """``text`` as one FTS5 phrase: in double quotes, each inner one doubled."""
    return '"' + text.replace('"', '""') + '"'


def text_contains(
    model: type[Model], fields: tuple[str, ...], value: str, *, path: str = "", use_index=True
) -> Q:
    """``value`` anywhere in one of ``fields`` of ``model`` (case-insensitive),
    the same records as their ``icontains``. ``path`` leads from the queried
    model to ``model`` (``"organisation__"``). On SQLite one lookup in the
    text index for all the fields, where they are indexed and ``value`` has
    a trigram; otherwise ``icontains``, which PostgreSQL answers from its
    trigram indexes. ``use_index=False``: ``icontains`` on both backends,
    a test of each row where a list walks its order."""
    table = model._meta.db_table
    columns = [model._meta.get_field(name).column for name in fields]
    indexed = set(columns) <= set(INDEXED.get(table, ()))
    if connection.vendor != "sqlite" or not (use_index and indexed) or len(value) < TRIGRAM:
        return reduce(operator.or_, (Q(**{f"{path}{name}__icontains": value}) for name in fields))
    index = index_table(table)
    # Only names from INDEXED go into the SQL; the words are a parameter.
    matching = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {index} WHERE {index} MATCH %s",  # noqa: S608
        ["{" + " ".join(columns) + "} : " + _phrase(value)],
    )
    return Q(**{f"{path}pk__in": matching})
