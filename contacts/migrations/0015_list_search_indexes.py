"""Trigram indexes for the lists' text search (``?q=``) on PostgreSQL; nothing
on SQLite, where the search reads the rows.

Each index is on exactly the expression Django's ``icontains`` compiles to on
PostgreSQL, ``UPPER(column::text) LIKE UPPER('%…%')``, so the filters in
contacts/filters.py keep their meaning on both backends and PostgreSQL
answers them from the index (pg_trgm serves LIKE with wildcards on both
ends for three or more letters)."""

from django.db import migrations

# (table, column): the columns the contact lists search.
SEARCHED = [
    ("contacts_organisation", "name"),
    ("contacts_organisation", "city"),
    ("contacts_organisation", "website"),
    ("contacts_person", "first_name"),
    ("contacts_person", "last_name"),
    ("contacts_person", "email"),
    ("contacts_firstcontact", "content"),
    ("contacts_firstcontact", "occasion_note"),
]


def _name(table: str, column: str) -> str:
    return f"{table.removeprefix('contacts_')}_{column}_contains"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in SEARCHED:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {_name(table, column)} ON "{table}" '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0014_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
