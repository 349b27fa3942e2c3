"""AP3–AP5 blocks: events by location, visibility, workshops, referrals, international."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import EventKind, EventStatus
from kiallianz.models import Region
from reporting.report import arguments
from reporting.report.blocks.common import (
    EVENT_ARGS,
    event_rows,
    held_events,
    planned_events,
    region_ids,
)
from reporting.report.blocks.registry import (
    REGIONAL_EVENT_KINDS,
    ReportContext,
    figure_pairs,
    register,
)


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


@register(
    "events_by_region",
    _("Veranstaltungen nach Standort (mit Bildern)"),
    rows=_regional_rows,
    args=EVENT_ARGS,
)
def collect_events_by_region(ctx: ReportContext) -> dict:
    held = held_events(event_selectors.events_in_period, ctx, kinds=REGIONAL_EVENT_KINDS)
    planned = planned_events(event_selectors.events_in_period, ctx, kinds=REGIONAL_EVENT_KINDS)
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


@register(
    "visibility",
    _("Messe- und Veranstaltungsteilnahmen (Sichtbarkeit)"),
    rows=event_rows,
    args=EVENT_ARGS,
)
def collect_visibility(ctx: ReportContext) -> dict:
    held = held_events(event_selectors.visibility_events_in_period, ctx)
    return {
        "held": held,
        "planned": planned_events(event_selectors.visibility_events_in_period, ctx),
        "figures": figure_pairs(ctx.figures_for(held)),
    }


# --- AP4 ----------------------------------------------------------------------


@register("workshops", _("Workshops (neue Themen, Fördermittel)"), rows=event_rows, args=EVENT_ARGS)
def collect_workshops(ctx: ReportContext) -> dict:
    held = held_events(event_selectors.workshops_in_period, ctx)
    planned = planned_events(event_selectors.workshops_in_period, ctx)
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


@register(
    "funding_referrals",
    _("Vermittlungen und Förderberatungen"),
    rows=_referral_rows,
    args=("region", "status", "zeitraum"),
)
def collect_funding_referrals(ctx: ReportContext) -> dict:
    window = arguments.held_window(ctx, ctx.args.get("zeitraum"))
    referred = contact_selectors.referred_first_contacts(start=window.start, end=window.end)
    if ctx.args.get("status") == arguments.PLANNED:
        referred = referred.none()
    ids = region_ids(ctx)
    if ids is not None:
        referred = referred.filter(region_id__in=ids)
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
        "consultations_held": held_events(event_selectors.funding_consultations_in_period, ctx),
        "consultations_planned": planned_events(
            event_selectors.funding_consultations_in_period, ctx
        ),
    }


# --- AP5 ----------------------------------------------------------------------


@register("international", _("Internationale Aktivitäten"), rows=event_rows, args=EVENT_ARGS)
def collect_international(ctx: ReportContext) -> dict:
    held = held_events(event_selectors.international_events_in_period, ctx)
    return {
        "held": held,
        "planned": planned_events(event_selectors.international_events_in_period, ctx),
        "figures": figure_pairs(ctx.figures_for(held)),
    }


@register(
    "events",
    _("Veranstaltungsliste (nach Art, Region, Status, Zeitraum)"),
    rows=event_rows,
    args=EVENT_ARGS,
)
def collect_events(ctx: ReportContext) -> dict:
    """Any events, chosen by the arguments; internal meetings only when asked for by kind."""
    include_internal = bool(ctx.args.get("art"))
    held = held_events(event_selectors.events_in_period, ctx, include_internal=include_internal)
    return {
        "held": held,
        "planned": planned_events(
            event_selectors.events_in_period, ctx, include_internal=include_internal
        ),
        "figures": figure_pairs(ctx.figures_for(held)),
    }
