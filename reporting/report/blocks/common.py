"""Helpers shared by the blocks."""

from django.utils.translation import gettext

from events.models import EventStatus
from reporting.report.blocks.registry import (
    ReportContext,
)


def held_events(selector, ctx: ReportContext, **filters) -> list:
    return list(selector(start=ctx.start, end=ctx.as_of, statuses=[EventStatus.HELD], **filters))


def planned_events(selector, ctx: ReportContext, **filters) -> list:
    return list(
        selector(
            start=ctx.after_as_of,
            end=ctx.planned_until,
            statuses=[EventStatus.PLANNED],
            **filters,
        )
    )


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
