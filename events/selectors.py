"""Reads on the calendar. Other apps (partners, reporting) use only these.

Periods are inclusive: an event is "in" [start, end] when it begins on a
day within it. "Held as of" a date means status held and begun on or
before that date; "planned after" means not cancelled and beginning after.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from events.models import (
    INTERNAL_KINDS,
    WORKSHOP_KINDS,
    Event,
    EventKind,
    EventStatus,
    KIChallengeRound,
)

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


def trade_fairs_in_period(*, start, end, **filters) -> QuerySet[Event]:
    return events_in_period(start=start, end=end, kinds=[EventKind.TRADE_FAIR], **filters)


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
