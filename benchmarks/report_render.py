"""How long the interim report takes: collecting live data vs. WeasyPrint.

Run on a database with demo data (``python manage.py load_demo``)::

    DJANGO_SETTINGS_MODULE=kiallianz.settings DEBUG=true \\
        python benchmarks/report_render.py [--year 2024] [--runs 3] [--extra-events 300]

Prints, per run, the CPU time (``time.process_time``: other processes on the
machine do not count) of data collection (live values, placed and appended
blocks), the consistency check the export runs, HTML, WeasyPrint layout and
PDF writing — for the archival tagged PDF/A-3b the export writes, and for a
plain PDF to compare (``--plain-too``).

``--extra-events N`` adds N synthetic events (with report texts, a third of
them with a photo) inside a transaction that is rolled back afterwards, to
see how the report scales beyond the demo data.
"""

import argparse
import datetime
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from events.models import (  # noqa: E402
    Event,
    EventKind,
    EventPhoto,
    EventStatus,
    EventWorkPackage,
)
from kiallianz.models import Region  # noqa: E402
from reporting.models import ReportEdition  # noqa: E402
from reporting.report import rendering  # noqa: E402
from reporting.report.exporters import check_warnings  # noqa: E402
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
            report_text="Vorträge, Podiumsdiskussion und Networking. " * 6,
        )
        # AP3: the demo narratives place the event paragraphs by work package.
        EventWorkPackage.objects.create(event=event, number=3)
        if index % 3 == 0:
            photo = EventPhoto(event=event, caption=f"Impression {index}")
            photo.image.save("bench.jpg", ContentFile(jpeg), save=True)


PLAIN = {"pdf_variant": None, "pdf_tags": False}


def measure_once(edition, options: dict) -> dict:
    clock = time.process_time
    with translation.override("de"), timezone.override("Europe/Berlin"):
        reset_queries()
        started = clock()
        document = report_document(edition=edition)
        collected = clock()
        queries = len(connection.queries)
        check_warnings(edition, document)
        checked = clock()
        html = rendering.render_html(document)
        templated = clock()
        laid_out = rendering.layout_pdf(html, **options)
        layout_done = clock()
        pdf = rendering.write_pdf(laid_out, **options)
        written = clock()
    return {
        "data": collected - started,
        "queries": queries,
        "check": checked - collected,
        "html": templated - checked,
        "layout": layout_done - templated,
        "write": written - layout_done,
        "total": written - started,
        "pages": len(laid_out.pages),
        "size": len(pdf),
        "figures": len(document.figures),
    }


def measure(edition, runs: int, plain_too: bool) -> None:
    variants = [("PDF/A-3b mit Tags", {})] + ([("einfaches PDF", PLAIN)] if plain_too else [])
    medians = {}
    for label, options in variants:
        results = []
        for run in range(1, runs + 1):
            r = measure_once(edition, options)
            results.append(r)
            print(
                f"{label}, Lauf {run} (CPU): Daten sammeln {1000 * r['data']:6.0f} ms"
                f" ({r['queries']} Abfragen) | Prüfung {1000 * r['check']:5.0f} ms"
                f" | HTML {1000 * r['html']:4.0f} ms"
                f" | Layout {1000 * r['layout']:6.0f} ms ({r['pages']} Seiten)"
                f" | PDF schreiben {1000 * r['write']:5.0f} ms"
                f" | gesamt {r['total']:.2f} s | {r['size'] / 1024:.0f} KiB, {r['figures']} Bilder"
            )
        medians[label] = {
            key: statistics.median(r[key] for r in results) for key in ("layout", "total")
        }
    for label, median in medians.items():
        print(
            f"Median {label}: Layout {median['layout']:.2f} s,"
            f" Export gesamt {median['total']:.2f} s CPU"
        )
    if plain_too:
        tagged, plain = medians[variants[0][0]], medians[variants[1][0]]
        growth = 100 * (tagged["layout"] / plain["layout"] - 1)
        print(f"Layout PDF/A+Tags gegenüber einfachem PDF: {growth:+.0f} %")


def measure_with_extra_events(edition, args) -> None:
    try:
        with transaction.atomic():
            add_synthetic_events(args.extra_events, args.year)
            print(f"+ {args.extra_events} synthetische Veranstaltungen (werden verworfen)")
            measure(edition, args.runs, args.plain_too)
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--extra-events", type=int, default=0)
    parser.add_argument("--plain-too", action="store_true", help="auch ein einfaches PDF messen")
    args = parser.parse_args()
    edition = ReportEdition.objects.filter(year=args.year).first()
    if edition is None:
        from reporting.demo.report import load_report_demo

        edition = load_report_demo()
    print(f"Ausgabe {edition.pk} ({edition.year}), Stichtag {edition.as_of:%d.%m.%Y}")
    if not args.extra_events:
        measure(edition, args.runs, args.plain_too)
        return
    with tempfile.TemporaryDirectory() as media:
        # The demo's photos stay in the report; the synthetic ones go away with the copy.
        if Path(settings.MEDIA_ROOT).is_dir():
            shutil.copytree(settings.MEDIA_ROOT, media, dirs_exist_ok=True)
        with override_settings(MEDIA_ROOT=media):
            measure_with_extra_events(edition, args)


if __name__ == "__main__":
    main()
