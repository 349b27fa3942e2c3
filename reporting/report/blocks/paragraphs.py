"""Record paragraphs: the report's prose on single events, meetings,
KI-Challenge rounds, transfer projects and referrals, written from the
records.

Each paragraph is a lead sentence assembled from the record's fields – the
date or range in German, the place, co-organisers, participants, held or
planned relative to the as-of date – followed by the record's report text
(„Berichtstext“, written where the record is kept), the speakers and the
numbers of its photos („Bild N“), printed two per row after the paragraphs.
The report text therefore never needs to repeat a fact a field holds.

Planned records are printed only under a label that says they are planned.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import Event, EventKind, EventStatus
from kiallianz.models import Region
from reporting import selectors as reporting_selectors
from reporting.report import arguments
from reporting.report.blocks.common import (
    EVENT_ARGS,
    held_events,
    planned_events,
    region_ids,
)
from reporting.report.blocks.registry import (
    Figure,
    ReportContext,
    figure_pairs,
    register,
)

PARAGRAPH_ARGS = (*EVENT_ARGS, "ap")

# What the lead sentence calls a record of each kind (nominative, with article).
_KIND_NOUNS = {
    EventKind.WORKSHOP_NEW_TOPICS: _("der Workshop"),
    EventKind.FUNDING_WORKSHOP: _("der Workshop"),
    EventKind.FUNDING_CONSULTATION: _("die Förderberatung"),
    EventKind.KI_CHALLENGE: _("die KI-Challenge"),
    EventKind.HACKATHON: _("der Hackathon"),
    EventKind.DELEGATION_VISIT: _("der Delegationsbesuch"),
    EventKind.CONFERENCE: _("die Konferenz"),
    EventKind.WEBINAR: _("das Webinar"),
    EventKind.KICK_OFF: _("das Kick-off-Treffen"),
    EventKind.STATUS_MEETING: _("das Statustreffen"),
    EventKind.CROSS_PROJECT_MEETING: _("das projektübergreifende Treffen"),
    EventKind.JOUR_FIXE: _("der Jour fixe"),
}
_DEFAULT_NOUN = _("die Veranstaltung")
_NOUN_WHATEVER_ROLE = frozenset(
    {
        EventKind.DELEGATION_VISIT,
        EventKind.CONFERENCE,
        EventKind.WEBINAR,
        EventKind.KICK_OFF,
        EventKind.STATUS_MEETING,
        EventKind.CROSS_PROJECT_MEETING,
        EventKind.JOUR_FIXE,
    }
)


@dataclass
class RecordParagraph:
    """One record as printed: a bold title, then sentences (plain text,
    escaped by the template)."""

    title: str
    lead: str
    texts: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    planned: bool = False
    start: datetime.date | None = None
    region: str = ""

    @property
    def paragraphs(self) -> list[str]:
        """The printed paragraphs: the lead opens the first, the tail closes the last."""
        parts = [self.lead, *self.texts[:1]]
        rest = self.texts[1:]
        if rest:
            return [" ".join(parts), *rest[:-1], " ".join([rest[-1], *self.tail])]
        return [" ".join([*parts, *self.tail])]


@dataclass
class ParagraphGroup:
    heading: str
    held: list[RecordParagraph]
    planned: list[RecordParagraph]
    figures: list[list[Figure]]


# --- German phrases -------------------------------------------------------------


def day(value: datetime.date, *, with_year: bool = True) -> str:
    return formats.date_format(value, "DATE_FORMAT" if with_year else "MONTH_DAY_FORMAT")


def date_phrase(start: datetime.date, end: datetime.date | None) -> str:
    """„am 13. März 2024“, „am 16. und 17. Oktober 2024“, „vom 22. bis 26. April
    2024“, „vom 28. September bis 2. Oktober 2024“ – the report's one date style."""
    if end is None or end <= start:
        return gettext("am %(day)s") % {"day": day(start)}
    if (start.year, start.month) == (end.year, end.month):
        first = formats.date_format(start, "RANGE_FIRST_DAY_FORMAT")
        if end - start == datetime.timedelta(days=1):
            return gettext("am %(first)s und %(last)s") % {"first": first, "last": day(end)}
    elif start.year == end.year:
        first = day(start, with_year=False)
    else:
        first = day(start)
    return gettext("vom %(first)s bis %(last)s") % {"first": first, "last": day(end)}


def names(items: list[str]) -> str:
    """„A“, „A und B“, „A, B und C“."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(first)s und %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _texts(report_text: str) -> list[str]:
    """The report text's paragraphs (blank lines separate them)."""
    return [" ".join(part.split()) for part in (report_text or "").split("\n\n") if part.strip()]


def place_phrase(*, city: str, venue: str, region: str = "", online: bool = False) -> str:
    """„in Karlsruhe (CyberForum)“, „in der Region Ostalbkreis“, „online“."""
    if online:
        return gettext("online")
    where = city or (gettext("der Region %(region)s") % {"region": region} if region else "")
    if where and venue and venue != where:
        return gettext("in %(place)s (%(venue)s)") % {"place": where, "venue": venue}
    if where:
        return gettext("in %(place)s") % {"place": where}
    if venue:
        return f"({venue})"
    return ""


def _place(event) -> str:
    region = event.region.name if event.region_id else ""
    return place_phrase(city=event.city, venue=event.venue, region=region, online=event.is_online)


def _figure_note(figures: list[Figure]) -> str:
    if not figures:
        return ""
    numbers = names([str(figure.number) for figure in figures])
    return ngettext("(siehe Bild %(numbers)s)", "(siehe Bilder %(numbers)s)", len(figures)) % {
        "numbers": numbers
    }


# --- Events (incl. meetings and international activities) ------------------------


def is_planned(start: datetime.date, ctx: ReportContext) -> bool:
    """Planned means: begins after the as-of date, whatever the record says."""
    return start > ctx.as_of


def _noun(event):
    """The kind's noun; an event of others where the alliance had a part (a
    talk, a stand, a session) is „die Veranstaltung“: its numbers are the
    whole event's, not a workshop's of the alliance."""
    own = event.alliance_role in (Event.AllianceRole.ORGANISER, Event.AllianceRole.CO_ORGANISER)
    if own or event.kind in _NOUN_WHATEVER_ROLE:
        return _KIND_NOUNS.get(event.kind, _DEFAULT_NOUN)
    return _DEFAULT_NOUN


def event_lead(event, ctx: ReportContext) -> str:
    planned = is_planned(event.start_date, ctx)
    noun = str(_noun(event))
    parts = [_place(event)]
    extras = []
    co_organisers = [organisation.name for organisation in event.co_organisers.all()]
    if co_organisers:
        extras.append(gettext("in Zusammenarbeit mit %(names)s") % {"names": names(co_organisers)})
    participants = event.expected_participants if planned else event.actual_participants
    if participants:
        count = formats.number_format(participants, force_grouping=True)
        if planned:
            phrase = ngettext(
                "mit ca. %(count)s erwarteten Teilnehmenden",
                "mit ca. %(count)s erwarteten Teilnehmenden",
                participants,
            )
        else:
            phrase = ngettext(
                "mit ca. %(count)s Teilnehmenden", "mit ca. %(count)s Teilnehmenden", participants
            )
        extras.append(phrase % {"count": count})
    values = {
        "when": date_phrase(event.start_date, event.end_date),
        "what": noun,
        "where": " ".join(part for part in parts if part),
    }
    if planned:
        sentence = gettext("%(when)s ist %(what)s %(where)s geplant") % values
    else:
        sentence = gettext("%(when)s fand %(what)s %(where)s statt") % values
    sentence = " ".join(sentence.split())
    if extras:
        sentence = f"{sentence}, {names(extras)}"
    return _capitalised(sentence) + "."


def event_paragraph(event, ctx: ReportContext, figures: list[Figure]) -> RecordParagraph:
    planned = is_planned(event.start_date, ctx)
    tail = []
    speakers = [person.full_name for person in event.speakers.all()]
    if speakers:
        template = (
            gettext("Angekündigt sind %(names)s.")
            if planned
            else gettext("Es sprachen u. a. %(names)s.")
        )
        tail.append(template % {"names": names(speakers)})
    note = _figure_note(figures)
    if note:
        tail.append(note)
    return RecordParagraph(
        title=event.title,
        lead=event_lead(event, ctx),
        texts=_texts(event.report_text),
        tail=tail,
        planned=planned,
        start=event.start_date,
        region=event.region.name if event.region_id else "",
    )


def _event_group(
    ctx: ReportContext, held: list, planned: list, heading: str = ""
) -> ParagraphGroup:
    held_paragraphs, figures = [], []
    for event in held:
        # Numbered here, in document order: „Bild N“ follows the paragraphs.
        event_figures = ctx.figures_for([event])
        figures.extend(event_figures)
        held_paragraphs.append(event_paragraph(event, ctx, event_figures))
    return ParagraphGroup(
        heading=heading,
        held=held_paragraphs,
        planned=[event_paragraph(event, ctx, []) for event in planned],
        figures=figure_pairs(figures),
    )


def _events(selector, ctx: ReportContext) -> tuple[list, list]:
    """Held and planned events of the block's arguments, with what the
    paragraphs print (speakers, work packages) fetched once for all."""
    held = held_events(selector, ctx)
    planned = planned_events(selector, ctx)
    prefetch_related_objects([*held, *planned], "speakers", "work_packages")
    chapter = ctx.args.get("ap")
    if chapter:
        held = [event for event in held if first_work_package(event) == int(chapter)]
        planned = [event for event in planned if first_work_package(event) == int(chapter)]
    return held, planned


def first_work_package(event) -> int | None:
    """The chapter an event is narrated in: its lowest-numbered work package."""
    return min((package.number for package in event.work_packages.all()), default=None)


def _result(ctx: ReportContext, groups: list[ParagraphGroup]) -> dict:
    has_records = any(group.held or group.planned for group in groups)
    return {"groups": groups, "as_of": ctx.as_of, "has_records": has_records}


def _paragraph_rows(data: dict) -> tuple[list[str], list[list]]:
    headers = [gettext("Datum"), gettext("Titel"), gettext("Region"), gettext("Absatz")]
    rows = []
    for group in data["groups"]:
        for paragraph in [*group.held, *group.planned]:
            text = " ".join([paragraph.lead, *paragraph.texts, *paragraph.tail])
            rows.append([paragraph.start, paragraph.title, paragraph.region, text])
    return headers, rows


@register(
    "berichte",
    _("Absätze aus Veranstaltungen und Treffen (mit Berichtstext und Bildern)"),
    rows=_paragraph_rows,
    args=PARAGRAPH_ARGS,
)
def collect_event_paragraphs(ctx: ReportContext) -> dict:
    held, planned = _events(event_selectors.events_in_period, ctx)
    return _result(ctx, [_event_group(ctx, held, planned)])


@register(
    "berichte_nach_region",
    _("Absätze aus Veranstaltungen, nach Region gegliedert"),
    rows=_paragraph_rows,
    args=PARAGRAPH_ARGS,
)
def collect_event_paragraphs_by_region(ctx: ReportContext) -> dict:
    """One heading per region (in the regions' order), statewide ones last."""
    held, planned = _events(event_selectors.events_in_period, ctx)
    groups = []
    regions = list(Region.objects.order_by("id"))
    for region in [*regions, None]:
        region_id = region.id if region else None
        region_held = [event for event in held if event.region_id == region_id]
        region_planned = [event for event in planned if event.region_id == region_id]
        if not (region_held or region_planned):
            continue
        heading = region.name if region else gettext("Überregional")
        groups.append(_event_group(ctx, region_held, region_planned, heading))
    return _result(ctx, groups)


# --- KI-Challenge rounds ---------------------------------------------------------


def round_paragraph(challenge_round, ctx: ReportContext) -> RecordParagraph:
    planned = is_planned(challenge_round.start_date, ctx)
    values = {
        "when": date_phrase(challenge_round.start_date, challenge_round.end_date),
        "where": _round_place(challenge_round),
    }
    if challenge_round.theme:
        values["theme"] = challenge_round.theme
        if planned:
            lead = gettext("%(when)s ist die KI-Challenge zum Thema „%(theme)s“ %(where)s geplant")
        else:
            lead = gettext("%(when)s fand die KI-Challenge zum Thema „%(theme)s“ %(where)s statt")
    elif planned:
        lead = gettext("%(when)s ist die KI-Challenge %(where)s geplant")
    else:
        lead = gettext("%(when)s fand die KI-Challenge %(where)s statt")
    tail = []
    partners = [organisation.name for organisation in challenge_round.partners.all()]
    if partners:
        tail.append(gettext("Partner:innen: %(names)s.") % {"names": names(partners)})
    return RecordParagraph(
        title=challenge_round.region.name,
        lead=_capitalised(" ".join((lead % values).split())) + ".",
        texts=_texts(challenge_round.report_text),
        tail=tail,
        planned=planned,
        start=challenge_round.start_date,
        region=challenge_round.region.name,
    )


def _round_place(challenge_round) -> str:
    return place_phrase(
        city=challenge_round.city,
        venue=challenge_round.venue,
        region=challenge_round.region.name,
    )


def _in_region(records: list, ctx: ReportContext) -> list:
    ids = region_ids(ctx)
    return records if ids is None else [record for record in records if record.region_id in ids]


def _held_records_result(ctx: ReportContext, records, paragraph) -> dict:
    """One group of paragraphs, one per record held in the block's period and
    regions; `records(window)` fetches them (never called for an empty window)."""
    window = arguments.held_window(ctx, ctx.args.get("zeitraum"))
    held = [] if window.empty else list(records(window))
    group = ParagraphGroup(
        heading="",
        held=[paragraph(record) for record in _in_region(held, ctx)],
        planned=[],
        figures=[],
    )
    return _result(ctx, [group])


@register(
    "berichte_ki_challenge",
    _("Absätze aus KI-Challenge-Runden"),
    rows=_paragraph_rows,
    args=("region", "status", "zeitraum"),
)
def collect_round_paragraphs(ctx: ReportContext) -> dict:
    status, period = ctx.args.get("status"), ctx.args.get("zeitraum")
    held, planned = [], []
    if status != arguments.PLANNED:
        window = arguments.held_window(ctx, period)
        if not window.empty:
            held = event_selectors.ki_challenge_rounds_in_period(
                start=window.start, end=window.end, statuses=[EventStatus.HELD]
            )
    if status != arguments.HELD:
        window = arguments.planned_window(ctx, period)
        if not window.empty:
            planned = event_selectors.ki_challenge_rounds_in_period(
                start=window.start,
                end=window.end,
                statuses=[EventStatus.PLANNED, EventStatus.HELD],
            )
    group = ParagraphGroup(
        heading="",
        held=[round_paragraph(r, ctx) for r in _in_region(list(held), ctx)],
        planned=[round_paragraph(r, ctx) for r in _in_region(list(planned), ctx)],
        figures=[],
    )
    return _result(ctx, [group])


# --- Transfer projects and referrals ------------------------------------------------


def transfer_paragraph(project) -> RecordParagraph:
    organisations = [organisation.name for organisation in project.organisations.all()]
    values = {"when": date_phrase(project.initiated_on, None), "region": project.region.name}
    if organisations:
        values["names"] = names(organisations)
        lead = gettext(
            "%(when)s wurde das Projekt mit %(names)s in der Region %(region)s angestoßen"
        )
    else:
        lead = gettext("%(when)s wurde das Projekt in der Region %(region)s angestoßen")
    lead = lead % values
    details = [gettext("Stand: %(status)s") % {"status": project.get_status_display()}]
    if project.funding_programme:
        details.append(
            gettext("Förderprogramm: %(programme)s")
            % {"programme": project.get_funding_programme_display()}
        )
    if project.referral_offer_id:
        details.append(gettext("vermittelt an %(offer)s") % {"offer": project.referral_offer.name})
    return RecordParagraph(
        title=project.title,
        lead=f"{_capitalised(lead)} ({'; '.join(details)}).",
        texts=_texts(project.report_text),
        start=project.initiated_on,
        region=project.region.name,
    )


@register(
    "berichte_transfer",
    _("Absätze aus Transferprojekten"),
    rows=_paragraph_rows,
    args=("region", "zeitraum"),
)
def collect_transfer_paragraphs(ctx: ReportContext) -> dict:
    def projects(window):
        return (
            reporting_selectors.transfer_projects_initiated(start=window.start, end=window.end)
            .select_related("referral_offer")
            .prefetch_related("organisations")
        )

    return _held_records_result(ctx, projects, transfer_paragraph)


def referral_paragraph(contact) -> RecordParagraph:
    # Organisation, region and offer only: persons and notes never reach the report.
    lead = gettext("%(when)s an %(offer)s vermittelt (Region %(region)s)") % {
        "when": date_phrase(contact.date, None),
        "offer": contact.referral_offer.name,
        "region": contact.region.name,
    }
    return RecordParagraph(
        title=contact.organisation.name,
        lead=_capitalised(lead) + ".",
        texts=_texts(contact.report_text),
        start=contact.date,
        region=contact.region.name,
    )


@register(
    "berichte_vermittlungen",
    _("Absätze aus Vermittlungen an Projekte der KI-Allianz"),
    rows=_paragraph_rows,
    args=("region", "zeitraum"),
)
def collect_referral_paragraphs(ctx: ReportContext) -> dict:
    def contacts(window):
        contacts = contact_selectors.referred_first_contacts(start=window.start, end=window.end)
        return contacts.select_related("organisation", "region").order_by("date", "id")

    return _held_records_result(ctx, contacts, referral_paragraph)
