"""The consistency check of an edition: is every fact in the prose a record's?

It reads the narratives as the writer typed them and the document as it
renders, and lists with section and position:

- every typed date and number that is not a live value — either a
  *mismatch* (the records say otherwise: a count that differs from the live
  count, a date no record has) or *typed where a live value exists*;
- references that cannot be resolved;
- held/planned contradictions (a sentence calls a planned record held or the
  other way round; a heading „Durchgeführte …“ over planned items);
- empty sections, missing photos, and records of the period without a
  report text.

Mismatches and contradictions make ``check_report`` exit non-zero; the rest
are hints. A writer can accept a typed fact with a reason (stored on the
section); it is then listed as accepted.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from contacts import selectors as contact_selectors
from events import selectors as event_selectors
from events.models import EventKind, EventStatus
from kiallianz.models import Region
from reporting import selectors as reporting_selectors
from reporting.report import values
from reporting.report.arguments import ArgumentError
from reporting.report.blocks import ReportContext
from reporting.report.references import TOKEN, Position, position_at
from reporting.report.selectors import ReportDocument, report_document

MISMATCH = "mismatch"
CONTRADICTION = "contradiction"
REFERENCE = "reference"
TYPED_LIVE = "typed_live"
TYPED = "typed"
EMPTY = "empty"
PHOTO = "photo"
REPORT_TEXT = "report_text"
ACCEPTED = "accepted"

# Categories that make the check fail.
BLOCKING = (MISMATCH, CONTRADICTION, REFERENCE)


def category_labels() -> dict[str, str]:
    return {
        MISMATCH: gettext("Widerspruch zu den Daten"),
        CONTRADICTION: gettext("durchgeführt/geplant widersprüchlich"),
        REFERENCE: gettext("fehlerhafter Wert oder Block"),
        TYPED_LIVE: gettext("getippt, obwohl es einen Live-Wert gibt"),
        TYPED: gettext("getippte Angabe"),
        EMPTY: gettext("leerer Abschnitt"),
        PHOTO: gettext("fehlendes Foto"),
        REPORT_TEXT: gettext("ohne Berichtstext"),
        ACCEPTED: gettext("bewusst getippt"),
    }


@dataclass
class Finding:
    category: str
    message: str
    section_id: int | None = None
    section_label: str = ""
    position: Position | None = None
    # The typed fact as it stands in the narrative („115“, „8. Mai 2024“).
    text: str = ""
    suggestion: str = ""
    reason: str = ""

    @property
    def blocking(self) -> bool:
        return self.category in BLOCKING

    @property
    def can_accept(self) -> bool:
        return bool(self.text) and self.category in (MISMATCH, TYPED_LIVE, TYPED)

    @property
    def category_label(self) -> str:
        return category_labels()[self.category]

    def describe(self) -> str:
        where = self.section_label
        if self.position is not None:
            where = f"{where}, {self.position.describe()}" if where else self.position.describe()
        line = f"{where}: {self.message}" if where else self.message
        if self.suggestion:
            line += " " + gettext("Vorschlag: %(suggestion)s") % {"suggestion": self.suggestion}
        if self.reason:
            line += " " + gettext("Begründung: %(reason)s") % {"reason": self.reason}
        return line


@dataclass
class CheckResult:
    edition: object
    as_of: datetime.date
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def hints(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking and f.category != ACCEPTED]

    @property
    def accepted(self) -> list[Finding]:
        return [f for f in self.findings if f.category == ACCEPTED]

    @property
    def ok(self) -> bool:
        return not self.blocking

    def counts(self) -> list[tuple[str, str, int]]:
        labels = category_labels()
        result = []
        for category in labels:
            number = sum(1 for f in self.findings if f.category == category)
            if number:
                result.append((category, labels[category], number))
        return result

    def summary(self) -> str:
        if not self.findings:
            return gettext("Prüfung: keine Auffälligkeiten.")
        parts = ", ".join(f"{number} × {label}" for _c, label, number in self.counts())
        return gettext("Prüfung: %(parts)s.") % {"parts": parts}


# --- Typed facts ------------------------------------------------------------------

MONTH_NUMBERS = {name.lower(): index for index, name in enumerate(values.MONTHS, start=1)}
MONTH = "(?P<month>" + "|".join(values.MONTHS) + ")"
DAY_RANGE = r"(?P<first>\d{1,2})\.\s?(?:[–-]|bis|und)\s?"
WRITTEN_DATE = re.compile(
    rf"(?<![\w.])(?:{DAY_RANGE})?(?P<day>\d{{1,2}})\.\s?{MONTH}(?:\s+(?P<year>\d{{4}}))?"
)
MONTH_YEAR = re.compile(rf"(?<![\w.]){MONTH}\s+(?P<year>\d{{4}})\b")
NUMERIC_DATE = re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2,4})\b")
NUMBER = re.compile(r"(?<![\w.,/§-])(?P<number>\d{1,3}(?:\.\d{3})+|\d+)(?![\w]|[.,]\d|\.\w)")
URL = re.compile(r"https?://\S+|\]\([^)]*\)")
APPROXIMATE = re.compile(
    r"(?:ca\.|circa|rund|etwa|knapp|über|mehr als|fast|nahezu|annähernd|mindestens)\s*$",
    re.IGNORECASE,
)

# A number after these words names a part of something, not a fact to count.
STRUCTURE = re.compile(
    r"(?:Arbeitspaket\w*|AP|Kapitel|Abschnitt\w*|Seite\w*|Nr\.|Anlage|Bild\w*|Abbildung\w*"
    r"|Phase|Version|Stufe|Runde|Meilenstein\w*|Monat\w*|M|§)\s*$",
    re.IGNORECASE,
)

MEETING_KINDS = "kick_off,status_meeting,cross_project_meeting"
WORKSHOP_KINDS = "workshop_new_topics,funding_workshop"
PERIODS = ({}, {"zeitraum": "bis_stichtag"}, {"zeitraum": "gesamt"})

# Words after a typed number → the live values it may mean (with arguments).
NOUNS: tuple[tuple[tuple[str, ...], str, tuple[dict, ...], bool], ...] = (
    (("erstgespräch", "gespräch", "kontakt"), "erstgespraeche", PERIODS, True),
    (("erstgespräch", "gespräch", "kontakt"), "erstgespraeche_geprueft", PERIODS, True),
    (("qualitätsgeprüft", "geprüft"), "erstgespraeche_geprueft", PERIODS, True),
    (("organisation", "unternehmen", "akteur"), "organisationen", ({},), True),
    (("partner",), "partner_aktiv", ({},), False),
    (("partner",), "partner_neu", ({}, {"zeitraum": "gesamt"}), False),
    (
        ("veranstaltung", "event", "termin"),
        "veranstaltungen",
        (*PERIODS, {"status": "geplant"}),
        True,
    ),
    (("workshop",), "veranstaltungen", tuple({**p, "art": WORKSHOP_KINDS} for p in PERIODS), True),
    (("treffen", "statustreffen", "meeting"), "veranstaltungen", ({"art": MEETING_KINDS},), False),
    (("messe",), "veranstaltungen", ({"art": "trade_fair"}, {"art": "trade_fair,talk"}), False),
    (("teilnehm", "besucher", "gäste", "gästen"), "teilnehmende", PERIODS, True),
    (("region", "standort"), "regionen", ({},), False),
    (("region",), "ki_challenge_regionen", ({}, {"zeitraum": "gesamt"}), False),
    (("runde", "challenge"), "ki_challenge_runden", PERIODS, True),
    (("projekt", "projektidee", "transferprojekt"), "transferprojekte", PERIODS, True),
    (
        ("beitr", "post", "newsletter", "pressemitteilung", "maßnahme"),
        "kommunikationsmassnahmen",
        PERIODS,
        False,
    ),
)
HELD_WORDS = re.compile(
    r"\b(stattgefunden|fand(en)?\b[^.]*\bstatt|wurden?\b[^.]*\bdurchgeführt|durchgeführt\w*"
    r"|abgehalten|besuchten|nahmen\b[^.]*\bteil|präsentierte)\b",
    re.IGNORECASE,
)
PLANNED_WORDS = re.compile(
    r"\b(geplant\w*|wird\b[^.]*\bstattfinden|werden\b[^.]*\bstattfinden|findet\b[^.]*\bstatt"
    r"|finden\b[^.]*\bstatt|vorgesehen|anstehend\w*|in Planung)\b",
    re.IGNORECASE,
)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)


def _masked(text: str) -> str:
    """The narrative with references and link targets blanked (offsets kept)."""

    def blank(match: re.Match) -> str:
        return " " * len(match.group(0))

    return URL.sub(blank, TOKEN.sub(blank, text))


@dataclass
class _Facts:
    """What the records say, for comparing typed facts."""

    record_dates: set[datetime.date]
    live_dates: dict[datetime.date, str]
    participants: set[int]
    # (target value, title, syntax) of the project's targets.
    targets: list[tuple[int, str, str]]


def _collect_facts(ctx: ReportContext) -> _Facts:
    start = min(ctx.edition.project.start_date, ctx.start)
    until = ctx.planned_until
    dates: set[datetime.date] = set()
    participants: set[int] = set()
    for event in event_selectors.events_in_period(start=start, end=until).prefetch_related(None):
        day = event.start_date
        while day <= (event.end_date or event.start_date):
            dates.add(day)
            day += datetime.timedelta(days=1)
        for number in (event.actual_participants, event.expected_participants):
            if number:
                participants.add(number)
    for round_ in event_selectors.ki_challenge_rounds_in_period(start=start, end=until):
        dates.add(round_.start_date)
        if round_.end_date:
            dates.add(round_.end_date)
    for activity in reporting_selectors.communication_activities_in_period(start=start, end=until):
        dates.add(activity.date)
    for project in reporting_selectors.transfer_projects_initiated(start=start, end=until):
        dates.update(
            d for d in (project.initiated_on, project.submitted_on, project.decided_on) if d
        )
    live = {
        ctx.as_of: "[[wert:stichtag]]",
        ctx.start: "[[wert:zeitraum_beginn]]",
        ctx.end: "[[wert:zeitraum_ende]]",
        ctx.edition.project.start_date: "[[wert:projektbeginn]]",
        ctx.edition.project.end_date: "[[wert:projektende]]",
    }
    targets = []
    for target in reporting_selectors.targets_for_project(project=ctx.edition.project):
        key = values.target_key(target)
        live.setdefault(target.due_date, f"[[wert:ziel key={key} feld=faellig]]")
        syntax = f"[[wert:ziel key={key} feld=zielwert]]"
        targets.append((target.target_value, target.title, syntax))
    return _Facts(record_dates=dates, live_dates=live, participants=participants, targets=targets)


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _typed_dates(text: str, edition) -> list[tuple[int, int, str, list[datetime.date], bool]]:
    """(start, end, typed text, dates, day_precise) of every typed date."""
    found = []
    for match in WRITTEN_DATE.finditer(text):
        month = MONTH_NUMBERS[match.group("month").lower()]
        year = int(match.group("year") or edition.year)
        days = [int(match.group("day"))]
        if match.group("first"):
            days.insert(0, int(match.group("first")))
        dates = [d for d in (_date_or_none(year, month, day) for day in days) if d]
        found.append((match.start(), match.end(), match.group(0), dates, True))
    for match in NUMERIC_DATE.finditer(text):
        year = int(match.group("year"))
        year = year + 2000 if year < 100 else year
        day = _date_or_none(year, int(match.group("month")), int(match.group("day")))
        found.append((match.start(), match.end(), match.group(0), [day] if day else [], True))
    covered = [(start, end) for start, end, *_rest in found]
    for match in MONTH_YEAR.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        month = MONTH_NUMBERS[match.group("month").lower()]
        first = datetime.date(int(match.group("year")), month, 1)
        found.append((match.start(), match.end(), match.group(0), [first], False))
    return sorted(found)


def _candidates(ctx: ReportContext, following: str) -> list[tuple[int, str]]:
    """Live values a number followed by these words may mean: (value, syntax)."""
    # The noun follows directly or after one adjective („23 neue Partner:innen“).
    words = re.findall(r"[\wäöüß:]+", following.lower())[:2]
    regions = list(Region.objects.order_by("id").values_list("slug", flat=True))
    result = []
    for nouns, key, variants, per_region in NOUNS:
        if not any(word.startswith(noun) for word in words for noun in nouns):
            continue
        for args in variants:
            options = [args] + ([{**args, "region": r} for r in regions] if per_region else [])
            for option in options:
                try:
                    value = values.compute(key, ctx, **option)
                except ArgumentError:
                    continue
                if value.number is not None:
                    syntax = " ".join([f"wert:{key}", *(f"{k}={v}" for k, v in option.items())])
                    result.append((value.number, f"[[{syntax}]]"))
    return result


def _number_finding(ctx, facts, masked, match, number: int) -> tuple[str, str, str]:
    """(category, message, suggestion) for a typed number."""
    typed = match.group("number")
    before = masked[max(0, match.start() - 20) : match.start()]
    following = masked[match.end() : match.end() + 60]
    approximate = bool(APPROXIMATE.search(before))
    if 1900 <= number <= 2100 and len(typed) == 4:
        if number == ctx.edition.year:
            return (
                TYPED_LIVE,
                gettext("Jahreszahl „%(text)s“ getippt.") % {"text": typed},
                "[[wert:berichtsjahr]]",
            )
        if number == ctx.edition.year + 1:
            return (
                TYPED_LIVE,
                gettext("Jahreszahl „%(text)s“ getippt.") % {"text": typed},
                "[[wert:folgejahr]]",
            )
        return TYPED, gettext("Jahreszahl „%(text)s“ getippt.") % {"text": typed}, ""
    candidates = _candidates(ctx, following)
    words = " ".join(following.split()[:2])
    for target_value, title, syntax in facts.targets:
        if number != target_value or typed not in title:
            continue
        nouns = re.findall(r"[\wäöüß:]+", following.lower())[:2]
        if any(noun[:6] in title.lower() for noun in nouns if len(noun) >= 4):
            return (
                TYPED_LIVE,
                gettext("„%(text)s %(words)s“ getippt; es ist der Zielwert „%(title)s“.")
                % {"text": typed, "words": words, "title": title},
                syntax,
            )
    about_people = any(w in following.lower()[:30] for w in ("teilnehm", "besucher", "gäste"))
    if about_people and number in facts.participants:
        return (
            TYPED_LIVE,
            gettext(
                "„%(text)s %(words)s“ getippt; die Zahl steht im Datensatz der Veranstaltung "
                "(Berichtstext-Absatz oder [[wert:teilnehmende …]])."
            )
            % {"text": typed, "words": words},
            "",
        )
    if not candidates:
        return (
            TYPED,
            gettext("Zahl „%(text)s“ getippt (kein Live-Wert erkannt).") % {"text": typed},
            "",
        )
    for live, syntax in candidates:
        close = approximate and live and abs(live - number) <= max(1, round(0.1 * live))
        if live == number or close:
            return (
                TYPED_LIVE,
                gettext("„%(text)s %(words)s“ getippt; die Daten sagen dasselbe.")
                % {"text": typed, "words": words},
                syntax,
            )
    live, syntax = candidates[0]
    return (
        MISMATCH,
        gettext("„%(text)s %(words)s“ getippt, die Daten sagen %(live)s (%(syntax)s).")
        % {"text": typed, "words": words, "live": values.format_number(live), "syntax": syntax},
        syntax,
    )


def _date_finding(facts, typed: str, dates: list, day_precise: bool) -> tuple[str, str, str]:
    if not dates:
        return MISMATCH, gettext("„%(text)s“ ist kein gültiges Datum.") % {"text": typed}, ""
    for day in dates:
        if day in facts.live_dates:
            return (
                TYPED_LIVE,
                gettext("Datum „%(text)s“ getippt; es ist ein Live-Wert.") % {"text": typed},
                facts.live_dates[day],
            )
    if day_precise:
        known = all(day in facts.record_dates for day in dates)
    else:
        known = any(
            d.year == dates[0].year and d.month == dates[0].month for d in facts.record_dates
        )
    if known:
        return (
            TYPED_LIVE,
            gettext(
                "Datum „%(text)s“ getippt; ein Datensatz hat dieses Datum "
                "(Berichtstext-Absatz oder Block verwenden)."
            )
            % {"text": typed},
            "",
        )
    return (
        MISMATCH,
        gettext("Datum „%(text)s“ getippt, aber kein Datensatz hat dieses Datum.")
        % {"text": typed},
        "",
    )


def _typed_findings(ctx, facts, numbered) -> list[Finding]:
    section = numbered.section
    text = section.narrative or ""
    masked = _masked(text)
    accepted = {item.get("text"): item.get("reason", "") for item in section.accepted_facts or []}
    findings = []
    covered: list[tuple[int, int]] = []
    for start, end, typed, dates, day_precise in _typed_dates(masked, section.edition):
        covered.append((start, end))
        category, message, suggestion = _date_finding(facts, typed, dates, day_precise)
        findings.append((start, typed, category, message, suggestion))
    for match in NUMBER.finditer(masked):
        if any(start <= match.start() < end for start, end in covered):
            continue
        if _is_heading_number(masked, match):
            continue
        if STRUCTURE.search(masked[max(0, match.start() - 20) : match.start()]):
            continue
        number = int(match.group("number").replace(".", ""))
        category, message, suggestion = _number_finding(ctx, facts, masked, match, number)
        findings.append((match.start(), match.group("number"), category, message, suggestion))
    result = []
    for offset, typed, category, message, suggestion in sorted(findings, key=lambda f: f[0]):
        finding = Finding(
            category=category,
            message=message,
            section_id=section.id,
            section_label=numbered.label,
            position=position_at(text, offset),
            text=typed,
            suggestion=suggestion,
        )
        if typed in accepted:
            finding.category = ACCEPTED
            finding.reason = accepted[typed]
        result.append(finding)
    return result


def _is_heading_number(text: str, match: re.Match) -> bool:
    """„1.“ of an ordered Markdown list is structure, not a fact."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    return not text[line_start : match.start()].strip() and text[match.end() : match.end() + 1] in (
        ".",
        ")",
    )


# --- Held and planned -------------------------------------------------------------


def _records_by_title(ctx: ReportContext) -> list[tuple[str, bool, datetime.date]]:
    """(title, held at the as-of date, start) of the records around the period."""
    start = min(ctx.edition.project.start_date, ctx.start)
    records = []
    for event in event_selectors.events_in_period(
        start=start, end=ctx.planned_until
    ).prefetch_related(None):
        if event.status == EventStatus.CANCELLED or len(event.title) < 6:
            continue
        held = event.status == EventStatus.HELD and event.start_date <= ctx.as_of
        records.append((event.title, held, event.start_date))
    for round_ in event_selectors.ki_challenge_rounds_in_period(start=start, end=ctx.planned_until):
        if round_.status == EventStatus.CANCELLED or len(round_.title) < 6:
            continue
        held = round_.status == EventStatus.HELD and round_.start_date <= ctx.as_of
        records.append((round_.title, held, round_.start_date))
    return records


def _held_planned_findings(ctx, records, numbered) -> list[Finding]:
    text = numbered.section.narrative or ""
    masked = _masked(text)
    findings = []
    seen = set()
    for sentence in SENTENCE.finditer(masked):
        body = sentence.group(0)
        lowered = body.lower()
        says_held = bool(HELD_WORDS.search(body))
        says_planned = bool(PLANNED_WORDS.search(body))
        if says_held == says_planned:
            continue
        for title, held, _day in records:
            if title.lower() not in lowered:
                continue
            if says_held and not held:
                message = gettext(
                    "Der Satz nennt „%(title)s“ durchgeführt, zum Stichtag ist es geplant."
                )
            elif says_planned and held:
                message = gettext(
                    "Der Satz nennt „%(title)s“ geplant, zum Stichtag ist es durchgeführt."
                )
            else:
                continue
            if (sentence.start(), title) in seen:
                continue
            seen.add((sentence.start(), title))
            findings.append(
                Finding(
                    category=CONTRADICTION,
                    message=message % {"title": title},
                    section_id=numbered.section.id,
                    section_label=numbered.label,
                    position=position_at(text, sentence.start() + lowered.index(title.lower())),
                )
            )
    return findings


def _heading_findings(ctx, numbered) -> list[Finding]:
    title = numbered.section.title.lower()
    says_held = "durchgeführt" in title
    says_planned = "geplant" in title
    if says_held == says_planned:
        return []
    findings = []
    for block in numbered.blocks:
        held, planned = _held_and_planned(block.data)
        wrong = planned if says_held else held
        if wrong:
            findings.append(
                Finding(
                    category=CONTRADICTION,
                    message=(
                        ngettext(
                            "Die Überschrift sagt „%(word)s“, der Block „%(block)s“ zeigt aber "
                            "%(count)s geplanten Eintrag (z. B. „%(example)s“).",
                            "Die Überschrift sagt „%(word)s“, der Block „%(block)s“ zeigt aber "
                            "%(count)s geplante Einträge (z. B. „%(example)s“).",
                            len(wrong),
                        )
                        if says_held
                        else ngettext(
                            "Die Überschrift sagt „%(word)s“, der Block „%(block)s“ zeigt aber "
                            "%(count)s durchgeführten Eintrag (z. B. „%(example)s“).",
                            "Die Überschrift sagt „%(word)s“, der Block „%(block)s“ zeigt aber "
                            "%(count)s durchgeführte Einträge (z. B. „%(example)s“).",
                            len(wrong),
                        )
                    )
                    % {
                        "word": gettext("durchgeführt") if says_held else gettext("geplant"),
                        "block": block.label,
                        "count": len(wrong),
                        "example": getattr(wrong[0], "title", str(wrong[0])),
                    },
                    section_id=numbered.section.id,
                    section_label=numbered.label,
                )
            )
    return findings


def _held_and_planned(data: dict) -> tuple[list, list]:
    held = list(data.get("held", []))
    planned = list(data.get("planned", []))
    for group in data.get("groups", []):
        if isinstance(group, dict):
            held += list(group.get("held", []))
            planned += list(group.get("planned", []))
    return held, planned


# --- Sections, photos, report texts -----------------------------------------------------


def _empty_findings(document: ReportDocument) -> list[Finding]:
    parents = {item.section.parent_id for item in document.sections}
    findings = []
    for item in document.sections:
        if item.section.id in parents:
            continue
        if (item.section.narrative or "").strip() or item.blocks:
            continue
        findings.append(
            Finding(
                category=EMPTY,
                message=gettext("Der Abschnitt hat weder Text noch Datenblöcke."),
                section_id=item.section.id,
                section_label=item.label,
            )
        )
    return findings


def _photo_findings(document: ReportDocument) -> list[Finding]:
    return [
        Finding(
            category=PHOTO,
            message=gettext("Bild %(number)s („%(caption)s“, %(event)s): die Bilddatei fehlt.")
            % {"number": figure.number, "caption": figure.caption, "event": figure.event_title},
        )
        for figure in document.figures
        if figure.missing
    ]


def _has_report_text(model) -> bool:
    return any(f.name == "report_text" for f in model._meta.get_fields())


def _report_text_findings(ctx: ReportContext) -> list[Finding]:
    """Records of the period that the report narrates, but that have no report text yet."""
    start, end = ctx.start, ctx.as_of
    groups = [
        (
            gettext("Veranstaltung"),
            event_selectors.events_in_period(
                start=start, end=end, statuses=[EventStatus.HELD]
            ).exclude(kind=EventKind.JOUR_FIXE),
        ),
        (
            gettext("KI-Challenge-Runde"),
            event_selectors.ki_challenge_rounds_in_period(
                start=start, end=end, statuses=[EventStatus.HELD]
            ),
        ),
        (
            gettext("Transferprojekt"),
            reporting_selectors.transfer_projects_initiated(start=start, end=end),
        ),
        (
            gettext("Vermittlung"),
            contact_selectors.referred_first_contacts(start=start, end=end),
        ),
    ]
    findings = []
    for label, queryset in groups:
        if not _has_report_text(queryset.model):
            continue
        for record in queryset.filter(report_text="").prefetch_related(None):
            day = (
                getattr(record, "start_date", None)
                or getattr(record, "date", None)
                or getattr(record, "initiated_on", None)
            )
            name = getattr(record, "title", None) or str(record.organisation)
            findings.append(
                Finding(
                    category=REPORT_TEXT,
                    message=gettext("%(label)s „%(name)s“ (%(day)s) hat keinen Berichtstext.")
                    % {
                        "label": label,
                        "name": name,
                        "day": values.format_date(day) if day else "–",
                    },
                )
            )
    return findings


# --- The whole check -------------------------------------------------------------------


def check_edition(
    *, edition, as_of: datetime.date | None = None, document: ReportDocument | None = None
) -> CheckResult:
    """Check an edition at an as-of date (or the document already rendered)."""
    document = document or report_document(edition=edition, as_of=as_of)
    ctx = ReportContext(edition=edition, as_of=document.as_of)
    facts = _collect_facts(ctx)
    records = _records_by_title(ctx)
    result = CheckResult(edition=edition, as_of=document.as_of)
    for numbered in document.sections:
        result.findings += [
            Finding(
                category=REFERENCE,
                message=problem.message,
                section_id=numbered.section.id,
                section_label=numbered.label,
                position=problem.position,
            )
            for problem in numbered.problems
        ]
        result.findings += _typed_findings(ctx, facts, numbered)
        result.findings += _held_planned_findings(ctx, records, numbered)
        result.findings += _heading_findings(ctx, numbered)
    result.findings += _empty_findings(document)
    result.findings += _photo_findings(document)
    result.findings += _report_text_findings(ctx)
    return result
