"""Helpers shared by the blocks."""

from django.utils.translation import gettext

from events.models import EventStatus
from kiallianz.models import Region
from reporting.report import arguments
from reporting.report.blocks.registry import (
    ReportContext,
)

# Relative to the as-of date: what begins after it is planned, even when its
# record already says held (rendering an earlier as-of date).
PLANNED_STATUSES = (EventStatus.PLANNED, EventStatus.HELD)

EVENT_ARGS = ("region", "art", "status", "zeitraum")


def region_ids(ctx: ReportContext) -> list[int] | None:
    """The region a placed block is limited to (``region=<slug>``), else None."""
    slug = ctx.args.get("region")
    if not slug:
        return None
    return list(Region.objects.filter(slug=slug).values_list("id", flat=True))


def _narrowed(queryset, ctx: ReportContext):
    ids = region_ids(ctx)
    if ids is not None:
        queryset = queryset.filter(region_id__in=ids)
    if ctx.args.get("art"):
        queryset = queryset.filter(kind__in=ctx.args["art"])
    return queryset


def held_events(selector, ctx: ReportContext, **filters) -> list:
    if ctx.args.get("status") == arguments.PLANNED:
        return []
    window = arguments.held_window(ctx, ctx.args.get("zeitraum"))
    if window.empty:
        return []
    queryset = selector(start=window.start, end=window.end, statuses=[EventStatus.HELD], **filters)
    return list(_narrowed(queryset, ctx))


def planned_events(selector, ctx: ReportContext, **filters) -> list:
    if ctx.args.get("status") == arguments.HELD:
        return []
    window = arguments.planned_window(ctx, ctx.args.get("zeitraum"))
    if window.empty:
        return []
    queryset = selector(start=window.start, end=window.end, statuses=PLANNED_STATUSES, **filters)
    return list(_narrowed(queryset, ctx))


def place_of(event) -> str:
    if event.is_online:
        return gettext("online")
    return event.city or (event.region.name if event.region else "")


def event_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Datum"),
        gettext("Titel"),
        gettext("Art"),
        gettext("Ort"),
        gettext("Region"),
        gettext("Status"),
    ]
    rows = [
        [
            event.start_date,
            event.title,
            event.get_kind_display(),
            place_of(event),
            event.region.name if event.region else "",
            event.get_status_display(),
        ]
        for event in [*data["held"], *data["planned"]]
    ]
    return headers, rows
