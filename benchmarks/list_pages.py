"""Every list page from the demo data to 20,000 contacts: latency ratio.

    python benchmarks/list_pages.py [CONTACTS] [--postgres]

Loads the demo data into two throw-away databases side by side (SQLite in
memory, or with --postgres a fresh ``kiallianz_scale_bench`` and
``kiallianz_scale_bench_demo``), adds to one of them generated
organisations, persons and first contacts up to CONTACTS persons (default
20,000; about 6,800 organisations and 20,200 first contacts as in issue 14),
and times each list page as office staff in both, alternately: one request
to the demo, one to the larger data, 21 times each after one to warm up.
Prints per page the milliseconds before and after, the ratio (target ≤ 1.3)
and the queries; then the global search (a POST to /search/, target
≤ 100 ms at 20,000 contacts on PostgreSQL) for a few kinds of query.

The two sides are measured in turns so that whatever else the machine is
doing, and its speed of the moment, weigh on both alike: measured one after
the other, a ratio moved by ±0.3 between runs.

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
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from _database import backend_cpu, backend_pid, configure, record, second_database

BACKEND = configure()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
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


REPEAT = 21


@dataclass(frozen=True)
class Timing:
    wall: float  # ms, median
    cpu: float  # ms: least CPU of one request, this process and its database backend
    queries: int


class Side:
    """One of the two databases, with a client signed in there as office
    staff. ``use()`` makes it the database every query goes to."""

    def __init__(self, database) -> None:
        self.database = database
        self.use()
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--force", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        self.client = Client()
        self.client.force_login(User.objects.get(username="office"))

    def use(self) -> None:
        connections["default"] = self.database

    def get(self, url: str):
        self.use()
        return self.client.get(url)

    def post(self, url: str, data: dict):
        self.use()
        return self.client.post(url, data)


class Samples:
    """The requests of one side."""

    def __init__(self, side: Side, request) -> None:
        self.side, self.request = side, request
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.queries = 0
        side.use()
        self.pid = backend_pid()
        request()  # warm up

    def take(self) -> None:
        self.side.use()
        backend_started = backend_cpu(self.pid)
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = self.request()
            cpu = time.process_time() - cpu_started
            self.walls.append(time.perf_counter() - started)
        self.cpus.append(cpu + backend_cpu(self.pid) - backend_started)
        self.queries = len(queries.captured_queries)
        assert response.status_code == 200, response.status_code

    def timing(self) -> Timing:
        return Timing(statistics.median(self.walls) * 1000, min(self.cpus) * 1000, self.queries)


def timed_in_turns(*requests: tuple[Side, object]) -> list[Timing]:
    """Each (side, request) REPEAT times, in turns."""
    samples = [Samples(side, request) for side, request in requests]
    for _ in range(REPEAT):
        for sample in samples:
            sample.take()
    return [sample.timing() for sample in samples]


def comparable(side: Side, url: str) -> str:
    """``url``, or for a page past the end of the list the last full page:
    the same number of rows as a full deep page of the larger data."""
    parts = urlsplit(url)
    params = parse_qs(parts.query)
    if "page" not in params:
        return url
    page = side.get(url).context["listing"].page
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


def rows_shown(side: Side, url: str) -> int:
    return len(side.get(url).context["listing"].page.object_list)


@dataclass(frozen=True)
class Measured:
    demo_url: str
    demo: Timing
    large_url: str
    large: Timing
    # For a search page that shows fewer rows in the demo than a page holds
    # (``Robotik``: none) but a full page at 20,000: the demo's list
    # unfiltered, a full page, measured in turns with the search at 20,000.
    # There the rows drawn, not the amount of data, make much of the
    # difference. ``large_again``: the search at 20,000 in those turns.
    full_url: str | None = None
    full: Timing | None = None
    large_again: Timing | None = None


def measure(demo: Side, large: Side, url: str) -> Measured:
    demo_url, large_url = comparable(demo, url), comparable(large, url)
    small, big = timed_in_turns(
        (demo, lambda: demo.get(demo_url)), (large, lambda: large.get(large_url))
    )
    unfiltered = without_search(url)
    if unfiltered is None:
        return Measured(demo_url, small, large_url, big)
    shown = rows_shown(demo, url)
    full_rows = rows_shown(demo, unfiltered)
    if shown >= full_rows or rows_shown(large, url) < full_rows:
        return Measured(demo_url, small, large_url, big)
    full, again = timed_in_turns(
        (demo, lambda: demo.get(unfiltered)), (large, lambda: large.get(large_url))
    )
    return Measured(demo_url, small, large_url, big, unfiltered, full, again)


def measure_search(large: Side) -> dict[str, Timing]:
    return {
        query: timed_in_turns((large, lambda query=query: large.post("/search/", {"q": query})))[0]
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
    large = Side(connections["default"])
    grow(persons, random.Random(14))  # noqa: S311 (test data)
    vacuum()
    demo = Side(second_database("demo"))
    vacuum()
    measured = {url: measure(demo, large, url) for url in PAGES}
    searches = measure_search(large)
    counts = {}
    for side in (demo, large):
        side.use()
        counts[side] = (
            f"{Person.objects.count()} Personen / {FirstContact.objects.count()} Erstgespräche"
        )
    print(f"{BACKEND}: Demo {counts[demo]} → {counts[large]} (gemessen im Wechsel)")
    print(f"Load average: {' '.join(f'{load:.1f}' for load in os.getloadavg())}")
    print(
        f"{'Seite':52s} {'Demo':>7s} {'groß':>7s} {'Faktor':>6s}  "
        f"{'CPU Demo':>8s} {'groß':>7s} {'Faktor':>6s}  Abfragen"
    )
    for url, page in measured.items():
        small, large_timing = page.demo, page.large
        print(
            f"{url:52s} {small.wall:5.0f}ms {large_timing.wall:5.0f}ms "
            f"{large_timing.wall / small.wall:5.2f}×  "
            f"{small.cpu:6.0f}ms {large_timing.cpu:5.0f}ms {large_timing.cpu / small.cpu:5.2f}×  "
            f"{small.queries} → {large_timing.queries}"
        )
        for phase, actual in (("Demo", page.demo_url), ("groß", page.large_url)):
            if actual != url:
                print(f"    {phase}: gemessen als {actual} (letzte volle Seite)")
        ratio = large_timing.cpu / small.cpu
        if page.full is not None:
            # A search that shows no row in the demo: compared with a full page.
            ratio = page.large_again.cpu / page.full.cpu
            print(
                f"    gegen {page.full_url} der Demo (volle Seite; die Suche zeigt dort "
                f"weniger Zeilen): {page.full.cpu:.0f}ms CPU gegen "
                f"{page.large_again.cpu:.0f}ms → "
                f"{page.large_again.cpu / page.full.cpu:.2f}×"
            )
        record("list_pages", {url: {"cpu_ratio": ratio}})
    print(f"\nGlobale Suche (POST /search/, {BACKEND}, Median von {REPEAT}, CPU: Minimum)")
    for query, timing in searches.items():
        print(
            f"{query:52s} {timing.wall:5.0f}ms  CPU {timing.cpu:5.0f}ms  {timing.queries} Abfragen"
        )
        record("global_search", {query: {"ms": timing.wall}})


if __name__ == "__main__":
    main()
