"""Time the calendar pages and public feeds for N events.

    DEBUG=true python benchmarks/events_calendar.py [EVENTS]

Runs against a throw-away SQLite database in memory (the test settings), so
it never touches real data. Prints seconds, queries and size per page, and
for the feeds the first (uncached) and second (cached) request.
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

from events.models import Event, EventKind, EventStatus  # noqa: E402
from kiallianz.models import Region, User  # noqa: E402

KINDS = [EventKind.OWN_EVENT, EventKind.TRADE_FAIR, EventKind.TALK, EventKind.WORKSHOP_NEW_TOPICS]


def populate(count: int) -> User:
    regions = [
        Region.objects.create(name=name, slug=name.lower())
        for name in ("Karlsruhe", "Stuttgart", "Freiburg")
    ]
    office = User.objects.create_user("office", role="office")
    start = datetime.date(2024, 1, 1)
    Event.objects.bulk_create(
        Event(
            title=f"Veranstaltung {n}",
            kind=KINDS[n % len(KINDS)],
            start_date=start + datetime.timedelta(days=n % 730),
            end_date=start + datetime.timedelta(days=n % 730 + n % 3),
            start_time=datetime.time(18, 0) if n % 2 else None,
            region=regions[n % 3],
            status=EventStatus.HELD,
            is_public=bool(n % 2),
            public_description="Offen für alle Interessierten. " * 4,
        )
        for n in range(count)
    )
    return office


def measure(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - began
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries), len(response.content)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    setup_test_environment()
    call_command("migrate", verbosity=0)
    office = populate(count)
    client = Client()
    client.force_login(office)
    print(f"{count} Veranstaltungen")
    for label, url in (
        ("Liste (Seite 1)", "/events/"),
        ("Liste gefiltert", "/events/?region=1&kind=talk&date_after=2024-01-01"),
        ("Monat 2024-06", "/events/2024/6/"),
        ("iCal alle (neu)", "/events/feed.ics"),
        ("iCal alle (Cache)", "/events/feed.ics"),
        ("JSON alle (neu)", "/api/public/events.json"),
        ("JSON alle (Cache)", "/api/public/events.json"),
    ):
        seconds, queries, size = measure(client, url)
        print(f"{label:20} {seconds:7.3f} s {queries:3d} Abfragen {size / 1024:8.1f} KiB")


if __name__ == "__main__":
    main()
