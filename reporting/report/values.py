"""Live values in the prose: ``[[wert:KEY name=value …]]``.

The registry below is the one list of what a narrative may reference. Each
value reads the metric registry (reporting/metrics.py) or the same selectors
as the data blocks, with the edition's period, as-of date and, where given,
region, kind, status and period arguments. Values are formatted in German
(„19. Februar 2025“, „1.234“) and escaped when put into the HTML.
docs/report.md has the table for writers; the section editor shows it.
"""

import datetime
import difflib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import selectors as event_selectors
from events.models import EventStatus, SizeCategory
from kiallianz.models import Region
from reporting import selectors as reporting_selectors
from reporting.metrics import get_metric
from reporting.models import CommunicationActivity, Target, TransferProject
from reporting.progress import regions_phrase, target_rows
from reporting.report import arguments
from reporting.report.arguments import Arg, ArgumentError
from reporting.report.blocks.registry import ReportContext
from reporting.report.references import Reference

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def format_date(day: datetime.date) -> str:
    """„19. Februar 2025“ — the report's one date style, whatever the UI language."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def format_number(number: int) -> str:
    """German grouping: 1.234; years and small numbers stay as they are."""
    return f"{number:,}".replace(",", ".")


@dataclass(frozen=True)
class LiveValue:
    text: str
    number: int | None = None
    date: datetime.date | None = None

    def html(self) -> str:
        return f'<span class="live-value">{escape(self.text)}</span>'


def _number(value: int) -> LiveValue:
    return LiveValue(format_number(value), number=value)


def _day(value: datetime.date) -> LiveValue:
    return LiveValue(format_date(value), date=value)


# --- Arguments specific to a value ------------------------------------------


def _size_choices() -> list[tuple[str, str]]:
    return [("klein", str(SizeCategory.SMALL.label)), ("gross", str(SizeCategory.LARGE.label))]


def _transfer_status_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in TransferProject.Status.choices]


def _communication_kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in CommunicationActivity.Kind.choices]


def target_key(target: Target) -> str:
    """A target's name in ``[[wert:ziel key=…]]``: its title as a slug."""
    return slugify(target.title)


def _target_choices() -> list[tuple[str, str]]:
    targets = Target.objects.order_by("work_package__number", "position", "id")
    return [(target_key(target), target.title) for target in targets]


TARGET_FIELDS = {
    "wert": _("erreichter Wert"),
    "zielwert": _("Zielwert"),
    "prozent": _("Prozent erreicht"),
    "status": _("Status"),
    "faellig": _("fällig am"),
    "titel": _("Titel"),
}

SIZE = Arg("groesse", _("Größe"), _size_choices)
TRANSFER_STATUS = Arg("status", _("Status des Projekts"), _transfer_status_choices, multiple=True)
COMMUNICATION_KIND = Arg("art", _("Art der Maßnahme"), _communication_kind_choices, multiple=True)
TARGET = Arg("key", _("Ziel"), _target_choices)
TARGET_FIELD = Arg(
    "feld", _("Angabe"), lambda: [(key, str(label)) for key, label in TARGET_FIELDS.items()]
)


# --- The registry -----------------------------------------------------------


@dataclass(frozen=True)
class ValueSpec:
    key: str
    label: str
    compute: Callable[[ReportContext, dict], LiveValue]
    args: tuple[Arg, ...] = ()
    required: tuple[str, ...] = ()
    example: str = ""
    # Words that follow a typed number meaning this value („300 Kontakte“):
    # the consistency check compares such numbers with the live value.
    nouns: tuple[str, ...] = ()

    @property
    def syntax(self) -> str:
        return f"[[wert:{self.key}]]"

    def allowed_args(self) -> dict[str, Arg]:
        return {arg.name: arg for arg in self.args}


VALUES: dict[str, ValueSpec] = {}


def register(spec: ValueSpec) -> ValueSpec:
    VALUES[spec.key] = spec
    return spec


def get_value_spec(key: str) -> ValueSpec | None:
    return VALUES.get(key)


def _region_ids(args: dict) -> list[int] | None:
    if not args.get("region"):
        return None
    return list(Region.objects.filter(slug=args["region"]).values_list("id", flat=True))


def _metric(key: str, ctx: ReportContext, args: dict, *, default_period: str, **params) -> int:
    window = arguments.held_window(ctx, args.get("zeitraum") or default_period)
    if window.empty:
        return 0
    result = get_metric(key).compute(
        start=window.start,
        end=window.end,
        as_of=ctx.as_of,
        region_ids=_region_ids(args),
        params=params,
    )
    return result.value or 0


def _metric_number(
    key: str, default_period: str, *, list_params: dict[str, str] | None = None, **params
) -> Callable[[ReportContext, dict], LiveValue]:
    """A value's compute function: the metric's number in the reference's
    period and region. `list_params` maps a metric parameter to the reference
    argument that lists its choices (empty: all); `params` are fixed."""

    def compute(ctx: ReportContext, args: dict) -> LiveValue:
        chosen = {param: args.get(arg) or [] for param, arg in (list_params or {}).items()}
        return _number(_metric(key, ctx, args, default_period=default_period, **params, **chosen))

    return compute


# Dates of the edition ----------------------------------------------------------

register(
    ValueSpec(
        "stichtag",
        _("Stichtag der Ausgabe (oder des Exports)"),
        lambda ctx, args: _day(ctx.as_of),
        example="19. Februar 2025",
    )
)
register(
    ValueSpec(
        "berichtsjahr",
        _("Berichtsjahr"),
        lambda ctx, args: LiveValue(str(ctx.edition.year), number=ctx.edition.year),
        example="2024",
    )
)
register(
    ValueSpec(
        "folgejahr",
        _("Das Jahr nach dem Berichtsjahr (Ausblick)"),
        lambda ctx, args: LiveValue(str(ctx.edition.year + 1), number=ctx.edition.year + 1),
        example="2025",
    )
)
register(
    ValueSpec(
        "zeitraum_beginn",
        _("Beginn des Berichtszeitraums"),
        lambda ctx, args: _day(ctx.start),
        example="1. Januar 2024",
    )
)
register(
    ValueSpec(
        "zeitraum_ende",
        _("Ende des Berichtszeitraums"),
        lambda ctx, args: _day(ctx.end),
        example="31. Dezember 2024",
    )
)
register(
    ValueSpec(
        "projektbeginn",
        _("Beginn des Förderprojekts"),
        lambda ctx, args: _day(ctx.edition.project.start_date),
        example="1. Januar 2024",
    )
)
register(
    ValueSpec(
        "projektende",
        _("Ende des Förderprojekts"),
        lambda ctx, args: _day(ctx.edition.project.end_date),
        example="31. Dezember 2026",
    )
)

# Contacts and organisations ------------------------------------------------------

register(
    ValueSpec(
        "erstgespraeche",
        _("Erstgespräche (Standard: im Berichtsjahr bis zum Stichtag)"),
        _metric_number("first_contacts", arguments.YEAR),
        args=(arguments.REGION, arguments.PERIOD),
        example="220",
        nouns=("erstgespräch", "kontakt", "gespräch"),
    )
)
register(
    ValueSpec(
        "erstgespraeche_geprueft",
        _("Qualitätsgeprüfte Erstgespräche (geprüft oder ins Ökosystem aufgenommen)"),
        _metric_number("first_contacts", arguments.YEAR, checked_only=True),
        args=(arguments.REGION, arguments.PERIOD),
        example="180",
        nouns=("geprüft",),
    )
)
register(
    ValueSpec(
        "organisationen",
        _("Organisationen in der Datenbank am Stichtag"),
        lambda ctx, args: _number(
            _metric("organisations", ctx, {**args, "zeitraum": arguments.TOTAL}, default_period="")
        ),
        args=(arguments.REGION,),
        example="310",
        nouns=("organisation", "unternehmen", "akteur"),
    )
)

# Partners ---------------------------------------------------------------------

register(
    ValueSpec(
        "partner_aktiv",
        _("Aktive Partner:innen am Stichtag"),
        lambda ctx, args: _number(
            _metric("partners_active", ctx, {"zeitraum": arguments.TOTAL}, default_period="")
        ),
        example="23",
        nouns=("partner",),
    )
)
register(
    ValueSpec(
        "partner_neu",
        _("Neue Partner:innen (Standard: im Berichtsjahr bis zum Stichtag)"),
        _metric_number("partners_new", arguments.YEAR),
        args=(arguments.PERIOD,),
        example="12",
        nouns=("partner",),
    )
)


# Events -----------------------------------------------------------------------


def _events(ctx: ReportContext, args: dict):
    kinds = args.get("art") or None
    filters = {
        "region_ids": _region_ids(args),
        "kinds": kinds,
        "size_category": {"klein": SizeCategory.SMALL, "gross": SizeCategory.LARGE}.get(
            args.get("groesse", "")
        ),
        # Internal meetings count only when asked for by kind, as in the metrics.
        "include_internal": bool(kinds),
    }
    if args.get("status") == arguments.PLANNED or args.get("zeitraum") == arguments.AFTER_AS_OF:
        if args.get("status") == arguments.HELD:
            return event_selectors.events_in_period(start=ctx.as_of, end=ctx.start).none()
        window = arguments.planned_window(ctx, args.get("zeitraum"))
        statuses = [EventStatus.PLANNED, EventStatus.HELD]
    else:
        window = arguments.held_window(ctx, args.get("zeitraum") or arguments.YEAR)
        statuses = [EventStatus.HELD]
    return event_selectors.events_in_period(
        start=window.start, end=window.end, statuses=statuses, **filters
    )


def _participants(ctx: ReportContext, args: dict) -> int:
    total = 0
    for event in _events(ctx, args).prefetch_related(None):
        total += event.actual_participants or event.expected_participants or 0
    return total


EVENT_VALUE_ARGS = (arguments.KIND, arguments.REGION, arguments.STATUS, arguments.PERIOD, SIZE)

register(
    ValueSpec(
        "veranstaltungen",
        _(
            "Veranstaltungen (Standard: durchgeführt im Berichtsjahr bis zum Stichtag, ohne "
            "interne Treffen; status=geplant: nach dem Stichtag)"
        ),
        lambda ctx, args: _number(_events(ctx, args).prefetch_related(None).count()),
        args=EVENT_VALUE_ARGS,
        example="41",
        nouns=("veranstaltung", "event", "workshop", "treffen", "messe", "termin"),
    )
)
register(
    ValueSpec(
        "teilnehmende",
        _("Teilnehmende der Veranstaltungen (tatsächliche, sonst erwartete Zahl)"),
        lambda ctx, args: _number(_participants(ctx, args)),
        args=EVENT_VALUE_ARGS,
        example="1.250",
        nouns=("teilnehm", "besucher", "gäste", "personen"),
    )
)


def _rounds(ctx: ReportContext, args: dict):
    if args.get("status") == arguments.PLANNED or args.get("zeitraum") == arguments.AFTER_AS_OF:
        window = arguments.planned_window(ctx, args.get("zeitraum"))
        statuses = [EventStatus.PLANNED, EventStatus.HELD]
        if args.get("status") == arguments.HELD:
            statuses = []
    else:
        window = arguments.held_window(ctx, args.get("zeitraum") or arguments.YEAR)
        statuses = [EventStatus.HELD]
    rounds = event_selectors.ki_challenge_rounds_in_period(
        start=window.start, end=window.end, statuses=statuses
    )
    ids = _region_ids(args)
    return rounds.filter(region_id__in=ids) if ids is not None else rounds


def _round_regions(ctx: ReportContext, args: dict) -> int:
    rounds = _rounds(ctx, args).prefetch_related(None).order_by()
    return rounds.values("region_id").distinct().count()


register(
    ValueSpec(
        "ki_challenge_runden",
        _("KI-Challenge-Runden (Standard: durchgeführt im Berichtsjahr)"),
        lambda ctx, args: _number(_rounds(ctx, args).prefetch_related(None).count()),
        args=(arguments.REGION, arguments.STATUS, arguments.PERIOD),
        example="2",
        nouns=("runde", "challenge"),
    )
)
register(
    ValueSpec(
        "ki_challenge_regionen",
        _("Regionen mit KI-Challenge (Standard: durchgeführt im Berichtsjahr)"),
        lambda ctx, args: _number(_round_regions(ctx, args)),
        args=(arguments.STATUS, arguments.PERIOD),
        example="2",
        nouns=("region",),
    )
)
register(
    ValueSpec(
        "regionen",
        _("Regionen des Projekts (ohne thematische wie Internationalisierung)"),
        lambda ctx, args: _number(len(reporting_selectors.regions_for_matrix())),
        example="6",
        nouns=("region", "standort"),
    )
)

# Transfer and communication ----------------------------------------------------------

register(
    ValueSpec(
        "transferprojekte",
        _("Initiierte Transferprojekte (Standard: seit Projektbeginn bis zum Stichtag)"),
        _metric_number("transfer_projects", arguments.TOTAL, list_params={"statuses": "status"}),
        args=(arguments.REGION, arguments.PERIOD, TRANSFER_STATUS),
        example="9",
        nouns=("projekt", "transferprojekt", "projektidee"),
    )
)
register(
    ValueSpec(
        "kommunikationsmassnahmen",
        _("Kommunikationsmaßnahmen (Standard: im Berichtsjahr bis zum Stichtag)"),
        _metric_number("communication_activities", arguments.YEAR, list_params={"kinds": "art"}),
        args=(arguments.REGION, arguments.PERIOD, COMMUNICATION_KIND),
        example="35",
        nouns=("beitrag", "beiträge", "post", "newsletter", "pressemitteilung"),
    )
)


# Targets ----------------------------------------------------------------------


def _target(ctx: ReportContext, args: dict) -> LiveValue:
    wanted = args["key"]
    targets = reporting_selectors.targets_for_project(project=ctx.edition.project)
    target = next((t for t in targets if target_key(t) == wanted), None)
    if target is None:
        raise ArgumentError(
            gettext("Das Ziel „%(key)s“ gehört nicht zum Förderprojekt dieser Ausgabe.")
            % {"key": wanted}
        )
    field = args.get("feld") or "status"
    if field == "titel":
        return LiveValue(target.title)
    if field == "faellig":
        return _day(target.due_date)
    row = target_rows([target], as_of=ctx.as_of, regions=reporting_selectors.regions_for_matrix())[
        0
    ]
    progress = row.progress
    if field == "status":
        return LiveValue(progress.status_label)
    if field == "zielwert":
        return _number(target.target_value)
    if field == "prozent":
        return LiveValue(f"{progress.percentage} %", number=progress.percentage)
    if progress.value is None:
        return LiveValue("–")
    if row.regions:
        return LiveValue(
            regions_phrase(progress.value, progress.target_value),
            number=progress.value,
        )
    return _number(progress.value)


register(
    ValueSpec(
        "ziel",
        _("Ein Ziel des Förderantrags: Status, Wert, Zielwert, Prozent, fällig am, Titel"),
        _target,
        args=(TARGET, TARGET_FIELD),
        required=("key",),
        example="erreicht",
    )
)


# --- Resolving ----------------------------------------------------------------


def _suggestion(key: str) -> str:
    close = difflib.get_close_matches(key, list(VALUES), n=1)
    if not close:
        return ""
    return " " + gettext("Meinten Sie „%(key)s“?") % {"key": close[0]}


def check_reference(reference: Reference) -> tuple[ValueSpec | None, dict]:
    """The value spec and cleaned arguments; problems are added to the reference."""
    spec = get_value_spec(reference.key)
    if spec is None:
        reference.problem(
            gettext("Unbekannter Wert „%(key)s“.") % {"key": reference.key}
            + _suggestion(reference.key)
        )
        return None, {}
    try:
        args = arguments.clean_args(reference.args, spec.allowed_args(), subject=spec.key)
    except ArgumentError as error:
        reference.problem(str(error))
        return spec, {}
    missing = [name for name in spec.required if name not in args]
    if missing:
        reference.problem(
            gettext("Für „%(key)s“ fehlt %(names)s.")
            % {"key": spec.key, "names": ", ".join(f"{name}=…" for name in missing)}
        )
    return spec, args


def resolve(reference: Reference, ctx: ReportContext) -> LiveValue | None:
    """The value of a reference at the context's as-of date; None with a
    problem on the reference when it cannot be computed."""
    spec, args = check_reference(reference)
    if spec is None or not reference.ok:
        return None
    cache_key = (spec.key, tuple(sorted((k, str(v)) for k, v in args.items())))
    if cache_key in ctx.values:
        return ctx.values[cache_key]
    try:
        value = spec.compute(ctx, args)
    except ArgumentError as error:
        reference.problem(str(error))
        return None
    ctx.values[cache_key] = value
    return value


def compute(value_key: str, ctx: ReportContext, /, **args) -> LiveValue:
    """A value by name, for code (the consistency check, tests)."""
    raw = {name: ",".join(v) if isinstance(v, list | tuple) else str(v) for name, v in args.items()}
    reference = Reference(
        kind="wert", key=value_key, args=raw, raw="", start=0, end=0, position=None
    )
    value = resolve(reference, ctx)
    if value is None:
        raise ArgumentError(" ".join(problem.message for problem in reference.problems))
    return value


def cheat_sheet() -> list[dict]:
    """What the section editor lists: every value with its arguments and allowed values."""
    return [
        {
            "key": spec.key,
            "syntax": spec.syntax,
            "label": str(spec.label),
            "example": spec.example,
            "args": [
                {"name": arg.name, "label": str(arg.label), "choices": arg.choices()}
                for arg in spec.args
            ],
        }
        for spec in VALUES.values()
    ]
