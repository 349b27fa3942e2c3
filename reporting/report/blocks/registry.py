"""The block registry and the context that collects figures in document order."""

import dataclasses
import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils.translation import gettext

from events.models import EventKind

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
    # Arguments of a block placed in the prose ([[block:KEY region=… art=…]]),
    # cleaned by reporting.report.arguments; empty for appended blocks.
    args: dict = field(default_factory=dict)
    # Live values computed once per document (key and arguments → value).
    values: dict = field(default_factory=dict)
    _shown_photo_ids: set[int] = field(default_factory=set)

    def for_block(self, args: dict) -> "ReportContext":
        """The same document (figures, warnings, photos shown) seen with a block's arguments."""
        return dataclasses.replace(self, args=dict(args))

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
    # Names of the arguments the block understands when placed in the prose
    # (see reporting.report.arguments.BLOCK_ARGS); the block reads ``ctx.args``.
    args: tuple[str, ...] = ()


BLOCKS: dict[str, DataBlock] = {}


def register(
    key: str,
    label,
    *,
    rows: Callable[[dict], tuple[list[str], list[list]]],
    args: tuple[str, ...] = (),
):
    def decorator(collect: Callable[[ReportContext], dict]):
        BLOCKS[key] = DataBlock(
            key=key,
            label=label,
            template=f"reporting/report/blocks/{key}.html",
            collect=collect,
            rows=rows,
            args=tuple(args),
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
