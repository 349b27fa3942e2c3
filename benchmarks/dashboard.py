"""Dashboard speed as first contacts and events grow.

Run: python benchmarks/dashboard.py [N ...]   (default 100 1000 5000)

Builds a throw-away test database, loads the demo targets, adds N first
contacts and N events spread over the regions and 2024, and prints the
number of queries and the time of one dashboard request for office staff.
"""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

from contacts.tests.factories import FirstContactFactory, OrganisationFactory  # noqa: E402
from events.tests.factories import EventFactory  # noqa: E402
from kiallianz.models import Region, User  # noqa: E402


def add_records(count: int) -> None:
    regions = list(Region.objects.filter(is_thematic=False))
    manager = User.objects.filter(role=User.Role.COMMUNITY_MANAGER).first()
    organisation = OrganisationFactory(region=regions[0])
    for index in range(count):
        region = regions[index % len(regions)]
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=index % 365)
        FirstContactFactory(
            date=day, region=region, organisation=organisation, community_manager=manager
        )
        EventFactory(start_date=day, region=region)


def main(sizes: list[int]) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        settings.DEBUG = True
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        client = Client()
        client.force_login(User.objects.get(username="office"))
        done = 0
        print(f"{'Datensätze':>10} {'Abfragen':>9} {'ms':>8}")
        for size in sizes:
            add_records(size - done)
            done = size
            client.get("/", {"as_of": "2024-12-31", "year": "2024"})  # warm up
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/", {"as_of": "2024-12-31", "year": "2024"})
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            print(f"{size:>10} {len(queries):>9} {elapsed:>8.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 1000, 5000])
