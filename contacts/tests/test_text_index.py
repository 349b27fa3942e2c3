"""The text index behind the lists' search (contacts/text_index.py): the
same records as a case-insensitive substring test on both backends, kept
current by every kind of write."""

from types import SimpleNamespace

import pytest
from django.db import connection

from contacts import text_index
from contacts.models import Organisation, Person
from contacts.tests.factories import OrganisationFactory, PersonFactory
from contacts.text_index import INDEXED, text_contains

pytestmark = pytest.mark.django_db

ORGANISATION_TEXT = ("name", "city", "website")
PERSON_TEXT = ("first_name", "last_name", "email")


def found(model, fields, value) -> set[int]:
    return set(
        model.objects.filter(text_contains(model, fields, value)).values_list("pk", flat=True)
    )


def expected(model, fields, value) -> set[int]:
    """The records a case-insensitive substring test of each field finds."""
    return {
        record.pk
        for record in model.objects.all()
        if any(value.casefold() in (getattr(record, name) or "").casefold() for name in fields)
    }


def test_every_index_and_trigger_exists_after_the_migrations():
    """A later migration that rebuilds a searched table on SQLite drops its
    triggers with the old table; without them the index falls behind
    unnoticed. That migration has to run text_index.run_create again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
            )
            present = set(cursor.fetchall())
            wanted = {("table", text_index.index_table(table)) for table in INDEXED} | {
                ("trigger", name) for table in INDEXED for name in text_index.trigger_names(table)
            }
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_contains'")
            present = {name for (name,) in cursor.fetchall()}
            wanted = {
                f"{table.removeprefix('contacts_')}_{column}_contains"
                for table, columns in INDEXED.items()
                for column in columns
            }
    assert wanted <= present


SEARCHES = [
    "Müller",
    "MÜLLER",  # upper-case umlaut: folded like PostgreSQL's UPPER
    "gmbh",
    "ller G",  # across a space, within one field
    "Anna Berg",  # first and last name: two fields, not one text
    'Kaffee "Bohne"',
    'Bohne" 50',  # an odd number of quotes
    "50%",
    "a_b",
    "Werk*",
    "(KI)",
    "{name} : x",
    "NOT",
    "OR",  # a word of FTS5's query language, two letters: read row by row
    "ki",
    "nirgends",
]


@pytest.fixture
def searchable():
    organisations = [
        OrganisationFactory(name="Müller GmbH", city="Ulm", website="https://mueller.example"),
        OrganisationFactory(name='Kaffee "Bohne" 50% AG', city="Freiburg"),
        OrganisationFactory(name="Werk*statt (KI)", city="NOT a city", website=""),
        OrganisationFactory(name="a_b Labor", city="Ortenau", website="https://ki.example"),
    ]
    persons = [
        PersonFactory(first_name="Anna", last_name="Berg", email="anna@berg.example"),
        PersonFactory(first_name="Jörg", last_name="MÜLLER", email="j@mueller.example"),
        PersonFactory(first_name="Kim", last_name="Or", email="kim@ki.example"),
    ]
    return organisations, persons


@pytest.mark.parametrize("value", SEARCHES)
def test_it_finds_what_a_substring_test_finds(searchable, value):
    assert found(Organisation, ORGANISATION_TEXT, value) == expected(
        Organisation, ORGANISATION_TEXT, value
    )
    assert found(Person, PERSON_TEXT, value) == expected(Person, PERSON_TEXT, value)


def test_it_finds_records_through_a_relation(searchable):
    organisations, _persons = searchable
    staff = PersonFactory(organisation=organisations[1], last_name="Zeisig")
    hits = Person.objects.filter(
        text_contains(Organisation, ("name",), "bohne", path="organisation__")
    )
    assert list(hits) == [staff]


def test_the_index_follows_every_kind_of_write():
    def names_found(value):
        return set(
            Organisation.objects.filter(text_contains(Organisation, ("name",), value)).values_list(
                "name", flat=True
            )
        )

    created = OrganisationFactory(name="Kormoran Robotik")
    Organisation.objects.bulk_create(
        [Organisation(name="Kormoran Sensorik", normalized_name="kormoran sensorik")]
    )
    assert names_found("kormoran") == {"Kormoran Robotik", "Kormoran Sensorik"}

    created.name = "Reiher Robotik"
    created.save(update_fields=["name"])
    Organisation.objects.filter(name="Kormoran Sensorik").update(name="Reiher Sensorik")
    assert names_found("kormoran") == set()
    assert names_found("reiher") == {"Reiher Robotik", "Reiher Sensorik"}

    # A change of a column that is not searched leaves the index as it was.
    Organisation.objects.filter(name="Reiher Sensorik").update(city="Lahr")
    assert names_found("reiher") == {"Reiher Robotik", "Reiher Sensorik"}

    Organisation.objects.filter(name="Reiher Sensorik").delete()
    assert names_found("reiher") == {"Reiher Robotik"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_run_create_restores_the_index_after_a_table_rebuild():
    """A rebuild of the table drops its triggers: rows written then are
    missing from the index until run_create restores the triggers and
    indexes the rows again."""
    with connection.cursor() as cursor:
        for name in text_index.trigger_names("contacts_organisation"):
            cursor.execute(f"DROP TRIGGER {name}")
    written_meanwhile = OrganisationFactory(name="Pirol Analytik")
    assert found(Organisation, ("name",), "pirol") == set()

    editor = SimpleNamespace(
        connection=connection, execute=lambda sql: connection.cursor().execute(sql)
    )
    text_index.run_create(None, editor)
    assert found(Organisation, ("name",), "pirol") == {written_meanwhile.pk}
    OrganisationFactory(name="Pirol Optik")
    assert len(found(Organisation, ("name",), "pirol")) == 2
