"""The triggers that keep each organisation's first-contact count and latest
date (``Organisation.first_contact_count``, ``last_contact_date``).

Whatever writes a first contact (services, import, merge, admin, raw SQL),
the database recounts its organisation(s); a write of an organisation that
names the two columns (a plain ``save()``) is recounted too, so a stale
value in memory cannot overwrite them. One recount per backend.

Created by migration ``contacts/0018_organisation_contact_stats``. On SQLite
a migration that rebuilds ``contacts_organisation`` or
``contacts_firstcontact`` (most field changes do) fails with „error in
trigger … no such table“ while the triggers exist: such a migration runs
``run_drop`` before and ``run_create`` after its change.
"""

SQLITE_RECOUNT = """
UPDATE contacts_organisation SET
  first_contact_count = (
    SELECT count(*) FROM contacts_firstcontact f WHERE f.organisation_id = {id}),
  last_contact_date = (
    SELECT max(f.date) FROM contacts_firstcontact f WHERE f.organisation_id = {id})
WHERE id = {id};
"""
SQLITE_TOUCH = "UPDATE contacts_organisation SET first_contact_count = 0 WHERE id = {id};"

SQLITE = [
    # SQLite does not fire a trigger again from its own statement (recursive
    # triggers are off), so the recount does not loop.
    "CREATE TRIGGER organisation_contact_stats_insert AFTER INSERT ON contacts_organisation "
    f"BEGIN {SQLITE_RECOUNT.format(id='NEW.id')} END",
    "CREATE TRIGGER organisation_contact_stats_update "
    "AFTER UPDATE OF first_contact_count, last_contact_date ON contacts_organisation "
    f"BEGIN {SQLITE_RECOUNT.format(id='NEW.id')} END",
    # A first contact's triggers name the column on its organisation(s), and
    # the trigger above recounts (a trigger may fire another one).
    "CREATE TRIGGER first_contact_stats_insert AFTER INSERT ON contacts_firstcontact "
    f"BEGIN {SQLITE_TOUCH.format(id='NEW.organisation_id')} END",
    "CREATE TRIGGER first_contact_stats_delete AFTER DELETE ON contacts_firstcontact "
    f"BEGIN {SQLITE_TOUCH.format(id='OLD.organisation_id')} END",
    "CREATE TRIGGER first_contact_stats_update "
    "AFTER UPDATE OF organisation_id, date ON contacts_firstcontact "
    f"BEGIN {SQLITE_TOUCH.format(id='OLD.organisation_id')} "
    f"{SQLITE_TOUCH.format(id='NEW.organisation_id')} END",
]

POSTGRESQL = [
    """
    CREATE FUNCTION organisation_contact_stats() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT count(*), max(f.date) INTO NEW.first_contact_count, NEW.last_contact_date
      FROM contacts_firstcontact f WHERE f.organisation_id = NEW.id;
      RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER organisation_contact_stats "
    "BEFORE INSERT OR UPDATE OF first_contact_count, last_contact_date ON contacts_organisation "
    "FOR EACH ROW EXECUTE FUNCTION organisation_contact_stats()",
    # Once per statement (a bulk import is one statement per batch): name the
    # columns on the organisations concerned, and the trigger above recounts.
    """
    CREATE FUNCTION first_contact_stats() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        UPDATE contacts_organisation SET first_contact_count = 0
        WHERE id IN (SELECT organisation_id FROM new_rows);
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE contacts_organisation SET first_contact_count = 0
        WHERE id IN (SELECT organisation_id FROM old_rows);
      ELSE
        UPDATE contacts_organisation SET first_contact_count = 0
        WHERE id IN (
          SELECT unnest(ARRAY[o.organisation_id, n.organisation_id])
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.organisation_id, o.date) IS DISTINCT FROM (n.organisation_id, n.date)
        );
      END IF;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER first_contact_stats_insert AFTER INSERT ON contacts_firstcontact "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION first_contact_stats()",
    "CREATE TRIGGER first_contact_stats_delete AFTER DELETE ON contacts_firstcontact "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION first_contact_stats()",
    "CREATE TRIGGER first_contact_stats_update AFTER UPDATE ON contacts_firstcontact "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION first_contact_stats()",
]

DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS organisation_contact_stats_insert",
        "DROP TRIGGER IF EXISTS organisation_contact_stats_update",
        "DROP TRIGGER IF EXISTS first_contact_stats_insert",
        "DROP TRIGGER IF EXISTS first_contact_stats_delete",
        "DROP TRIGGER IF EXISTS first_contact_stats_update",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS first_contact_stats_insert ON contacts_firstcontact",
        "DROP TRIGGER IF EXISTS first_contact_stats_delete ON contacts_firstcontact",
        "DROP TRIGGER IF EXISTS first_contact_stats_update ON contacts_firstcontact",
        "DROP TRIGGER IF EXISTS organisation_contact_stats ON contacts_organisation",
        "DROP FUNCTION IF EXISTS first_contact_stats()",
        "DROP FUNCTION IF EXISTS organisation_contact_stats()",
    ],
}


def run_create(apps, schema_editor):
    """Create the triggers and count the first contacts there are."""
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE, "postgresql": POSTGRESQL}[vendor]:
        schema_editor.execute(statement)
    # Count the first contacts there are: naming the column recounts.
    schema_editor.execute(
        "UPDATE contacts_organisation SET first_contact_count = first_contact_count"
    )


def run_drop(apps, schema_editor):
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)
