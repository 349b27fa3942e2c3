"""Progress of targets at an as-of date (Stichtag), and the region matrix.

Status rules, in this order:
- met (erreicht): the value reaches the target value;
- missed (verfehlt): the due date has passed and the target is not met;
- at risk (gefährdet): the value lies below the linear share of the target
  expected by the as-of date (target × elapsed part of [counted from, due]);
- on track (im Plan): otherwise.
A manual target counts 1 of 1 when its status is „erledigt“; until its due
date it is otherwise on track. A target whose metric is no longer in the
registry (e.g. a key removed from the code) has the status „nicht verfügbar“.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kiallianz.models import Region
from reporting import periods, selectors
from reporting.metrics import MetricResult, get_metric
from reporting.models import FundingProject, Target

MET = "met"
MISSED = "missed"
AT_RISK = "at_risk"
ON_TRACK = "on_track"
UNAVAILABLE = "unavailable"

STATUS_LABELS = {
    MET: _("erreicht"),
    MISSED: _("verfehlt"),
    AT_RISK: _("gefährdet"),
    ON_TRACK: _("im Plan"),
    UNAVAILABLE: _("nicht verfügbar"),
}
# Bootstrap colour of each status.
STATUS_COLOURS = {
    MET: "success",
    MISSED: "danger",
    AT_RISK: "warning",
    ON_TRACK: "primary",
    UNAVAILABLE: "secondary",
}


class AsOfOutsideTerm(ValueError):
    """An as-of date before the start or after the end of the project."""


@dataclass
class Progress:
    target: Target
    value: int | None
    target_value: int
    status: str
    drilldown_url: str = ""
    expected: float = 0.0
    region: Region | None = None

    @property
    def percentage(self) -> int:
        if self.value is None or not self.target_value:
            return 0
        return round(100 * self.value / self.target_value)

    @property
    def bar_percentage(self) -> int:
        return min(self.percentage, 100)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def is_met(self) -> bool:
        return self.status == MET

    @property
    def missing(self) -> int:
        if self.value is None:
            return 0
        return max(self.target_value - self.value, 0)


@dataclass
class TargetRow:
    """A target with its progress; per-region targets also carry one per region."""

    target: Target
    progress: Progress
    regions: list[Progress] = field(default_factory=list)

    @property
    def regions_met(self) -> int:
        return sum(1 for cell in self.regions if cell.is_met)


def check_as_of(project: FundingProject, as_of: datetime.date) -> datetime.date:
    if not project.start_date <= as_of <= project.end_date:
        raise AsOfOutsideTerm(
            _(
                "Der Stichtag %(as_of)s liegt außerhalb der Projektlaufzeit "
                "(%(start)s bis %(end)s). Bitte ein Datum innerhalb der Laufzeit wählen."
            )
            % {
                "as_of": date_format(as_of, "SHORT_DATE_FORMAT"),
                "start": date_format(project.start_date, "SHORT_DATE_FORMAT"),
                "end": date_format(project.end_date, "SHORT_DATE_FORMAT"),
            }
        )
    return as_of


def default_as_of(project: FundingProject, today: datetime.date) -> datetime.date:
    return periods.clamp(today, start=project.start_date, end=project.end_date)


def decide_status(
    *,
    value: int,
    target_value: int,
    start: datetime.date,
    due: datetime.date,
    as_of: datetime.date,
) -> tuple[str, float]:
    """Status and the value expected by the as-of date (see the module docstring)."""
    if value >= target_value:
        return MET, float(target_value)
    if as_of > due:
        return MISSED, float(target_value)
    elapsed = (as_of - start).days / (due - start).days if due > start else 1.0
    share = min(max(elapsed, 0.0), 1.0)
    expected = target_value * share
    if value < expected:
        return AT_RISK, expected
    return ON_TRACK, expected


def target_progress(
    target: Target, *, as_of: datetime.date, region_ids: list[int] | None = None
) -> Progress:
    if not target.is_computed:
        # Done is done; before the due date a manual item has no linear share.
        value = 1 if target.manual_status == Target.ManualStatus.DONE else 0
        status = MET if value else (MISSED if as_of > target.due_date else ON_TRACK)
        return Progress(target, value, 1, status)
    metric = get_metric(target.metric_key)
    if metric is None:
        return Progress(target, None, target.target_value, UNAVAILABLE)
    result = metric.compute(
        start=target.start_date,
        end=target.due_date,
        as_of=as_of,
        region_ids=region_ids,
        params=target.metric_params,
    )
    return _progress_of(target, result, as_of=as_of)


def region_progress(target: Target, *, as_of: datetime.date, regions: list[Region]):
    """One Progress per region for a per-region target (one grouped query)."""
    metric = get_metric(target.metric_key)
    if metric is None:
        return [
            Progress(target, None, target.target_value, UNAVAILABLE, region=region)
            for region in regions
        ]
    results = metric.compute_by_region(
        start=target.start_date,
        end=target.due_date,
        as_of=as_of,
        region_ids=[region.id for region in regions],
        params=target.metric_params,
    )
    cells = []
    for region in regions:
        cell = _progress_of(target, results[region.id], as_of=as_of)
        cell.region = region
        cells.append(cell)
    return cells


def _progress_of(target: Target, result: MetricResult, *, as_of: datetime.date) -> Progress:
    if result.value is None:
        return Progress(target, None, target.target_value, UNAVAILABLE)
    status, expected = decide_status(
        value=result.value,
        target_value=target.target_value,
        start=target.start_date,
        due=target.due_date,
        as_of=as_of,
    )
    return Progress(
        target, result.value, target.target_value, status, result.drilldown_url, expected
    )


def overall_region_status(cells: list[Progress]) -> str:
    """A per-region target is met when every region met it."""
    statuses = {cell.status for cell in cells}
    if not cells or UNAVAILABLE in statuses:
        return UNAVAILABLE
    for status in (MISSED, AT_RISK, ON_TRACK):
        if status in statuses:
            return status
    return MET


def target_rows(targets, *, as_of: datetime.date, regions: list[Region]) -> list[TargetRow]:
    rows = []
    for target in targets:
        if target.scope == Target.Scope.REGION and target.is_computed:
            cells = region_progress(target, as_of=as_of, regions=regions)
            met = sum(1 for cell in cells if cell.is_met)
            summary = Progress(
                target,
                met,
                len(cells),
                overall_region_status(cells),
                expected=float(len(cells)),
            )
            rows.append(TargetRow(target, summary, cells))
        else:
            rows.append(TargetRow(target, target_progress(target, as_of=as_of)))
    return rows


@dataclass
class RegionMatrix:
    regions: list[Region]
    rows: list[TargetRow]  # only per-region targets

    def cells_for_region(self, region: Region) -> list[Progress]:
        return [cell for row in self.rows for cell in row.regions if cell.region == region]

    def region_lines(self) -> list[tuple[Region, list[Progress]]]:
        return [(region, self.cells_for_region(region)) for region in self.regions]


def region_matrix(rows: list[TargetRow], regions: list[Region]) -> RegionMatrix:
    return RegionMatrix(regions=regions, rows=[row for row in rows if row.regions])


def lacking_in_words(cells: list[Progress]) -> list[str]:
    """What a region still lacks, one sentence per target not yet met."""
    lines = []
    for cell in cells:
        if cell.is_met or cell.value is None:
            continue
        lines.append(
            str(
                _("%(target)s: noch %(missing)s bis %(due)s (%(due_label)s)")
                % {
                    "target": cell.target.title,
                    "missing": cell.missing,
                    "due": date_format(cell.target.due_date, "SHORT_DATE_FORMAT"),
                    "due_label": cell.target.due_label,
                }
            )
        )
    return lines


@dataclass
class WorkPackageProgress:
    work_package: object
    rows: list[TargetRow]


def work_package_progress(
    project: FundingProject, *, as_of: datetime.date, regions: list[Region]
) -> tuple[list[WorkPackageProgress], RegionMatrix]:
    """Each work package's targets as of the date, and the matrix of the per-region ones."""
    packages = list(selectors.work_packages_with_targets(project=project))
    result = []
    all_rows: list[TargetRow] = []
    for package in packages:
        rows = target_rows(package.targets.all(), as_of=as_of, regions=regions)
        all_rows.extend(rows)
        result.append(WorkPackageProgress(package, rows))
    return result, region_matrix(all_rows, regions)


def regions_phrase(met, regions) -> str:
    """„2 von 6 Regionen“, „1 von 1 Region“ (a per-region target's progress)."""
    return ngettext(
        "%(met)s von %(regions)s Region", "%(met)s von %(regions)s Regionen", regions or 0
    ) % {"met": met, "regions": regions}
