"""The photos block: figures not shown with their event."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import selectors as event_selectors
from reporting.report.blocks.common import (
    held_events,
)
from reporting.report.blocks.registry import (
    ReportContext,
    figure_pairs,
    register,
)


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


@register(
    "photos",
    _("Weitere Bilder aus dem Berichtszeitraum"),
    rows=_photo_rows,
    args=("region", "art", "zeitraum"),
)
def collect_photos(ctx: ReportContext) -> dict:
    held = held_events(event_selectors.events_in_period, ctx)
    return {"figures": figure_pairs(ctx.figures_for(held))}
