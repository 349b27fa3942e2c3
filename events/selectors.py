"""Reads on the calendar. Other apps (partners, reporting) use only these.

Periods are inclusive: an event is "in" [start, end] when it begins on a
day within it. "Held as of" a date means status held and begun on or
before that date; "planned after" means not cancelled and beginning after.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Max, Q, QuerySet

from contacts.models import FirstContact
from contacts.selectors import first_contacts_in_period
from events.filters import EventFilter
from events.models import (
    INTERNAL_KINDS,
    WORKSHOP_KINDS,
    Event,
    EventKind,
    EventStatus,
    KIChallengeRound,
)
from kiallianz.permissions import writable_region_ids

INTERNATIONAL_WORK_PACKAGE = 5


def _with_relations(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("region").prefetch_related("co_organisers", "photos")


def events_for_organisation(*, organisation_id: int) -> QuerySet[Event]:
    """Events an organisation co-organised or took part in."""
    return (
        Event.objects.filter(
            Q(co_organisers__id=organisation_id) | Q(organisations__id=organisation_id)
        )
        .distinct()
        .select_related("region")
        .order_by("-start_date")
    )


def events_in_period(
    *,
    start: datetime.date,
    end: datetime.date,
    region_ids: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    size_category: str | None = None,
    public_only: bool = False,
    include_internal: bool = True,
) -> QuerySet[Event]:
    queryset = Event.objects.filter(start_date__gte=start, start_date__lte=end)
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    if kinds is not None:
        queryset = queryset.filter(kind__in=list(kinds))
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    if size_category:
        queryset = queryset.filter(size_category=size_category)
    if public_only:
        queryset = queryset.filter(is_public=True)
    if not include_internal:
        queryset = queryset.exclude(kind__in=INTERNAL_KINDS)
    return _with_relations(queryset).order_by("start_date", "start_time", "id")


def events_held_as_of(
    *, start: datetime.date, end: datetime.date, as_of: datetime.date, **filters
) -> QuerySet[Event]:
    """Held events in [start, end] that had begun by the as-of date."""
    return events_in_period(
        start=start, end=min(end, as_of), statuses=[EventStatus.HELD], **filters
    )


def events_planned_after(*, as_of: datetime.date, until: datetime.date, **filters):
    """Events not cancelled that begin after the as-of date, up to ``until``."""
    return events_in_period(
        start=as_of + datetime.timedelta(days=1),
        end=until,
        statuses=[EventStatus.PLANNED, EventStatus.HELD],
        **filters,
    )


def event_size_counts_by_region(
    *,
    start: datetime.date,
    end: datetime.date,
    statuses: Iterable[str] = (EventStatus.HELD,),
) -> dict[int | None, dict[str, int]]:
    """{region_id: {"small": n, "large": m}} of public-facing events (no internal meetings)."""
    rows = (
        Event.objects.filter(start_date__gte=start, start_date__lte=end, status__in=list(statuses))
        .exclude(kind__in=INTERNAL_KINDS)
        .values("region_id", "size_category")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts: dict[int | None, dict[str, int]] = {}
    for row in rows:
        bucket = counts.setdefault(row["region_id"], {"small": 0, "large": 0})
        bucket[row["size_category"]] = bucket.get(row["size_category"], 0) + row["count"]
    return counts


def visibility_events_in_period(*, start, end, **filters) -> QuerySet[Event]:
    """Trade fairs, talks, panels and conferences: where the alliance was seen."""
    kinds = [EventKind.TRADE_FAIR, EventKind.TALK, EventKind.CONFERENCE]
    return events_in_period(start=start, end=end, kinds=kinds, **filters)


def workshops_in_period(*, start, end, **filters) -> QuerySet[Event]:
    return events_in_period(start=start, end=end, kinds=list(WORKSHOP_KINDS), **filters)


def funding_consultations_in_period(*, start, end, **filters) -> QuerySet[Event]:
    return events_in_period(start=start, end=end, kinds=[EventKind.FUNDING_CONSULTATION], **filters)


def internal_meetings_in_period(*, start, end, **filters) -> QuerySet[Event]:
    return events_in_period(start=start, end=end, kinds=list(INTERNAL_KINDS), **filters)


def international_events_in_period(*, start, end, **filters) -> QuerySet[Event]:
    """Abroad, delegation visits, or counted for AP5 (internationalisation)."""
    return (
        events_in_period(start=start, end=end, **filters)
        .filter(
            Q(area=Event.Area.ABROAD)
            | Q(kind=EventKind.DELEGATION_VISIT)
            | Q(work_packages__number=INTERNATIONAL_WORK_PACKAGE)
        )
        .distinct()
    )


def ki_challenge_rounds_in_period(
    *,
    start: datetime.date,
    end: datetime.date,
    statuses: Iterable[str] | None = None,
) -> QuerySet[KIChallengeRound]:
    queryset = KIChallengeRound.objects.filter(start_date__gte=start, start_date__lte=end)
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    return (
        queryset.select_related("region").prefetch_related("partners").order_by("start_date", "id")
    )


# --- Calendar pages --------------------------------------------------------

FIRST_CONTACT_LINK_WINDOW_DAYS = 14


def event_filterset(
    *, params, default_region_ids: Iterable[int] | None = None, queryset=None
) -> EventFilter:
    """The agenda/month filters over ``params`` (a QueryDict).

    ``default_region_ids`` narrows to a community manager's own regions (and
    events without a region) while no ``region`` parameter was sent ("alle
    Regionen" sends an empty one).
    """
    if queryset is None:
        queryset = Event.objects.all()
    if default_region_ids is not None and "region" not in params:
        # Statewide events and those abroad concern every region.
        queryset = queryset.filter(
            Q(region_id__in=list(default_region_ids)) | Q(region__isnull=True)
        )
    queryset = queryset.select_related("region")
    return EventFilter(params, queryset=queryset)


def events_overlapping(
    queryset: QuerySet[Event], *, start: datetime.date, end: datetime.date
) -> QuerySet[Event]:
    """Events running on at least one day of [start, end] (multi-day ones too)."""
    return queryset.filter(start_date__lte=end, end_date__gte=start).order_by(
        "start_date", "start_time", "id"
    )


def event_for_page(*, pk: int) -> Event:
    return (
        Event.objects.select_related("region", "created_by")
        .prefetch_related(
            "co_organisers",
            "organisations",
            "speakers__organisation",
            "offers",
            "work_packages",
            "photos",
            "first_contacts__organisation",
            "ki_challenge_rounds",
        )
        .get(pk=pk)
    )


def first_contacts_linkable_to(*, event: Event) -> QuerySet[FirstContact]:
    """First contacts of the event's region around its dates, not yet linked."""
    window = datetime.timedelta(days=FIRST_CONTACT_LINK_WINDOW_DAYS)
    region_ids = [event.region_id] if event.region_id else None
    return first_contacts_in_period(
        start=event.start_date - window, end=event.end_date + window, region_ids=region_ids
    ).exclude(events=event)


def public_events(*, region_id: int | None = None) -> QuerySet[Event]:
    """Events the website may show: public ones only, never internal meetings."""
    queryset = Event.objects.filter(is_public=True).exclude(kind__in=INTERNAL_KINDS)
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    return queryset.select_related("region").order_by("start_date", "start_time", "id")


def public_events_version() -> str:
    """Changes whenever any event is saved, added or deleted: part of feed cache keys."""
    stats = Event.objects.aggregate(latest=Max("updated_at"), count=Count("id"))
    latest = stats["latest"].timestamp() if stats["latest"] else 0
    return f"{latest}-{stats['count']}"


def ki_challenge_rounds_for_list(
    *, region_ids: Iterable[int] | None = None
) -> QuerySet[KIChallengeRound]:
    queryset = KIChallengeRound.objects.all()
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    return queryset.select_related("region").prefetch_related("partners", "events")


def ki_challenge_rounds_overlapping(
    *, start: datetime.date, end: datetime.date, region_ids: Iterable[int] | None = None
) -> QuerySet[KIChallengeRound]:
    queryset = KIChallengeRound.objects.filter(start_date__lte=end).filter(
        Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start)
    )
    if region_ids is not None:
        queryset = queryset.filter(region_id__in=list(region_ids))
    return queryset.select_related("region").order_by("start_date", "id")


ORGANISATION_PANEL_LIMIT = 10


def organisation_panel_context(organisation, user=None) -> dict | None:
    """Events and KI-Challenge rounds of an organisation, for its contacts page
    (the same for every viewer: everyone signed in reads everything)."""
    events = list(
        events_for_organisation(organisation_id=organisation.pk)[:ORGANISATION_PANEL_LIMIT]
    )
    rounds = list(
        KIChallengeRound.objects.filter(partners=organisation)
        .select_related("region")
        .order_by("-start_date")[:ORGANISATION_PANEL_LIMIT]
    )
    if not events and not rounds:
        return None
    return {"events": events, "rounds": rounds}


# Occasion a first contact made at an event of this kind is filed under.
_CAPTURE_OCCASIONS = {
    EventKind.TRADE_FAIR: FirstContact.Occasion.TRADE_FAIR,
    EventKind.OWN_EVENT: FirstContact.Occasion.OWN_EVENT,
    EventKind.CO_ORGANISED: FirstContact.Occasion.OWN_EVENT,
    EventKind.WEBINAR: FirstContact.Occasion.DIGITAL_MEETING,
}


def capture_events_of_day(user, date: datetime.date) -> list[dict]:
    """Events running on ``date`` in the user's regions (all regions for the
    office), offered as the occasion on the capture screen."""
    events = Event.objects.filter(start_date__lte=date, end_date__gte=date).exclude(
        kind__in=INTERNAL_KINDS
    )
    events = events.exclude(status=EventStatus.CANCELLED)
    allowed = writable_region_ids(user)
    if allowed is not None:
        events = events.filter(Q(region_id__in=allowed) | Q(region__isnull=True))
    return [
        {
            "title": event.title,
            "occasion": _CAPTURE_OCCASIONS.get(event.kind, FirstContact.Occasion.EXTERNAL_EVENT),
        }
        for event in events.order_by("start_date", "start_time", "id")[:5]
    ]


def latest_talk_of_person():
    """Per person (``OuterRef("pk")``): the date of their latest talk (retention)."""
    from django.db.models import DateField, OuterRef, Subquery

    return Subquery(
        Event.speakers.through.objects.filter(person_id=OuterRef("pk"))
        .order_by("-event__start_date")
        .values("event__start_date")[:1],
        output_field=DateField(),
    )
