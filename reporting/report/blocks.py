"""Live data blocks of the report.

Each block has a key (stored in a section's ``block_keys``), a German label,
``collect(context) -> data`` reading the other apps through their selectors
only, a template rendering ``data`` in the document, and ``rows(data)`` giving
the same figures as a table for the XLSX export. ``collect`` runs in document
order, so figures („Bild N“) are numbered continuously through the report.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import EventKind, EventStatus
from kiallianz.models import Region
from partners import selectors as partner_selectors
from reporting import selectors as reporting_selectors
from reporting.models import Target
from reporting.progress import TargetRow, target_progress, work_package_progress

logger = logging.getLogger(__name__)

MEETING_KINDS = (EventKind.KICK_OFF, EventKind.STATUS_MEETING, EventKind.CROSS_PROJECT_MEETING)
REGIONAL_EVENT_KINDS = (EventKind.OWN_EVENT, EventKind.CO_ORGANISED, EventKind.HACKATHON)


@dataclass
class Figure:
    number: int
    caption: str
    credit: str
    url: str
    missing: bool
    photo_id: int
    event_title: str


@dataclass
class ReportContext:
    """What every block reads: the edition, the as-of date and the period."""

    edition: object
    as_of: datetime.date
    figures: list[Figure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _shown_photo_ids: set[int] = field(default_factory=set)

    @property
    def start(self) -> datetime.date:
        return self.edition.period_start

    @property
    def end(self) -> datetime.date:
        return self.edition.period_end

    @property
    def counted_until(self) -> datetime.date:
        """Figures "in the year" count up to the period end or the as-of date."""
        return min(self.end, self.as_of)

    @property
    def planned_until(self) -> datetime.date:
        project_end = self.edition.project.end_date
        return max(project_end, self.end + datetime.timedelta(days=366))

    @property
    def after_as_of(self) -> datetime.date:
        return self.as_of + datetime.timedelta(days=1)

    def figures_for(self, events: Iterable) -> list[Figure]:
        """Number the photos of these events (each photo once per report)."""
        figures = []
        for event in events:
            for photo in sorted(event.photos.all(), key=lambda p: (p.position, p.id)):
                if photo.id in self._shown_photo_ids:
                    continue
                self._shown_photo_ids.add(photo.id)
                figures.append(self._figure(photo, event))
        return figures

    def _figure(self, photo, event) -> Figure:
        missing = not photo.image or not default_storage.exists(photo.image.name)
        if missing:
            # Ids only: captions may name people.
            logger.warning("Berichtsfoto fehlt: photo_id=%s event_id=%s", photo.id, event.id)
            self.warnings.append(
                gettext("Bilddatei fehlt (Foto %(photo)s, Veranstaltung „%(event)s“).")
                % {"photo": photo.id, "event": event.title}
            )
        figure = Figure(
            number=len(self.figures) + 1,
            caption=photo.caption,
            credit=photo.credit,
            url="" if missing else photo.image.url,
            missing=missing,
            photo_id=photo.id,
            event_title=event.title,
        )
        self.figures.append(figure)
        return figure


@dataclass(frozen=True)
class DataBlock:
    key: str
    label: str
    template: str
    collect: Callable[[ReportContext], dict]
    rows: Callable[[dict], tuple[list[str], list[list]]]


BLOCKS: dict[str, DataBlock] = {}


def register(key: str, label, *, rows: Callable[[dict], tuple[list[str], list[list]]]):
    def decorator(collect: Callable[[ReportContext], dict]):
        BLOCKS[key] = DataBlock(
            key=key,
            label=label,
            template=f"reporting/report/blocks/{key}.html",
            collect=collect,
            rows=rows,
        )
        return collect

    return decorator


def get_block(key: str) -> DataBlock | None:
    return BLOCKS.get(key)


def block_choices() -> list[tuple[str, str]]:
    return [(block.key, block.label) for block in BLOCKS.values()]


def figure_pairs(figures: list[Figure]) -> list[list[Figure]]:
    """Two figures per row, as in the printed report."""
    return [figures[index : index + 2] for index in range(0, len(figures), 2)]


# --- helpers ----------------------------------------------------------------


def _held(selector, ctx: ReportContext, **filters) -> list:
    return list(selector(start=ctx.start, end=ctx.as_of, statuses=[EventStatus.HELD], **filters))


def _planned(selector, ctx: ReportContext, **filters) -> list:
    return list(
        selector(
            start=ctx.after_as_of,
            end=ctx.planned_until,
            statuses=[EventStatus.PLANNED],
            **filters,
        )
    )


def _place(event) -> str:
    if event.is_online:
        return gettext("online")
    return event.city or (event.region.name if event.region else "")


def _event_rows(data: dict) -> tuple[list[str], list[list]]:
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
            _place(event),
            event.region.name if event.region else "",
            event.get_status_display(),
        ]
        for event in [*data["held"], *data["planned"]]
    ]
    return headers, rows


# --- AP1 ----------------------------------------------------------------------


@register(
    "meetings", _("Interne Treffen (Kick-off, Statustreffen, Projekttreffen)"), rows=_event_rows
)
def collect_meetings(ctx: ReportContext) -> dict:
    return {
        "held": _held(event_selectors.events_in_period, ctx, kinds=MEETING_KINDS),
        "planned": _planned(event_selectors.events_in_period, ctx, kinds=MEETING_KINDS),
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


def _target_line(row: TargetRow) -> TargetLine:
    target, progress = row.target, row.progress
    if not target.is_computed:
        target_value, value, percent = "–", target.get_manual_status_display(), None
    elif row.regions:
        target_value = gettext("%(value)s je Region") % {"value": target.target_value}
        value = gettext("%(met)s von %(regions)s Regionen") % {
            "met": progress.value,
            "regions": progress.target_value,
        }
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
                "lines": [_target_line(row) for row in package.rows],
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


# --- AP2 ----------------------------------------------------------------------


def _first_contact_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [gettext("Kennzahl"), gettext("Wert")]
    rows = [
        [gettext("Erstgespräche im Berichtsjahr"), data["in_period"]],
        [gettext("Erstgespräche seit Projektbeginn bis zum Stichtag"), data["cumulative"]],
        [gettext("davon qualitätsgeprüft"), data["checked"]],
        *[
            [
                gettext("Ziel: %(title)s") % {"title": line.title},
                gettext("%(target)s (%(percent)s %% erreicht, %(status)s)")
                % {
                    "target": line.target_value,
                    "percent": line.percent,
                    "status": line.status_label,
                },
            ]
            for line in data["targets"]
        ],
        [gettext("Organisationen in der Datenbank zum Stichtag"), data["organisations"]],
    ]
    rows += [
        [
            gettext("Erstgespräche im Berichtsjahr: %(region)s") % {"region": row["region"]},
            row["count"],
        ]
        for row in data["regions"]
    ]
    return headers, rows


@register("first_contacts", _("Erstgespräche und Ziel zum Stichtag"), rows=_first_contact_rows)
def collect_first_contacts(ctx: ReportContext) -> dict:
    project_start = min(ctx.edition.project.start_date, ctx.start)
    in_period = contact_selectors.first_contacts_in_period(start=ctx.start, end=ctx.counted_until)
    by_region = contact_selectors.first_contact_counts_by_region(
        start=ctx.start, end=ctx.counted_until
    )
    checked_by_region = contact_selectors.first_contact_counts_by_region(
        start=ctx.start, end=ctx.counted_until, checked_only=True
    )
    regions = [
        {
            "region": region.name,
            "count": by_region.get(region.id, 0),
            "checked": checked_by_region.get(region.id, 0),
        }
        # Creation order is the order the report names the regions in.
        for region in Region.objects.order_by("id")
    ]
    cumulative = contact_selectors.first_contacts_in_period(
        start=project_start, end=ctx.as_of
    ).count()
    checked = contact_selectors.first_contacts_in_period(
        start=project_start, end=ctx.as_of, checked_only=True
    ).count()
    targets = reporting_selectors.targets_for_project(project=ctx.edition.project).filter(
        kind=Target.Kind.COMPUTED, metric_key="first_contacts", scope=Target.Scope.PROJECT
    )
    return {
        "in_period": in_period.count(),
        "cumulative": cumulative,
        "checked": checked,
        "targets": [
            _target_line(TargetRow(target, target_progress(target, as_of=ctx.as_of)))
            for target in targets.order_by("position", "id")
        ],
        "regions": regions,
        "organisations": contact_selectors.organisations_as_of(as_of=ctx.as_of).count(),
        "as_of": ctx.as_of,
    }


def _round_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Beginn"),
        gettext("Ende"),
        gettext("Titel"),
        gettext("Thema"),
        gettext("Region"),
        gettext("Veranstaltungsort"),
        gettext("Ort"),
        gettext("Status"),
    ]
    rows = [
        [
            r.start_date,
            r.end_date or r.start_date,
            r.title,
            r.theme,
            r.region.name,
            r.venue,
            r.city,
            r.get_status_display(),
        ]
        for r in [*data["held"], *data["planned"]]
    ]
    return headers, rows


@register("ki_challenge", _("KI-Challenge: durchgeführte und geplante Runden"), rows=_round_rows)
def collect_ki_challenge(ctx: ReportContext) -> dict:
    held = event_selectors.ki_challenge_rounds_in_period(
        start=ctx.start, end=ctx.as_of, statuses=[EventStatus.HELD]
    )
    planned = event_selectors.ki_challenge_rounds_in_period(
        start=ctx.start, end=ctx.planned_until, statuses=[EventStatus.PLANNED]
    )
    return {"held": list(held), "planned": list(planned)}


def _partner_row(partner) -> dict:
    if partner.is_statewide:
        region = gettext("landesweit")
    else:
        region = ", ".join(region.name for region in partner.regions.all())
    return {
        "name": partner.organisation.name,
        "category": partner.get_category_display(),
        "region": region,
    }


def _partner_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [gettext("Organisation"), gettext("Kategorie"), gettext("Region")]
    return headers, [[p["name"], p["category"], p["region"]] for p in data["partners"]]


@register("partners_new", _("Neue Partner:innen im Berichtszeitraum"), rows=_partner_rows)
def collect_partners_new(ctx: ReportContext) -> dict:
    partners = partner_selectors.partners_new_in_period(start=ctx.start, end=ctx.as_of)
    rows = map(_partner_row, partners.prefetch_related("regions"))
    return {"partners": sorted(rows, key=_by_name)}


@register("partners_active", _("Aktive Partner:innen zum Stichtag"), rows=_partner_rows)
def collect_partners_active(ctx: ReportContext) -> dict:
    partners = partner_selectors.partners_active_at(day=ctx.as_of)
    rows = map(_partner_row, partners.prefetch_related("regions"))
    return {"partners": sorted(rows, key=_by_name)}


def _by_name(row: dict) -> str:
    return row["name"].casefold()


# --- AP3 ----------------------------------------------------------------------


def _regional_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Region"),
        gettext("Datum"),
        gettext("Titel"),
        gettext("Art"),
        gettext("Größe"),
        gettext("Teilnehmende"),
        gettext("Status"),
    ]
    rows = []
    for group in data["groups"]:
        for event in [*group["held"], *group["planned"]]:
            rows.append(
                [
                    group["region"],
                    event.start_date,
                    event.title,
                    event.get_kind_display(),
                    event.get_size_category_display(),
                    event.actual_participants or event.expected_participants,
                    event.get_status_display(),
                ]
            )
    return headers, rows


@register("events_by_region", _("Veranstaltungen nach Standort (mit Bildern)"), rows=_regional_rows)
def collect_events_by_region(ctx: ReportContext) -> dict:
    held = _held(event_selectors.events_in_period, ctx, kinds=REGIONAL_EVENT_KINDS)
    planned = _planned(event_selectors.events_in_period, ctx, kinds=REGIONAL_EVENT_KINDS)
    order = {region.id: index for index, region in enumerate(Region.objects.order_by("id"))}
    groups: dict[int | None, dict] = {}
    for event in [*held, *planned]:
        group = groups.setdefault(
            event.region_id,
            {
                "region": event.region.name if event.region else gettext("Überregional"),
                "held": [],
                "planned": [],
            },
        )
        group["planned" if event.status == EventStatus.PLANNED else "held"].append(event)
    ordered = sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))
    result = []
    for _region_id, group in ordered:
        group["figures"] = figure_pairs(ctx.figures_for(group["held"]))
        result.append(group)
    return {"groups": result}


@register("visibility", _("Messe- und Veranstaltungsteilnahmen (Sichtbarkeit)"), rows=_event_rows)
def collect_visibility(ctx: ReportContext) -> dict:
    held = _held(event_selectors.visibility_events_in_period, ctx)
    return {
        "held": held,
        "planned": _planned(event_selectors.visibility_events_in_period, ctx),
        "figures": figure_pairs(ctx.figures_for(held)),
    }


# --- AP4 ----------------------------------------------------------------------


@register("workshops", _("Workshops (neue Themen, Fördermittel)"), rows=_event_rows)
def collect_workshops(ctx: ReportContext) -> dict:
    held = _held(event_selectors.workshops_in_period, ctx)
    planned = _planned(event_selectors.workshops_in_period, ctx)
    groups = []
    for kind in (EventKind.WORKSHOP_NEW_TOPICS, EventKind.FUNDING_WORKSHOP):
        groups.append(
            {
                "label": kind.label,
                "held": [e for e in held if e.kind == kind],
                "planned": [e for e in planned if e.kind == kind],
            }
        )
    return {"groups": groups, "held": held, "planned": planned}


def _referral_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Datum"),
        gettext("Organisation"),
        gettext("Region"),
        gettext("Vermittelt an"),
    ]
    rows = [
        [r["date"], r["organisation"], r["region"], r["referred_to"]] for r in data["referrals"]
    ]
    rows += [
        [e.start_date, e.title, e.region.name if e.region else "", gettext("Förderberatung")]
        for e in [*data["consultations_held"], *data["consultations_planned"]]
    ]
    return headers, rows


@register("funding_referrals", _("Vermittlungen und Förderberatungen"), rows=_referral_rows)
def collect_funding_referrals(ctx: ReportContext) -> dict:
    referred = contact_selectors.referred_first_contacts(start=ctx.start, end=ctx.as_of)
    # Organisation names only: persons and notes never reach the report.
    referrals = [
        {
            "date": contact.date,
            "organisation": contact.organisation.name,
            "region": contact.region.name if contact.region else "",
            "referred_to": contact.referral_offer.name,
        }
        for contact in referred
    ]
    return {
        "referrals": referrals,
        "consultations_held": _held(event_selectors.funding_consultations_in_period, ctx),
        "consultations_planned": _planned(event_selectors.funding_consultations_in_period, ctx),
    }


# --- AP5 ----------------------------------------------------------------------


@register("international", _("Internationale Aktivitäten"), rows=_event_rows)
def collect_international(ctx: ReportContext) -> dict:
    held = _held(event_selectors.international_events_in_period, ctx)
    return {
        "held": held,
        "planned": _planned(event_selectors.international_events_in_period, ctx),
        "figures": figure_pairs(ctx.figures_for(held)),
    }


# --- Figures --------------------------------------------------------------------


def _photo_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [
        gettext("Bild"),
        gettext("Bildunterschrift"),
        gettext("Bildnachweis"),
        gettext("Veranstaltung"),
    ]
    rows = [
        [f.number, f.caption, f.credit, f.event_title] for pair in data["figures"] for f in pair
    ]
    return headers, rows


@register("photos", _("Weitere Bilder aus dem Berichtszeitraum"), rows=_photo_rows)
def collect_photos(ctx: ReportContext) -> dict:
    held = _held(event_selectors.events_in_period, ctx)
    return {"figures": figure_pairs(ctx.figures_for(held))}
