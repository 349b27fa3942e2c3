"""Time the first-contact list export (CSV and XLSX) for N rows.

    DEBUG=true python benchmarks/contacts_export.py [ROWS]

Runs against a throw-away SQLite database in memory (the test settings), so
it never touches real data. Prints seconds, queries and size per format.
"""

import datetime
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
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from contacts.models import FirstContact, FirstContactPotential, Organisation, Person  # noqa: E402
from kiallianz.models import Offer, Region, User  # noqa: E402


def populate(rows: int) -> User:
    region = Region.objects.create(name="Karlsruhe", slug="karlsruhe")
    offers = [Offer.objects.create(name=f"Angebot {n}", slug=f"angebot-{n}") for n in range(4)]
    manager = User.objects.create_user("cm-karlsruhe", role="community_manager")
    manager.regions.set([region])
    Organisation.objects.bulk_create(
        Organisation(name=f"Beispiel {n} GmbH", normalized_name=f"beispiel {n}", region=region)
        for n in range(rows)
    )
    organisations = list(Organisation.objects.order_by("pk"))
    Person.objects.bulk_create(
        Person(first_name="Vorname", last_name=f"Nachname {n}", organisation=o)
        for n, o in enumerate(organisations)
    )
    persons = list(Person.objects.order_by("pk"))
    FirstContact.objects.bulk_create(
        FirstContact(
            date=datetime.date(2024, 3, 1) + datetime.timedelta(days=n % 360),
            region=region,
            organisation=o,
            community_manager=manager,
            content="Vorstellung der Angebote; Interesse an der KI-Challenge. " * 3,
        )
        for n, o in enumerate(organisations)
    )
    contacts = list(FirstContact.objects.order_by("pk"))
    through = FirstContact.offers.through
    through.objects.bulk_create(
        through(firstcontact_id=fc.pk, offer_id=offers[n % 4].pk) for n, fc in enumerate(contacts)
    )
    FirstContact.persons.through.objects.bulk_create(
        FirstContact.persons.through(firstcontact_id=fc.pk, person_id=p.pk)
        for fc, p in zip(contacts, persons, strict=True)
    )
    FirstContactPotential.objects.bulk_create(
        FirstContactPotential(first_contact_id=fc.pk, potential="speaker") for fc in contacts
    )
    return manager


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    manager = populate(rows)
    client = Client()
    client.force_login(manager)
    for fmt in ("csv", "xlsx"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/contacts/", {"format": fmt})
            seconds = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        print(
            f"{fmt}: {rows} Zeilen in {seconds:.2f} s, {len(queries.captured_queries)} Abfragen, "
            f"{len(response.content) / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
