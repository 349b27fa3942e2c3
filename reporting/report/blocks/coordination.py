"""AP1 blocks: meetings and the target status."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import selectors as event_selectors
from reporting import selectors as reporting_selectors
from reporting.models import Target
from reporting.progress import TargetRow, regions_phrase, work_package_progress
from reporting.report.blocks.common import (
    EVENT_ARGS,
    event_rows,
    held_events,
    planned_events,
)
from reporting.report.blocks.registry import (
    MEETING_KINDS,
    ReportContext,
    register,
)


@register(
    "meetings",
    _("Interne Treffen (Kick-off, Statustreffen, Projekttreffen)"),
    rows=event_rows,
    args=EVENT_ARGS,
)
def collect_meetings(ctx: ReportContext) -> dict:
    return {
        "held": held_events(event_selectors.events_in_period, ctx, kinds=MEETING_KINDS),
        "planned": planned_events(event_selectors.events_in_period, ctx, kinds=MEETING_KINDS),
    }


@dataclass
class TargetLine:
    """One line of the target table, as printed: values already in words."""

    title: str
    due_label: str
    due_date: datetime.date
    target_value: str
    value: str
    percent: int | None
    status: str
    status_label: str


def target_line(row: TargetRow) -> TargetLine:
    target, progress = row.target, row.progress
    if not target.is_computed:
        target_value, value, percent = "–", target.get_manual_status_display(), None
    elif row.regions:
        target_value = gettext("%(value)s je Region") % {"value": target.target_value}
        value = regions_phrase(progress.value, progress.target_value)
        percent = progress.percentage
    else:
        target_value = str(target.target_value)
        value = "–" if progress.value is None else str(progress.value)
        percent = None if progress.value is None else progress.percentage
    return TargetLine(
        title=target.title,
        # „Halbzeit“, „M26“, „Projektende“; a plain date needs no label.
        due_label="" if target.due_kind == Target.DueKind.DATE else target.due_label,
        due_date=target.due_date,
        target_value=target_value,
        value=value,
        percent=percent,
        status=progress.status,
        status_label=progress.status_label,
    )


def _target_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Arbeitspaket"),
        gettext("Ziel"),
        gettext("fällig"),
        gettext("Zielwert"),
        gettext("Wert"),
        gettext("Prozent"),
        gettext("Status"),
    ]
    rows = [
        [
            package["number"],
            line.title,
            line.due_date,
            line.target_value,
            line.value,
            line.percent,
            line.status_label,
        ]
        for package in data["packages"]
        for line in package["lines"]
    ]
    for target in data["matrix"]["targets"]:
        for cell in target["cells"]:
            rows.append(
                [
                    target["work_package"],
                    f"{target['title']}: {cell['region']}",
                    target["due_date"],
                    target["target_value"],
                    cell["value"],
                    cell["percent"],
                    cell["status_label"],
                ]
            )
    return headers, rows


@register("target_status", _("Zielstatus je Arbeitspaket"), rows=_target_rows)
def collect_target_status(ctx: ReportContext) -> dict:
    """The targets of the funding application with their status as of the Stichtag."""
    regions = reporting_selectors.regions_for_matrix()
    packages, matrix = work_package_progress(ctx.edition.project, as_of=ctx.as_of, regions=regions)
    return {
        "as_of": ctx.as_of,
        "packages": [
            {
                "number": package.work_package.number,
                "title": package.work_package.title,
                "lines": [target_line(row) for row in package.rows],
            }
            for package in packages
            if package.rows
        ],
        "matrix": {
            "regions": [region.name for region in matrix.regions],
            "targets": [
                {
                    "title": row.target.title,
                    "work_package": row.target.work_package.number,
                    "due_date": row.target.due_date,
                    "target_value": row.target.target_value,
                    "cells": [
                        {
                            "region": cell.region.name,
                            "value": cell.value,
                            "met": cell.is_met,
                            "percent": cell.percentage,
                            "status_label": cell.status_label,
                        }
                        for cell in row.regions
                    ],
                }
                for row in matrix.rows
            ],
        },
    }
