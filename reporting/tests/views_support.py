"""Helpers shared by the view tests of this app."""

import datetime

from contacts.tests.factories import FirstContactFactory
from events.models import EventStatus
from events.tests.factories import EventFactory

DASHBOARD = "/"


def make_records(count, region, other_region):
    for index in range(count):
        day = datetime.date(2024, 1 + index % 12, 1 + index % 27)
        where = region if index % 2 else other_region
        FirstContactFactory(date=day, region=where)
        EventFactory(start_date=day, region=where, status=EventStatus.HELD)
