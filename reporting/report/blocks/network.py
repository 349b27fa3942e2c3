"""AP2 blocks: first contacts, KI-Challenge rounds, partners."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import EventStatus
from kiallianz.models import Region
from partners import selectors as partner_selectors
from reporting import selectors as reporting_selectors
from reporting.models import Target
from reporting.progress import TargetRow, target_progress
from reporting.report import arguments
from reporting.report.blocks.common import region_ids
from reporting.report.blocks.coordination import target_line
from reporting.report.blocks.registry import (
    ReportContext,
    register,
)


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
            target_line(TargetRow(target, target_progress(target, as_of=ctx.as_of)))
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


@register(
    "ki_challenge",
    _("KI-Challenge: durchgeführte und geplante Runden"),
    rows=_round_rows,
    args=("region", "status", "zeitraum"),
)
def collect_ki_challenge(ctx: ReportContext) -> dict:
    period = ctx.args.get("zeitraum")
    held_in = arguments.held_window(ctx, period)
    held = event_selectors.ki_challenge_rounds_in_period(
        start=held_in.start, end=held_in.end, statuses=[EventStatus.HELD]
    )
    # Planned: not yet held at the as-of date, or begins after it.
    planned_in = arguments.planned_window(ctx, period)
    planned = event_selectors.ki_challenge_rounds_in_period(
        start=ctx.start if period != arguments.AFTER_AS_OF else planned_in.start,
        end=planned_in.end,
        statuses=[EventStatus.PLANNED],
    ) | event_selectors.ki_challenge_rounds_in_period(
        start=planned_in.start, end=planned_in.end, statuses=[EventStatus.HELD]
    )
    ids = region_ids(ctx)
    if ids is not None:
        held, planned = held.filter(region_id__in=ids), planned.filter(region_id__in=ids)
    status = ctx.args.get("status")
    return {
        "held": [] if status == arguments.PLANNED else list(held),
        "planned": [] if status == arguments.HELD else list(planned.order_by("start_date", "id")),
    }


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
