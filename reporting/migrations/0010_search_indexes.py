"""Indexes for the global search on PostgreSQL (reporting/search.py); nothing
on SQLite, whose fallback reads the rows."""

from django.db import migrations

NORMALISE = """
CREATE OR REPLACE FUNCTION search_norm(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(replace(replace(replace(replace(replace(replace(replace(value,
    'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'))
$$;
"""

# (index name prefix, table, columns): the same expressions as SEARCH_FIELDS.
DOCUMENTS = [
    ("search_organisation", "contacts_organisation", ["name", "city"]),
    ("search_person", "contacts_person", ["first_name", "last_name", "email"]),
    ("search_first_contact", "contacts_firstcontact", ["occasion_note", "content"]),
    ("search_event", "events_event", ["title", "venue", "city"]),
]


def _document(table, columns):
    return "search_norm(" + " || ' ' || ".join(f'"{table}"."{c}"' for c in columns) + ")"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(NORMALISE)
    for name, table, columns in DOCUMENTS:
        document = _document(table, columns)
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name}_fts ON "{table}" '
            f"USING gin (to_tsvector('german', {document}))"
        )
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {name}_trgm ON "{table}" '
            f"USING gin ({document} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns in DOCUMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}_fts")
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}_trgm")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_norm(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0009_change_history"),
        ("contacts", "0012_historicalfirstcontact_client_key"),
        ("events", "0004_change_history"),
        ("partners", "0003_change_history"),
    ]

    operations = [migrations.RunPython(create, drop)]
