"""Arguments of live values and placed blocks (``region=…``, ``art=…`` …).

One definition per argument, shared by ``values.py`` and the block registry,
so a writer meets the same names and the same German messages everywhere.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import EventKind, EventWorkPackage
from kiallianz.models import Region

HELD = "durchgefuehrt"
PLANNED = "geplant"

YEAR = "jahr"
UNTIL_AS_OF = "bis_stichtag"
TOTAL = "gesamt"
AFTER_AS_OF = "nach_stichtag"


class ArgumentError(ValueError):
    """A German message for the writer."""


@dataclass(frozen=True)
class Arg:
    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    # Several values separated by commas: art=own_event,co_organised
    multiple: bool = False

    def clean(self, raw: str):
        allowed = dict(self.choices())
        values = [part.strip() for part in raw.split(",")] if self.multiple else [raw.strip()]
        unknown = [value for value in values if value not in allowed]
        if unknown or not values or not all(values):
            raise ArgumentError(
                gettext("„%(value)s“ ist kein erlaubter Wert für „%(name)s“. Erlaubt: %(allowed)s.")
                % {
                    "value": ", ".join(unknown) or raw,
                    "name": self.name,
                    "allowed": ", ".join(allowed),
                }
            )
        return values if self.multiple else values[0]


def region_choices() -> list[tuple[str, str]]:
    return list(Region.objects.order_by("id").values_list("slug", "name"))


def event_kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in EventKind.choices]


def status_choices() -> list[tuple[str, str]]:
    return [(HELD, gettext("durchgeführt")), (PLANNED, gettext("geplant"))]


def period_choices() -> list[tuple[str, str]]:
    return [
        (YEAR, gettext("im Berichtszeitraum bis zum Stichtag (Standard)")),
        (UNTIL_AS_OF, gettext("vom Beginn des Berichtszeitraums bis zum Stichtag")),
        (TOTAL, gettext("seit Projektbeginn bis zum Stichtag")),
        (AFTER_AS_OF, gettext("nach dem Stichtag (geplant)")),
    ]


def work_package_choices() -> list[tuple[str, str]]:
    return [(str(number), str(label)) for number, label in EventWorkPackage.Number.choices]


REGION = Arg("region", _("Region"), region_choices)
KIND = Arg("art", _("Art der Veranstaltung"), event_kind_choices, multiple=True)
STATUS = Arg("status", _("durchgeführt oder geplant"), status_choices)
PERIOD = Arg("zeitraum", _("Zeitraum"), period_choices)
# Record paragraphs: a record is narrated once, in the chapter of its first
# (lowest-numbered) work package.
WORK_PACKAGE = Arg("ap", _("Arbeitspaket (das erste des Eintrags)"), work_package_choices)

BLOCK_ARGS = {arg.name: arg for arg in (REGION, KIND, STATUS, PERIOD, WORK_PACKAGE)}


def clean_args(raw: dict[str, str], allowed: dict[str, Arg], *, subject: str) -> dict:
    """Known arguments only, each checked; ArgumentError lists what is wrong."""
    messages = []
    cleaned = {}
    for name, value in raw.items():
        arg = allowed.get(name)
        if arg is None:
            known = ", ".join(allowed) or gettext("keine")
            messages.append(
                gettext("„%(subject)s“ kennt kein Argument „%(name)s“ (möglich: %(known)s).")
                % {"subject": subject, "name": name, "known": known}
            )
            continue
        try:
            cleaned[name] = arg.clean(value)
        except ArgumentError as error:
            messages.append(str(error))
    if messages:
        raise ArgumentError(" ".join(messages))
    return cleaned


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date

    @property
    def empty(self) -> bool:
        return self.end < self.start


def held_window(ctx, period: str | None) -> Window:
    """Where held records count: up to the as-of date, never after it."""
    period = period or UNTIL_AS_OF
    if period == YEAR:
        return Window(ctx.start, ctx.counted_until)
    if period == TOTAL:
        return Window(min(ctx.edition.project.start_date, ctx.start), ctx.as_of)
    if period == AFTER_AS_OF:
        return Window(ctx.after_as_of, ctx.as_of)  # empty: nothing is held after the as-of date
    return Window(ctx.start, ctx.as_of)


def planned_window(ctx, period: str | None) -> Window:
    """Where planned records count: after the as-of date."""
    if period == YEAR:
        return Window(ctx.after_as_of, ctx.end)
    return Window(ctx.after_as_of, ctx.planned_until)
