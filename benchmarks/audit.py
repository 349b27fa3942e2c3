"""What the audit trail costs: writes per request and per saved record, and
an import with and without the change history.

    DEBUG=true python benchmarks/audit.py [ROWS]

Runs against a throw-away SQLite database in memory (the test settings).
Prints, for each measured path, the INSERT/UPDATE statements and how many
of them the history or the access log added; then the import of ROWS
generated rows (default 2,000; the issue's target is measured with 20,000)
with the history on and off.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings_test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from audit.models import AccessLogEntry  # noqa: E402
from benchmarks.import_contacts import REGIONS, generate  # noqa: E402
from contacts.importing import contacts_import  # noqa: E402
from contacts.models import FirstContact, Organisation, Person  # noqa: E402
from contacts.services import person_update  # noqa: E402
from kiallianz.history import record_changes  # noqa: E402
from kiallianz.models import Offer, Region, User  # noqa: E402

AUDIT_TABLES = ("historical", AccessLogEntry._meta.db_table)


def _writes(queries) -> tuple[int, int]:
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    audit = [sql for sql in writes if any(table in sql for table in AUDIT_TABLES)]
    return len(writes), len(audit)


def _measure(label: str, action) -> None:
    with CaptureQueriesContext(connection) as queries:
        action()
    total, audit = _writes(queries)
    print(f"{label:42s} {total:2d} Schreibzugriffe, davon Protokoll/Verlauf: {audit}")


def writes_per_request() -> None:
    office = User.objects.create(username="office", role=User.Role.OFFICE, is_staff=True)
    region = Region.objects.first()
    organisation = Organisation.objects.create(name="Mess GmbH", region=region)
    person = Person.objects.create(last_name="Messung", organisation=organisation)
    client = Client()
    client.force_login(office)
    _measure(
        "Personenseite ansehen",
        lambda: client.get(reverse("contacts:person_detail", args=[person.pk])),
    )
    _measure(
        "Personenliste als CSV",
        lambda: client.get(reverse("contacts:person_list"), {"format": "csv"}),
    )
    _measure(
        "Erstgespräche als XLSX",
        lambda: client.get(reverse("contacts:index"), {"format": "xlsx"}),
    )
    person.refresh_from_db()
    _measure(
        "Person bearbeiten (Seite)",
        lambda: client.post(
            reverse("contacts:person_edit", args=[person.pk]),
            {
                "last_name": "Messung2",
                "organisation": organisation.pk,
                "legal_basis": "legitimate_interest",
                "version": person.version,
            },
        ),
    )
    person.refresh_from_db()
    _measure(
        "person_update (Service)",
        lambda: person_update(person=person, version=person.version, function="Leitung"),
    )


def _fresh_database() -> User:
    call_command("flush", "--no-input", verbosity=0)
    for name in REGIONS:
        Region.objects.get_or_create(name=name, slug=name.lower())
    Offer.objects.get_or_create(name="KI-Challenge", slug="ki-challenge")
    return User.objects.create(username="cm-karlsruhe", role=User.Role.COMMUNITY_MANAGER)


def import_with_and_without_history(rows: int) -> None:
    data = generate(rows)
    for label, enabled in (("ohne Verlauf", False), ("mit Verlauf", True)):
        user = _fresh_database()
        with override_settings(SIMPLE_HISTORY_ENABLED=enabled):
            start = time.perf_counter()
            report = contacts_import(data=data, filename="bench.csv", user=user)
            seconds = time.perf_counter() - start
        assert report.ok, report.errors[:3]
        history = sum(m.history.count() for m in (Organisation, Person, FirstContact))
        print(
            f"Import {rows} Zeilen {label:13s} {seconds:6.2f} s  neu={report.created}  "
            f"Verlaufszeilen={history}"
        )


def bulk_history(rows: int) -> None:
    """What a bulk importer pays: record_changes after its own inserts."""
    _fresh_database()
    organisation = Organisation.objects.create(name="Bulk GmbH", region=Region.objects.first())
    persons = Person.objects.bulk_create(
        [Person(last_name=f"Bulk{n}", organisation=organisation) for n in range(rows)],
        batch_size=500,
    )
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        record_changes(persons, history_type="+")
    seconds = time.perf_counter() - start
    print(f"record_changes für {rows} Personen  {seconds:6.2f} s  {len(queries)} INSERTs")


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    call_command("migrate", verbosity=0)
    _fresh_database()
    writes_per_request()
    bulk_history(rows * 2)
    import_with_and_without_history(rows)


if __name__ == "__main__":
    main()
