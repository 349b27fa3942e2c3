"""Public calendar feeds (iCal and JSON) for the website and calendar apps.

Only public events, and of those only what the public may see: title,
dates, place, kind, status and the public description. Never speakers,
organisations, participant counts, the report text or notes.
"""

import datetime
import json
import zoneinfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events import selectors
from events.models import Event, EventStatus
from kiallianz import caching
from kiallianz.feedcache import public_feed
from kiallianz.models import Region

UID_DOMAIN = "ki-allianz.de"
PRODID = "-//KI-Allianz Baden-Württemberg eG//Veranstaltungskalender//DE"
BERLIN = zoneinfo.ZoneInfo(settings.TIME_ZONE)
FEED_CACHE_SECONDS = 5 * 60


def event_uid(event: Event) -> str:
    return f"{event.uid}@{UID_DOMAIN}"


def _start_end(event: Event):
    """DTSTART/DTEND values: dates for all-day events (DTEND exclusive), else Berlin times."""
    if event.is_all_day:
        return event.start_date, event.end_date + datetime.timedelta(days=1)
    start = datetime.datetime.combine(event.start_date, event.start_time, tzinfo=BERLIN)
    if event.end_time:
        end = datetime.datetime.combine(event.end_date, event.end_time, tzinfo=BERLIN)
    elif event.end_date > event.start_date:
        end = datetime.datetime.combine(
            event.end_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=BERLIN
        )
    else:
        end = None
    return start, end


def location_text(event: Event) -> str:
    parts = [part for part in (event.venue, event.city) if part]
    if event.country and event.area == Event.Area.ABROAD:
        parts.append(event.country)
    if event.is_online:
        parts.append("online")
    return ", ".join(parts)


def build_ics(events, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    first_day = last_day = None
    for event in events:
        item = CalendarEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        item.add("sequence", event.sequence)
        item.add("summary", event.title)
        start, end = _start_end(event)
        item.add("dtstart", start)
        if end is not None:
            item.add("dtend", end)
        item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        item.add("categories", [str(event.get_kind_display())])
        location = location_text(event)
        if location:
            item.add("location", location)
        if event.public_description:
            item.add("description", event.public_description)
        if event.url:
            item.add("url", event.url)
        calendar.add_component(item)
        first_day = min(first_day or event.start_date, event.start_date)
        last_day = max(last_day or event.end_date, event.end_date)
    if first_day is not None:
        # Only the transitions the events need, not 1970–2038.
        calendar.add_missing_timezones(
            first_date=first_day - datetime.timedelta(days=366),
            last_date=last_day + datetime.timedelta(days=366),
        )
    return calendar.to_ical()


def event_json(event: Event, *, today: datetime.date) -> dict:
    return {
        "uid": event_uid(event),
        "title": event.title,
        "kind": {"key": event.kind, "label": str(event.get_kind_display())},
        "status": {"key": event.status, "label": str(event.get_status_display())},
        "region": (
            {"slug": event.region.slug, "name": event.region.name} if event.region_id else None
        ),
        "area": event.area,
        "all_day": event.is_all_day,
        "start_date": event.start_date.isoformat(),
        "start_time": event.start_time.isoformat("minutes") if event.start_time else None,
        "end_date": event.end_date.isoformat(),
        "end_time": event.end_time.isoformat("minutes") if event.end_time else None,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
        "is_online": event.is_online,
        "public_description": event.public_description,
        "url": event.url,
        "upcoming": event.end_date >= today,
    }


PAST_EVENTS_LIMIT = 200


def build_json(events) -> dict:
    """All upcoming public events (soonest first) and the latest past ones (newest first)."""
    today = timezone.localdate()
    items = [event_json(event, today=today) for event in events]
    past = [item for item in reversed(items) if not item["upcoming"]]
    return {
        "upcoming": [item for item in items if item["upcoming"]],
        "past": past[:PAST_EVENTS_LIMIT],
    }


# --- Views (public, no login) ----------------------------------------------------


def _region_by_slug_or_404(slug: str | None) -> Region | None:
    if slug is None:
        return None
    return get_object_or_404(Region, slug=slug)


def _cached(kind: str, region: Region | None, build) -> bytes:
    """Cached for a few minutes; the key changes with every event change."""
    scope = region.slug if region else "all"
    version = selectors.public_events_version()
    key = f"events:feed:{kind}:{scope}:{get_language()}:{version}"
    return caching.get_or_build(key, build, FEED_CACHE_SECONDS)


def _ics_response(request: HttpRequest, region: Region | None) -> HttpResponse:
    name = f"KI-Allianz {region.name}" if region else "KI-Allianz Baden-Württemberg"
    body = _cached(
        "ics",
        region,
        lambda: build_ics(
            selectors.public_events(region_id=region.id if region else None), name=name
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response


@require_safe
@public_feed()
def feed_all(request: HttpRequest) -> HttpResponse:
    return _ics_response(request, None)


@require_safe
@public_feed()
def feed_region(request: HttpRequest, slug: str) -> HttpResponse:
    return _ics_response(request, _region_by_slug_or_404(slug))


@require_safe
@public_feed(query=("region",))
def events_json(request: HttpRequest) -> HttpResponse:
    region = _region_by_slug_or_404(request.GET.get("region") or None)
    body = _cached(
        "json",
        region,
        lambda: json.dumps(
            build_json(selectors.public_events(region_id=region.id if region else None)),
            ensure_ascii=False,
        ),
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response
