"""How long the interim report takes: collecting live data vs. WeasyPrint.

Run on a database with demo data (``python manage.py load_demo``)::

    DJANGO_SETTINGS_MODULE=kiallianz.settings DEBUG=true \\
        python benchmarks/report_render.py [--year 2024] [--runs 3] [--extra-events 300]

``--extra-events N`` adds N synthetic events (with descriptions, a third of
them with a photo) inside a transaction that is rolled back afterwards, to
see how the report scales beyond the demo data.
"""

import argparse
import datetime
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from events.models import Event, EventKind, EventPhoto, EventStatus  # noqa: E402
from kiallianz.models import Region  # noqa: E402
from reporting.models import ReportEdition  # noqa: E402
from reporting.report import rendering  # noqa: E402
from reporting.report.selectors import report_document  # noqa: E402


class Rollback(Exception):
    pass


def add_synthetic_events(count: int, year: int) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 90, 160)).save(buffer, format="JPEG")
    jpeg = buffer.getvalue()
    regions = list(Region.objects.all()) or [None]
    kinds = [EventKind.OWN_EVENT, EventKind.TRADE_FAIR, EventKind.WORKSHOP_NEW_TOPICS]
    for index in range(count):
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=index % 360)
        event = Event.objects.create(
            title=f"Benchmark-Veranstaltung {index}",
            kind=kinds[index % len(kinds)],
            start_date=day,
            end_date=day,
            region=regions[index % len(regions)],
            city="Stuttgart",
            status=EventStatus.HELD,
            description="Vorträge, Podiumsdiskussion und Networking. " * 6,
        )
        if index % 3 == 0:
            photo = EventPhoto(event=event, caption=f"Impression {index}")
            photo.image.save("bench.jpg", ContentFile(jpeg), save=True)


def measure(edition, runs: int) -> None:
    for run in range(1, runs + 1):
        with translation.override("de"), timezone.override("Europe/Berlin"):
            reset_queries()
            started = time.perf_counter()
            document = report_document(edition=edition)
            collected = time.perf_counter()
            queries = len(connection.queries)
            html = rendering.render_html(document)
            templated = time.perf_counter()
            laid_out = rendering.layout_pdf(html)
            layout_done = time.perf_counter()
            pdf = laid_out.write_pdf()
            written = time.perf_counter()
        print(
            f"Lauf {run}: Daten sammeln {1000 * (collected - started):7.1f} ms"
            f" ({queries} Abfragen) | HTML {1000 * (templated - collected):6.1f} ms"
            f" | WeasyPrint-Layout {1000 * (layout_done - templated):7.1f} ms"
            f" ({len(laid_out.pages)} Seiten) | PDF schreiben"
            f" {1000 * (written - layout_done):6.1f} ms | {len(pdf) / 1024:.0f} KiB,"
            f" {len(document.figures)} Bilder"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra-events", type=int, default=0)
    args = parser.parse_args()
    edition = ReportEdition.objects.filter(year=args.year).first()
    if edition is None:
        from reporting.demo.report import load_report_demo

        edition = load_report_demo()
    print(f"Ausgabe {edition.pk} ({edition.year}), Stichtag {edition.as_of:%d.%m.%Y}")
    if not args.extra_events:
        measure(edition, args.runs)
        return
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                add_synthetic_events(args.extra_events, args.year)
                print(f"+ {args.extra_events} synthetische Veranstaltungen (werden verworfen)")
                measure(edition, args.runs)
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
