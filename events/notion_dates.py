"""Date cells of Notion's CSV export, in English or German.

Notion writes a date property as text in the workspace's language, e.g.

- ``March 13, 2024``
- ``March 13, 2024 → March 14, 2024``
- ``March 13, 2024 6:00 PM (GMT+1) → 10:00 PM``
- ``13. März 2024 → 14. März 2024``
- ``13. März 2024 18:00``

A time zone in brackets applies to both ends; times are converted to
Europe/Berlin, the calendar's zone. Without one the times are taken as
Berlin times already.
"""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from kiallianz.tabular import parse_date

BERLIN = ZoneInfo("Europe/Berlin")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar", "jänner"),
            ("february", "feb", "februar"),
            ("march", "mar", "märz", "maerz", "mär", "mrz"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "jun", "juni"),
            ("july", "jul", "juli"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober", "okt"),
            ("november", "nov"),
            ("december", "dec", "dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}

_ZONE = re.compile(
    r"\(\s*(?:GMT|UTC)\s*(?:(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?\s*\)", re.I
)
_ENGLISH_DATE = re.compile(r"^(?P<month>[^\W\d_]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})")
_GERMAN_DATE = re.compile(r"^(?P<day>\d{1,2})\.\s*(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d{4})")
_NUMERIC_DATE = re.compile(
    r"^(?P<text>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}/\d{1,2}/\d{1,2})"
)
_TIME = re.compile(
    r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?:Uhr)?$"
)


@dataclass(frozen=True)
class DateRange:
    start_date: datetime.date
    start_time: datetime.time | None
    end_date: datetime.date
    end_time: datetime.time | None


def parse_notion_date(value: str) -> DateRange:
    """The start and end of a Notion date cell; ValueError (German) if unreadable."""
    text = " ".join(str(value or "").split())
    if not text:
        raise ValueError(_("Das Datum fehlt."))
    zone = _zone(text)
    text = _ZONE.sub("", text).strip()
    parts = [part.strip() for part in re.split(r"→|->", text)]
    if len(parts) > 2 or not all(parts):
        raise _invalid(value)
    start_date, start_time = _date_and_time(parts[0], value)
    end_date, end_time = start_date, None
    if len(parts) == 2:
        only_time = _time(parts[1])
        if only_time is not None:
            end_time = only_time
        else:
            end_date, end_time = _date_and_time(parts[1], value)
    start_date, start_time = _to_berlin(start_date, start_time, zone)
    end_date, end_time = _to_berlin(end_date, end_time, zone)
    return DateRange(start_date, start_time, end_date, end_time)


def _invalid(value) -> ValueError:
    return ValueError(
        _(
            "„%(value)s“ ist keine gültige Datumsangabe "
            "(z. B. „March 13, 2024“ oder „13. März 2024 18:00“)."
        )
        % {"value": value}
    )


def _zone(text: str) -> datetime.tzinfo | None:
    match = _ZONE.search(text)
    if match is None:
        return None
    if not match["hours"]:
        return datetime.UTC
    offset = datetime.timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
    return datetime.timezone(-offset if match["sign"] == "-" else offset)


def _date_and_time(part: str, original) -> tuple[datetime.date, datetime.time | None]:
    for pattern in (_ENGLISH_DATE, _GERMAN_DATE):
        match = pattern.match(part)
        if match is None:
            continue
        month = MONTHS.get(match["month"].lower())
        if month is None:
            raise _invalid(original)
        try:
            day = datetime.date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            raise _invalid(original) from None
        return day, _rest_time(part[match.end() :], original)
    match = _NUMERIC_DATE.match(part)
    if match is not None:
        try:
            day = parse_date(match["text"].replace("/", "-"))
        except ValueError:
            raise _invalid(original) from None
        return day, _rest_time(part[match.end() :], original)
    raise _invalid(original)


def _rest_time(rest: str, original) -> datetime.time | None:
    rest = rest.strip()
    if not rest:
        return None
    time = _time(rest)
    if time is None:
        raise _invalid(original)
    return time


def _time(text: str) -> datetime.time | None:
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = (match["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def _to_berlin(day: datetime.date, time: datetime.time | None, zone):
    if time is None or zone is None:
        return day, time
    moment = datetime.datetime.combine(day, time, tzinfo=zone).astimezone(BERLIN)
    return moment.date(), moment.time().replace(tzinfo=None)
