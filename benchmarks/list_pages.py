"""Every list page from the demo data to 20,000 contacts: latency ratio.

    python benchmarks/list_pages.py [CONTACTS] [--postgres]

Loads the demo data into a throw-away database (SQLite in memory, or with
--postgres a fresh ``kiallianz_scale_bench``), times each list page as
office staff (11 requests after one to warm up), then adds
generated organisations, persons and first contacts up to CONTACTS persons
(default 20,000; about 6,800 organisations and 20,200 first contacts as in
issue 14) and times the same pages again. Prints per page the milliseconds
before and after, the ratio (target ≤ 1.3) and the queries; then the global
search (a POST to /search/, target ≤ 100 ms at 20,000 contacts on
PostgreSQL) for a few kinds of query.

A search page that shows fewer rows in the demo than a page holds (no
``Robotik`` there) but a full page at 20,000 is also compared with the
demo's unfiltered list, a full page: most of its difference is the rows
drawn, not the amount of data.

A deep page (``page=N``) that lies past the end of the demo's list is
measured there at the demo's last full page, named in the output: past the
end the list shows its last page, often with a few rows only (the quality
queue's has 7), and a page of 7 rows against one of 25 at 20,000 compares
unequal work. Where the demo has no full page, the URL is measured as is.

Beside the wall-clock time (median) each request's CPU time is measured:
what the benchmark process spent on it (``time.process_time``) plus, on
PostgreSQL, what the connection's database backend spent
(/proc/PID/schedstat, in nanoseconds); the least of the requests is
printed. Other jobs on the same cores inflate the wall time several times
and unevenly; they change the least CPU time far less, so its ratio is the
steadier figure on a shared machine.
"""

import datetime
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

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
from kiallianz.services import database_statistics_refresh  # noqa: E402

PAGES = [
    "/",
    "/contacts/",
    "/contacts/?page=50",
    "/contacts/?page=800",
    "/contacts/?q=Robotik",
    "/contacts/?q=Datenplattform",
    "/contacts/?q=Datenplattform&page=40",
    "/contacts/?sort=organisation&page=400",
    "/contacts/organisations/",
    "/contacts/organisations/?page=100",
    "/contacts/organisations/?page=270",
    "/contacts/organisations/?sort=-first_contacts",
    "/contacts/organisations/?sort=-last_contact&page=100",
    "/contacts/organisations/?q=GmbH",
    "/contacts/persons/",
    "/contacts/persons/?page=200",
    "/contacts/persons/?page=800",
    "/contacts/persons/?q=GmbH",
    "/contacts/persons/?q=Nachname12345",
    "/contacts/quality/",
    "/contacts/quality/?page=400",
    "/partners/",
    "/partners/?q=KI",
    "/events/",
    "/events/?q=KI",
]
SEARCHES = [
    "Robotik",  # many hits in every group
    "Nachname12345",  # one person
    "Müller",  # umlaut spelling, no hit in the generated data
    "Robtik",  # a typo
    "Firma 4711 Sensorik",  # several words
]
# A tenth of the generated first contacts mention Robotik (none of the demo's
# does), another tenth the Datenplattform (as a tenth of the demo's do).
CONTENTS = ["Gespräch über Robotik", "Austausch zur Datenplattform", *["Gespräch"] * 8]
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
            content=CONTENTS[n % len(CONTENTS)],
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


REPEAT = 11


@dataclass(frozen=True)
class Timing:
    wall: float  # ms, median
    cpu: float  # ms: least CPU of one request, this process and its database backend
    queries: int


def _backend_pid() -> int | None:
    """This connection's PostgreSQL backend process; None on SQLite."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _backend_cpu(pid: int | None) -> float:
    """Seconds of CPU the backend has used (/proc/PID/schedstat, in ns)."""
    if pid is None:
        return 0.0
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def timed(request) -> Timing:
    """Warm up once, then time REPEAT requests."""
    request()
    pid = _backend_pid()
    walls, cpus = [], []
    for _ in range(REPEAT):
        backend_started = _backend_cpu(pid)
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = request()
            cpu = time.process_time() - cpu_started
            walls.append(time.perf_counter() - started)
        cpus.append(cpu + _backend_cpu(pid) - backend_started)
        assert response.status_code == 200, response.status_code
    return Timing(statistics.median(walls) * 1000, min(cpus) * 1000, len(queries.captured_queries))


def comparable(client: Client, url: str) -> str:
    """``url``, or for a page past the end of the list the last full page:
    the same number of rows as a full deep page of the larger data."""
    parts = urlsplit(url)
    params = parse_qs(parts.query)
    if "page" not in params:
        return url
    page = client.get(url).context["listing"].page
    full_pages = page.paginator.count // page.paginator.per_page
    if page.number == int(params["page"][0]) and len(page.object_list) == page.paginator.per_page:
        return url
    if not full_pages:
        return url
    params["page"] = [str(full_pages)]
    return urlunsplit(parts._replace(query=urlencode(params, doseq=True)))


def without_search(url: str) -> str | None:
    """The list of a search page with the same sort, unfiltered; None for a
    page without a search."""
    parts = urlsplit(url)
    params = parse_qs(parts.query)
    if "q" not in params:
        return None
    del params["q"]
    return urlunsplit(parts._replace(query=urlencode(params, doseq=True)))


def rows_shown(client: Client, url: str) -> int:
    return len(client.get(url).context["listing"].page.object_list)


def measure(client: Client) -> dict[str, tuple[str, Timing]]:
    measured = {}
    for url in PAGES:
        actual = comparable(client, url)
        measured[url] = (actual, timed(lambda actual=actual: client.get(actual)))
    return measured


def full_page_references(client: Client) -> dict[str, tuple[str, Timing]]:
    """For a search page of the demo that shows fewer rows than a page holds
    (``Robotik``: none), its list unfiltered, which shows a full page. Where
    the search shows a full page at 20,000, the rows drawn, not the amount
    of data, make much of the difference, so the ratio is also printed
    against this full page."""
    references = {}
    for url in PAGES:
        unfiltered = without_search(url)
        if unfiltered and rows_shown(client, url) < rows_shown(client, unfiltered):
            references[url] = (unfiltered, timed(lambda u=unfiltered: client.get(u)))
    return references


def with_full_pages(client: Client, references: dict, full: dict) -> dict:
    """The references of the search pages that show a full page at 20,000."""
    return {url: ref for url, ref in references.items() if rows_shown(client, url) >= full[url]}


def measure_search(client: Client) -> dict[str, Timing]:
    return {
        query: timed(lambda query=query: client.post("/search/", {"q": query}))
        for query in SEARCHES
    }


def vacuum() -> None:
    """Fresh planner statistics, as a real import leaves them: on PostgreSQL
    autovacuum keeps them (and the visibility map, without which no
    index-only scan is possible); on SQLite the import runs ANALYZE
    (kiallianz.services.database_statistics_refresh). Without them the
    planner takes the 20,000 bulk-inserted rows for a few."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        database_statistics_refresh()


def main() -> None:
    persons = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--force", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    client = Client()
    client.force_login(User.objects.get(username="office"))
    vacuum()
    before = measure(client)
    references = full_page_references(client)
    full = {url: rows_shown(client, unfiltered) for url, (unfiltered, _t) in references.items()}
    demo = (Person.objects.count(), FirstContact.objects.count())
    grow(persons, random.Random(14))  # noqa: S311 (test data)
    vacuum()
    after = measure(client)
    references = with_full_pages(client, references, full)
    searches = measure_search(client)
    print(
        f"{BACKEND}: Demo {demo[0]} Personen / {demo[1]} Erstgespräche → "
        f"{Person.objects.count()} Personen / {FirstContact.objects.count()} Erstgespräche"
    )
    print(f"Load average: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    print(
        f"{'Seite':52s} {'Demo':>7s} {'groß':>7s} {'Faktor':>6s}  "
        f"{'CPU Demo':>8s} {'groß':>7s} {'Faktor':>6s}  Abfragen"
    )
    for url in PAGES:
        (small_url, small), (large_url, large) = before[url], after[url]
        print(
            f"{url:52s} {small.wall:5.0f}ms {large.wall:5.0f}ms {large.wall / small.wall:5.2f}×  "
            f"{small.cpu:6.0f}ms {large.cpu:5.0f}ms {large.cpu / small.cpu:5.2f}×  "
            f"{small.queries} → {large.queries}"
        )
        for phase, actual in (("Demo", small_url), ("groß", large_url)):
            if actual != url:
                print(f"    {phase}: gemessen als {actual} (letzte volle Seite)")
        if url in references:
            full_url, full = references[url]
            print(
                f"    gegen {full_url} der Demo (volle Seite; die Suche zeigt dort "
                f"weniger Zeilen): {full.cpu:.0f}ms CPU → {large.cpu / full.cpu:.2f}×"
            )
    print(f"\nGlobale Suche (POST /search/, {BACKEND}, Median von {REPEAT}, CPU: Minimum)")
    for query, timing in searches.items():
        print(
            f"{query:52s} {timing.wall:5.0f}ms  CPU {timing.cpu:5.0f}ms  {timing.queries} Abfragen"
        )


if __name__ == "__main__":
    main()
