"""What the monitoring dashboard shows, gathered with a fixed number of queries.

The number of queries depends on the number of targets and regions, never
on the number of first contacts, events or other records counted.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import EventStatus, SizeCategory
from kiallianz import caching
from kiallianz.models import Region
from kiallianz.permissions import is_office, user_region_ids
from reporting import periods, selectors
from reporting.charts import BarChart, Series, bar_chart
from reporting.metrics import MetricResult, get_metric, list_url
from reporting.progress import (
    Progress,
    RegionMatrix,
    lacking_in_words,
    work_package_progress,
)

UPCOMING_DAYS = 60
UPCOMING_LIMIT = 8

# Figures of the chosen period on the office dashboard, in this order.
PERIOD_FIGURES = [
    "first_contacts",
    "organisations",
    "events_held",
    "ki_challenge_rounds",
    "transfer_projects",
    "communication_activities",
    "partners_new",
]


@dataclass
class Figure:
    label: str
    result: MetricResult


def period_figures(*, start: datetime.date, end: datetime.date) -> list[Figure]:
    """Each figure counts the records of [start, end] and links to them."""
    figures = []
    for key in PERIOD_FIGURES:
        metric = get_metric(key)
        figures.append(Figure(metric.label, metric.compute(start=start, end=end, as_of=end)))
    return figures


@dataclass
class RegionSummary:
    region: Region
    cells: list[Progress]
    lacking: list[str] = field(default_factory=list)


def region_summaries(matrix: RegionMatrix, region_ids: set[int]) -> list[RegionSummary]:
    return [
        RegionSummary(region, cells, lacking_in_words(cells))
        for region, cells in matrix.region_lines()
        if region.id in region_ids
    ]


def first_contacts_chart(
    *, start: datetime.date, end: datetime.date, regions: list[Region]
) -> BarChart:
    counts = contact_selectors.first_contact_counts_by_month(start=start, end=end)
    months = periods.months_between(start, end)
    categories = [
        formats.date_format(datetime.date(year, month, 1), "M y") for year, month in months
    ]
    ranges = [_month_in_period(year, month, start, end) for year, month in months]
    series = [
        Series(
            region.name,
            [counts.get(month, {}).get(region.id, 0) for month in months],
            links=[
                list_url(
                    "contacts:index",
                    [
                        ("region", str(region.id)),
                        ("date_after", first.isoformat()),
                        ("date_before", last.isoformat()),
                    ],
                )
                for first, last in ranges
            ],
        )
        for region in regions
    ]
    return bar_chart(
        title=_("Erstgespräche je Monat und Region"), categories=categories, series=series
    )


def _month_in_period(year, month, start, end) -> tuple[datetime.date, datetime.date]:
    first, last = periods.month_range(start=datetime.date(year, month, 1), number=1)
    return max(first, start), min(last, end)


def events_by_size_chart(
    *, start: datetime.date, end: datetime.date, regions: list[Region]
) -> BarChart:
    counts = event_selectors.event_size_counts_by_region(
        start=start, end=end, statuses=(EventStatus.HELD,)
    )
    keys: list[int | None] = [region.id for region in regions]
    categories = [region.name for region in regions]
    if None in counts:
        keys.append(None)
        categories.append(_("überregional"))
    period = [("date_after", start.isoformat()), ("date_before", end.isoformat())]
    series = [
        Series(
            str(label),
            [counts.get(key, {}).get(size, 0) for key in keys],
            links=[
                list_url(
                    "events:index",
                    [
                        ("region", str(key)),
                        ("status", "held"),
                        ("size_category", size),
                        ("internal", "0"),
                        *period,
                    ],
                )
                if key is not None
                else ""
                for key in keys
            ],
        )
        for size, label in SizeCategory.choices
    ]
    return bar_chart(
        title=_("Durchgeführte Veranstaltungen je Region nach Größe"),
        categories=categories,
        series=series,
        stacked=False,
    )


def upcoming_events(*, user, today: datetime.date):
    region_ids = user_region_ids(user)
    return list(
        event_selectors.events_in_period(
            start=today,
            end=today + datetime.timedelta(days=UPCOMING_DAYS),
            region_ids=region_ids,
            statuses=[EventStatus.PLANNED],
            include_internal=False,
        )[:UPCOMING_LIMIT]
    )


def dashboard_header(
    *, project, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> dict:
    """The period and project month above the panels: no queries."""
    return {
        "project": project,
        "period_start": start,
        "period_end": end,
        "as_of": as_of,
        "project_month": periods.month_number(start=project.start_date, day=as_of),
        "month_count": periods.month_count(start=project.start_date, end=project.end_date),
        "mid_term": periods.mid_term(start=project.start_date, end=project.end_date),
    }


def dashboard_context(
    *,
    user,
    project,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date,
    today: datetime.date,
) -> dict:
    regions = selectors.regions_for_matrix()
    packages, matrix = work_package_progress(project, as_of=as_of, regions=regions)
    context = {
        **dashboard_header(project=project, start=start, end=end, as_of=as_of),
        "packages": packages,
        "matrix": matrix,
        "is_office": is_office(user),
    }
    if is_office(user):
        context["figures"] = period_figures(start=start, end=end)
        context["charts"] = [
            first_contacts_chart(start=start, end=end, regions=regions),
            events_by_size_chart(start=start, end=end, regions=regions),
        ]
    else:
        context["my_regions"] = region_summaries(matrix, user_region_ids(user))
        context["upcoming_events"] = upcoming_events(user=user, today=today)
        context["follow_up_count"] = selectors.due_follow_up_count(user=user, today=today)
        context["follow_ups_url"] = list_url("contacts:follow_ups", [])
    return context


OFFICE_PANELS_TEMPLATE = "reporting/includes/office_panels.html"


def office_panels(**arguments) -> str:
    """The office dashboard's figures, targets, region matrix and charts as
    HTML (``arguments`` as for ``dashboard_context``). They are the same for
    all office staff, so they are rendered once and kept in the cache while
    no write has committed since (the data generation, kiallianz/caching.py),
    for at most RESPONSE_CACHE_SECONDS."""

    def render() -> str:
        return render_to_string(OFFICE_PANELS_TEMPLATE, dashboard_context(**arguments))

    if not caching.response_cache_enabled():
        return render()
    dates = ":".join(arguments[name].isoformat() for name in ("start", "end", "as_of", "today"))
    key = f"dashboard:office:{get_language()}:{arguments['project'].pk}:{dates}"
    return caching.get_or_build_current(key, render, settings.RESPONSE_CACHE_SECONDS)
