import datetime
import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from contacts.tests.factories import PersonFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> dict:
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


@pytest.fixture
def public_events(region, other_region):
    timed = EventFactory(
        title="KI-Night",
        region=region,
        is_public=True,
        start_date=D(2024, 7, 4),
        start_time=datetime.time(18, 30),
        end_time=datetime.time(22, 0),
        public_description="Netzwerkabend",
        report_text="Interne Notiz: Budget knapp",
    )
    all_day = EventFactory(
        title="LEARNTEC",
        region=region,
        is_public=True,
        start_date=D(2024, 6, 4),
        end_date=D(2024, 6, 6),
        kind=EventKind.TRADE_FAIR,
    )
    cancelled = EventFactory(
        title="Abgesagter Workshop",
        region=other_region,
        is_public=True,
        status=EventStatus.CANCELLED,
    )
    EventFactory(title="Entwurf", region=region, is_public=False)
    EventFactory(title="Jour fixe", region=region, is_public=True, kind=EventKind.JOUR_FIXE)
    speaker = PersonFactory(first_name="Erika", last_name="Mustermann", email="erika@example.com")
    timed.speakers.add(speaker)
    return {"timed": timed, "all_day": all_day, "cancelled": cancelled}


class TestIcsFeed:
    def test_it_lists_only_public_events_with_stable_uids(self, client, public_events):
        first = vevents(parse(client.get(reverse("events:feed_all"))))
        second = vevents(parse(client.get(reverse("events:feed_all"))))
        assert set(first) == {"KI-Night", "LEARNTEC", "Abgesagter Workshop"}
        assert {k: str(v["UID"]) for k, v in first.items()} == {
            k: str(v["UID"]) for k, v in second.items()
        }
        assert str(first["KI-Night"]["UID"]) == f"{public_events['timed'].uid}@ki-allianz.de"

    def test_it_marks_cancelled_events(self, client, public_events):
        items = vevents(parse(client.get(reverse("events:feed_all"))))
        assert str(items["Abgesagter Workshop"]["STATUS"]) == "CANCELLED"
        assert str(items["KI-Night"]["STATUS"]) == "CONFIRMED"

    def test_it_gives_timed_events_a_berlin_tzid_and_a_vtimezone(self, client, public_events):
        response = client.get(reverse("events:feed_all"))
        calendar = parse(response)
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        assert b"DTSTART;TZID=Europe/Berlin:20240704T183000" in response.content
        start = vevents(calendar)["KI-Night"].decoded("DTSTART")
        assert start.utcoffset() == datetime.timedelta(hours=2)
        assert vevents(calendar)["KI-Night"]["DTSTAMP"].dt.tzinfo is not None

    def test_it_gives_all_day_events_date_values_with_exclusive_end(self, client, public_events):
        item = vevents(parse(client.get(reverse("events:feed_all"))))["LEARNTEC"]
        assert item.decoded("DTSTART") == D(2024, 6, 4)
        assert not isinstance(item.decoded("DTSTART"), datetime.datetime)
        assert item.decoded("DTEND") == D(2024, 6, 7)

    def test_it_carries_no_personal_data_or_internal_text(self, client, public_events):
        body = client.get(reverse("events:feed_all")).content.decode()
        assert "Mustermann" not in body
        assert "erika@example.com" not in body
        assert "Budget" not in body
        assert "Netzwerkabend" in body

    def test_it_raises_the_sequence_after_an_edit(self, client, public_events, office_user):
        from events.services import event_update

        event = public_events["timed"]
        before = vevents(parse(client.get(reverse("events:feed_all"))))["KI-Night"]
        event_update(user=office_user, event=event, data={"venue": "ZKM"}, version=event.version)
        after = vevents(parse(client.get(reverse("events:feed_all"))))["KI-Night"]
        assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
        assert str(before["UID"]) == str(after["UID"])
        assert "ZKM" in str(after["LOCATION"])

    def test_a_draft_appears_once_marked_public(self, client, public_events, office_user):
        from events.models import Event
        from events.services import event_update

        assert "Entwurf" not in vevents(parse(client.get(reverse("events:feed_all"))))
        draft = Event.objects.get(title="Entwurf")
        event_update(user=office_user, event=draft, data={"is_public": True}, version=1)
        assert "Entwurf" in vevents(parse(client.get(reverse("events:feed_all"))))

    def test_it_filters_by_region_slug(self, client, public_events):
        items = vevents(parse(client.get(reverse("events:feed_region", args=["freiburg"]))))
        assert set(items) == {"Abgesagter Workshop"}

    def test_it_answers_404_for_an_unknown_region(self, client, public_events):
        assert client.get(reverse("events:feed_region", args=["atlantis"])).status_code == 404


class TestJsonFeed:
    def test_it_lists_public_events_without_private_fields(self, client, public_events):
        response = client.get(reverse("events_json"))
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        data = json.loads(response.content)
        items = data["upcoming"] + data["past"]
        titles = {item["title"] for item in items}
        assert titles == {"KI-Night", "LEARNTEC", "Abgesagter Workshop"}
        body = response.content.decode()
        assert "Mustermann" not in body
        assert "erika@example.com" not in body
        assert "Budget" not in body
        night = next(item for item in items if item["title"] == "KI-Night")
        assert night["kind"] == {"key": "own_event", "label": "Eigene Veranstaltung"}
        assert night["region"] == {"slug": "karlsruhe", "name": "Karlsruhe"}
        assert night["public_description"] == "Netzwerkabend"
        assert set(night) >= {"start_date", "end_date", "venue", "city", "is_online", "url"}
        assert not {"description", "report_text", "speakers", "expected_participants"} & set(night)

    def test_it_splits_upcoming_and_past(self, client, region):
        EventFactory(title="Vorbei", region=region, is_public=True, start_date=D(2020, 1, 1))
        EventFactory(title="Bald", region=region, is_public=True, start_date=D(2099, 1, 1))
        data = json.loads(client.get(reverse("events_json")).content)
        assert [item["title"] for item in data["upcoming"]] == ["Bald"]
        assert [item["title"] for item in data["past"]] == ["Vorbei"]

    def test_it_filters_by_region_and_refuses_unknown_ones(self, client, public_events):
        data = json.loads(client.get(reverse("events_json"), {"region": "freiburg"}).content)
        assert [item["title"] for item in data["upcoming"] + data["past"]] == [
            "Abgesagter Workshop"
        ]
        assert client.get(reverse("events_json"), {"region": "atlantis"}).status_code == 404


class TestFeedCache:
    def test_a_repeated_request_is_served_from_the_cache(self, client, public_events):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(reverse("events:feed_all"))
        with CaptureQueriesContext(connection) as context:
            cached = client.get(reverse("events:feed_all"))
        # Only the cheap version lookup; the events are not read again.
        assert len(context.captured_queries) == 1
        assert b"KI-Night" in cached.content
