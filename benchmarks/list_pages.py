"""Every list page from the demo data to 20,000 contacts: latency ratio.

    python benchmarks/list_pages.py [CONTACTS] [--postgres]

Loads the demo data into a throw-away database (SQLite in memory, or with
--postgres a fresh ``kiallianz_scale_bench``), times each list page as
office staff (median of 5 requests, after one to warm up), then adds
generated organisations, persons and first contacts up to CONTACTS persons
(default 20,000; about 6,800 organisations and 20,200 first contacts as in
issue 14) and times the same pages again. Prints per page the milliseconds
before and after, the ratio (target ≤ 1.3) and the queries; then the global
search (a POST to /search/, target ≤ 100 ms at 20,000 contacts on
PostgreSQL) for a few kinds of query.
"""

import datetime
import random
import statistics
import sys
import time

from _database import configure

BACKEND = configure()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from contacts.models import FirstContact, Organisation, Person  # noqa: E402
from contacts.normalize import normalize_organisation_name  # noqa: E402
from kiallianz.models import Region, User  # noqa: E402

PAGES = [
    "/",
    "/contacts/",
    "/contacts/?page=50",
    "/contacts/?q=Robotik",
    "/contacts/organisations/",
    "/contacts/organisations/?page=100",
    "/contacts/organisations/?sort=-first_contacts",
    "/contacts/persons/",
    "/contacts/persons/?page=200",
    "/contacts/quality/",
    "/partners/",
    "/events/",
]
SEARCHES = [
    "Robotik",  # many hits in every group
    "Nachname12345",  # one person
    "Müller",  # umlaut spelling, no hit in the generated data
    "Robtik",  # a typo
    "Firma 4711 Sensorik",  # several words
]
WORDS = ["Robotik", "Sensorik", "Analytik", "Software", "Logistik", "Optik", "Daten", "Metall"]


def grow(persons: int, rng: random.Random) -> None:
    regions = list(Region.objects.all())
    manager = User.objects.filter(role=User.Role.COMMUNITY_MANAGER).first()
    organisations = [
        Organisation(
            name=f"Firma {n} {rng.choice(WORDS)} GmbH",
            normalized_name=normalize_organisation_name(f"Firma {n} {rng.choice(WORDS)}"),
            city="Karlsruhe",
            region=rng.choice(regions),
        )
        for n in range(persons // 3)
    ]
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    people = [
        Person(
            first_name=f"Vorname{n}",
            last_name=f"Nachname{n}",
            email=f"p{n}@firma{n // 3}.de",
            organisation=organisations[n % len(organisations)],
        )
        for n in range(persons)
    ]
    Person.objects.bulk_create(people, batch_size=1000)
    start = datetime.date(2024, 1, 1)
    contacts = [
        FirstContact(
            date=start + datetime.timedelta(days=rng.randrange(400)),
            organisation=person.organisation,
            region=person.organisation.region,
            community_manager=manager,
            content="Gespräch über Robotik" if n % 10 == 0 else "Gespräch",
        )
        for n, person in enumerate(people)
    ]
    FirstContact.objects.bulk_create(contacts, batch_size=1000)
    links = FirstContact.persons.through
    links.objects.bulk_create(
        [
            links(firstcontact_id=c.pk, person_id=p.pk)
            for c, p in zip(contacts, people, strict=True)
        ],
        batch_size=1000,
    )


def measure(client: Client) -> dict[str, tuple[float, int]]:
    results = {}
    for url in PAGES:
        client.get(url)
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        results[url] = (statistics.median(times) * 1000, len(queries.captured_queries))
    return results


def measure_search(client: Client) -> dict[str, tuple[float, int]]:
    results = {}
    for query in SEARCHES:
        client.post("/search/", {"q": query})
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.post("/search/", {"q": query})
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (query, response.status_code)
        results[query] = (statistics.median(times) * 1000, len(queries.captured_queries))
    return results


def main() -> None:
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--force", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = Client()
    client.force_login(User.objects.get(username="office"))
    before = measure(client)
    demo = (Person.objects.count(), FirstContact.objects.count())
    grow(persons, random.Random(14))  # noqa: S311 (test data)
    after = measure(client)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them after a real import; without
        # them the planner takes the 20,000 bulk-inserted rows for a few.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    searches = measure_search(client)
    print(
        f"{BACKEND}: Demo {demo[0]} Personen / {demo[1]} Erstgespräche → "
        f"{Person.objects.count()} Personen / {FirstContact.objects.count()} Erstgespräche"
    )
    print(f"{'Seite':48s} {'Demo':>8s} {'groß':>8s} {'Faktor':>7s}  Abfragen")
    for url in PAGES:
        (small, small_queries), (large, large_queries) = before[url], after[url]
        print(
            f"{url:48s} {small:6.0f}ms {large:6.0f}ms {large / small:6.2f}×  "
            f"{small_queries} → {large_queries}"
        )
    print(f"\nGlobale Suche (POST /search/, {BACKEND}, Median von 5)")
    for query, (milliseconds, queries) in searches.items():
        print(f"{query:48s} {milliseconds:6.0f}ms  {queries} Abfragen")


if __name__ == "__main__":
    main()
