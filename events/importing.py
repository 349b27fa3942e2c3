"""Calendar import from Notion's CSV export or a documented CSV/XLSX layout.

All or nothing: every row is turned into an ``Event`` and validated with
``full_clean()`` first; errors are collected per row in German. Only when no
row failed (or ``skip_invalid`` is set) are the events saved, all in one
transaction. A row matches an existing event by title, start date and region,
so importing the same file again updates instead of duplicating.
See ``docs/events-import.md`` for the columns.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import INTERNAL_KINDS, Event, EventKind, EventStatus
from events.notion_dates import parse_notion_date
from events.services import event_save_changed
from events.sizing import effective_size_category
from kiallianz.models import Region
from kiallianz.tabular import (
    ImportReport,
    RowError,
    TableError,
    parse_date,
    read_table,
    resolve_columns,
)

FORMAT_CSV = "csv"
FORMAT_NOTION = "notion"
FORMATS = (FORMAT_CSV, FORMAT_NOTION)

# field -> accepted headers (besides the field name), compared case- and
# punctuation-insensitively by ``resolve_columns``.
_COMMON_COLUMNS = {
    "title": ("Titel", "Name", "Title", "Veranstaltung", "Event"),
    "kind": ("Art", "Typ", "Type", "Kind", "Kategorie", "Category"),
    "region": ("Region",),
    "city": ("Ort", "Stadt", "City", "Location"),
    "venue": ("Veranstaltungsort", "Venue", "Adresse", "Address"),
    "status": ("Status",),
    "participants": (
        "Teilnehmende",
        "Teilnehmer",
        "Teilnehmerzahl",
        "Anzahl Teilnehmende",
        "Participants",
        "Attendees",
    ),
    "description": ("Beschreibung", "Description"),
    "public": ("Öffentlich", "Public", "Website"),
}
CSV_COLUMNS = {
    **_COMMON_COLUMNS,
    "start": ("Beginn", "Datum", "Date", "Start", "Startdatum", "start_date"),
    "end": ("Ende", "Enddatum", "End", "end_date"),
    "start_time": ("Beginn (Uhrzeit)", "Uhrzeit", "Startzeit", "Von"),
    "end_time": ("Ende (Uhrzeit)", "Endzeit", "Bis"),
}
NOTION_COLUMNS = {**_COMMON_COLUMNS, "date": ("Date", "Datum", "Termin", "When", "Wann")}
REQUIRED = {FORMAT_CSV: ("title", "kind", "start"), FORMAT_NOTION: ("title", "kind", "date")}

STATEWIDE_WORDS = {"landesweit", "statewide", "baden-württemberg", "bw"}
ABROAD_WORDS = {"ausland", "abroad", "international"}
# Notion's status property speaks its own words.
STATUS_SYNONYMS = {
    "done": EventStatus.HELD,
    "erledigt": EventStatus.HELD,
    "fertig": EventStatus.HELD,
    "completed": EventStatus.HELD,
    "not started": EventStatus.PLANNED,
    "nicht begonnen": EventStatus.PLANNED,
    "in progress": EventStatus.PLANNED,
    "in bearbeitung": EventStatus.PLANNED,
    "canceled": EventStatus.CANCELLED,
    "abgesagt": EventStatus.CANCELLED,
}
TRUE_WORDS = {"ja", "yes", "true", "wahr", "1", "x", "✓", "öffentlich", "public"}
FALSE_WORDS = {"nein", "no", "false", "falsch", "0", "intern", "internal"}
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?(?:\s*Uhr)?$")
# The event fields an import writes (compared on re-import).
IMPORTED_FIELDS = (
    "title",
    "kind",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "region",
    "area",
    "city",
    "venue",
    "status",
    "expected_participants",
    "actual_participants",
    "report_text",
    "is_public",
)
# Model field -> import column, to put full_clean() errors into the right column.
_FIELD_COLUMNS = {
    "title": "title",
    "kind": "kind",
    "start_date": "start",
    "end_date": "end",
    "start_time": "start_time",
    "end_time": "end_time",
    "region": "region",
    "city": "city",
    "venue": "venue",
    "status": "status",
    "expected_participants": "participants",
    "actual_participants": "participants",
    "report_text": "description",
}


@dataclass
class _Row:
    number: int
    event: Event
    action: str  # "create", "update" or "skip"


class _RowInvalid(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def events_import(
    *,
    data: bytes,
    filename: str = "",
    file_format: str = FORMAT_CSV,
    dry_run: bool = False,
    skip_invalid: bool = False,
    user=None,
) -> ImportReport:
    """Validate every row, then save all in one transaction (unless dry run/errors).

    Raises ``TableError`` when the file as a whole cannot be used.
    """
    if file_format not in FORMATS:
        raise TableError(_("Unbekanntes Format „%(format)s“.") % {"format": file_format})
    table = read_table(data, filename)
    aliases = NOTION_COLUMNS if file_format == FORMAT_NOTION else CSV_COLUMNS
    columns = resolve_columns(table.headers, aliases)
    missing = [name for name in REQUIRED[file_format] if name not in columns]
    if missing:
        raise TableError(
            _("Pflichtspalte fehlt: %(columns)s. Vorhanden: %(headers)s.")
            % {
                "columns": ", ".join(_column_label(name, aliases) for name in missing),
                "headers": ", ".join(h for h in table.headers if h),
            }
        )
    parser = _RowParser(file_format=file_format, columns=columns)
    report = ImportReport(dry_run=dry_run)
    parsed: list[tuple[int, dict]] = []
    seen: dict[tuple, int] = {}
    for number, values in table.rows:
        try:
            fields = parser.fields(values)
        except _RowInvalid as invalid:
            column = columns.get(invalid.column, "")
            report.errors.append(RowError(row=number, message=invalid.message, column=column))
            continue
        key = _key(fields)
        if key in seen:
            report.errors.append(
                RowError(
                    row=number,
                    message=_(
                        "Gleicher Titel, Beginn und Region wie Zeile %(row)s: "
                        "der Termin steht doppelt in der Datei."
                    )
                    % {"row": seen[key]},
                )
            )
            continue
        seen[key] = number
        parsed.append((number, fields))
    existing = _existing_events(fields for _number, fields in parsed)
    rows: list[_Row] = []
    for number, fields in parsed:
        try:
            rows.append(_build(number, fields, existing.get(_key(fields)), user))
        except ValidationError as error:
            report.errors.extend(_row_errors(number, error, columns))
    report.errors.sort(key=lambda error: error.row)
    for row in rows:
        if row.action == "create":
            report.created += 1
        elif row.action == "update":
            report.updated += 1
        else:
            report.skipped += 1
    if report.errors:
        if not skip_invalid:
            return report
        report.skipped += len({error.row for error in report.errors})
    if dry_run or not any(row.action != "skip" for row in rows):
        report.saved = not dry_run and bool(rows)
        return report
    with transaction.atomic():
        for row in rows:
            _save(row)
    report.saved = True
    return report


def _save(row: _Row) -> None:
    event = row.event
    if row.action == "create":
        event.save()
    elif row.action == "update":
        event_save_changed(event, fields=[*IMPORTED_FIELDS, "size_category"], version=event.version)


def _key(fields: dict) -> tuple:
    region = fields["region"]
    return (fields["title"].casefold(), fields["start_date"], region.pk if region else None)


def _existing_events(all_fields) -> dict[tuple, Event]:
    """The events the rows match, fetched in one query."""
    all_fields = list(all_fields)
    dates = {fields["start_date"] for fields in all_fields}
    titles = {fields["title"].casefold() for fields in all_fields}
    existing = {}
    for event in Event.objects.filter(start_date__in=dates).order_by("-id"):
        if event.title.casefold() in titles:
            # Ordered newest first so the oldest match wins.
            existing[(event.title.casefold(), event.start_date, event.region_id)] = event
    return existing


def _build(number: int, fields: dict, existing: Event | None, user) -> _Row:
    if existing is None:
        event = Event(**fields, created_by=user)
        action = "create"
    else:
        event = existing
        changed = any(getattr(event, name) != value for name, value in fields.items())
        for name, value in fields.items():
            setattr(event, name, value)
        action = "update" if changed else "skip"
    event.size_category = effective_size_category(event)
    event.full_clean()
    return _Row(number=number, event=event, action=action)


class _RowParser:
    def __init__(self, *, file_format: str, columns: dict[str, str]):
        self.file_format = file_format
        self.columns = columns
        self.today = timezone.localdate()
        self.regions = list(Region.objects.filter(is_active=True).order_by("name"))
        self.kinds = _choice_lookup(EventKind)
        self.statuses = {**_choice_lookup(EventStatus), **STATUS_SYNONYMS}

    def value(self, values: dict, name: str) -> str:
        header = self.columns.get(name)
        if header is None:
            return ""
        raw = values.get(header, "")
        if isinstance(raw, datetime.datetime | datetime.date | datetime.time):
            return raw
        return "" if raw is None else str(raw).strip()

    def fields(self, values: dict) -> dict:
        fields = {"title": str(self.value(values, "title"))}
        if not fields["title"]:
            raise _RowInvalid("title", _("Der Titel fehlt."))
        fields["kind"] = self._kind(self.value(values, "kind"))
        fields.update(self._dates(values))
        fields.update(self._region(self.value(values, "region")))
        fields["city"] = self.value(values, "city")
        fields["venue"] = self.value(values, "venue")
        fields["report_text"] = self.value(values, "description")
        fields["status"] = self._status(self.value(values, "status"), fields["start_date"])
        participants = self._participants(self.value(values, "participants"))
        held = fields["status"] == EventStatus.HELD
        fields["actual_participants"] = participants if held else None
        fields["expected_participants"] = None if held else participants
        fields["is_public"] = self._public(self.value(values, "public"), fields["kind"])
        return fields

    def _kind(self, text: str) -> str:
        if not text:
            raise _RowInvalid("kind", _("Die Art fehlt."))
        kind = self.kinds.get(text.casefold())
        if kind is None:
            raise _RowInvalid(
                "kind",
                _("Unbekannte Art „%(value)s“. Erlaubt: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(str(label) for label in EventKind.labels)},
            )
        return kind

    def _dates(self, values: dict) -> dict:
        if self.file_format == FORMAT_NOTION:
            try:
                span = parse_notion_date(self.value(values, "date"))
            except ValueError as error:
                raise _RowInvalid("date", str(error)) from None
            start_date, start_time = span.start_date, span.start_time
            end_date, end_time = span.end_date, span.end_time
            end_column = "date"
        else:
            start_date = self._date(values, "start", required=True)
            end_date = self._date(values, "end", required=False) or start_date
            start_time = self._time(values, "start_time")
            end_time = self._time(values, "end_time")
            end_column = "end"
        if end_date < start_date or (
            end_date == start_date and start_time and end_time and end_time < start_time
        ):
            raise _RowInvalid(end_column, _("Das Ende liegt vor dem Beginn."))
        return {
            "start_date": start_date,
            "start_time": start_time,
            "end_date": end_date,
            "end_time": end_time,
        }

    def _date(self, values: dict, name: str, *, required: bool):
        text = self.value(values, name)
        if text in ("", None):
            if required:
                raise _RowInvalid(name, _("Das Datum fehlt."))
            return None
        try:
            return parse_date(text)
        except ValueError as error:
            try:  # "13. März 2024" also works in the generic layout
                return parse_notion_date(str(text)).start_date
            except ValueError:
                raise _RowInvalid(name, str(error)) from None

    def _time(self, values: dict, name: str):
        text = self.value(values, name)
        if text in ("", None):
            return None
        if isinstance(text, datetime.time):
            return text
        match = _TIME.match(str(text))
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return datetime.time(int(match[1]), int(match[2]))
        raise _RowInvalid(
            name, _("„%(value)s“ ist keine gültige Uhrzeit (HH:MM).") % {"value": text}
        )

    def _region(self, text: str) -> dict:
        key = text.casefold()
        if key in ("", *STATEWIDE_WORDS):
            return {"region": None, "area": Event.Area.STATEWIDE}
        if key in ABROAD_WORDS:
            return {"region": None, "area": Event.Area.ABROAD}
        for region in self.regions:
            if key in (region.name.casefold(), region.slug):
                return {"region": region, "area": Event.Area.REGIONAL}
        allowed = [region.name for region in self.regions] + [_("landesweit"), _("Ausland")]
        raise _RowInvalid(
            "region",
            _("Unbekannte Region „%(value)s“. Erlaubt: %(allowed)s.")
            % {"value": text, "allowed": ", ".join(allowed)},
        )

    def _status(self, text: str, start_date: datetime.date) -> str:
        if not text:
            return EventStatus.HELD if start_date <= self.today else EventStatus.PLANNED
        status = self.statuses.get(text.casefold())
        if status is None:
            raise _RowInvalid(
                "status",
                _("Unbekannter Status „%(value)s“. Erlaubt: %(allowed)s.")
                % {
                    "value": text,
                    "allowed": ", ".join(str(label) for label in EventStatus.labels),
                },
            )
        return status

    def _participants(self, text) -> int | None:
        if text in ("", None):
            return None
        try:
            number = int(str(text).replace(".", "").replace(" ", "").removesuffix(",0"))
        except ValueError:
            raise _RowInvalid(
                "participants",
                _("„%(value)s“ ist keine ganze Zahl von Teilnehmenden.") % {"value": text},
            ) from None
        if number < 0:
            raise _RowInvalid(
                "participants", _("Die Zahl der Teilnehmenden darf nicht negativ sein.")
            )
        return number

    def _public(self, text: str, kind: str) -> bool:
        key = str(text).casefold()
        if key == "":
            return kind not in INTERNAL_KINDS
        if key in TRUE_WORDS:
            if kind in INTERNAL_KINDS:
                raise _RowInvalid("public", _("Interne Termine können nicht öffentlich sein."))
            return True
        if key in FALSE_WORDS:
            return False
        raise _RowInvalid(
            "public", _("„%(value)s“ ist kein Ja/Nein-Wert (ja, nein).") % {"value": text}
        )


def _choice_lookup(choices) -> dict[str, str]:
    """Key, German label and English label of each choice, case-folded."""
    lookup = {}
    for value, label in choices.choices:
        lookup[value.casefold()] = value
        for language in ("de", "en"):
            with translation.override(language):
                lookup[str(label).casefold()] = value
    return lookup


def _column_label(name: str, aliases: dict) -> str:
    names = aliases.get(name, ())
    return f"„{names[0]}“" if names else f"„{name}“"


def _row_errors(number: int, error: ValidationError, columns: dict[str, str]) -> list[RowError]:
    errors = []
    for field_name, messages in error.message_dict.items():
        column = columns.get(_FIELD_COLUMNS.get(field_name, ""), "")
        if not column and field_name != "__all__":
            column = str(Event._meta.get_field(field_name).verbose_name)
        errors.extend(RowError(row=number, message=message, column=column) for message in messages)
    return errors
