"""Time the contacts import: a generated file, dry run, import, re-import.

    python benchmarks/import_contacts.py [ROWS] [--postgres]

Runs against a throw-away database (SQLite in memory, or with --postgres a
fresh ``kiallianz_scale_bench``), so it never touches real data. Prints
seconds, rows per second, the CPU of this process and of the PostgreSQL
backend, and queries per row for each phase, and the peak memory (the
target: 20,000 rows in 10 s, 2,000 rows/s).
"""

import resource
import sys
import time

from _database import backend_cpu, backend_pid, configure, record

BACKEND = configure()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from contacts.importing import TEMPLATE_HEADERS, contacts_import  # noqa: E402
from kiallianz.models import Offer, Region, User  # noqa: E402
from kiallianz.tabular import csv_bytes  # noqa: E402

REGIONS = ["Karlsruhe", "Stuttgart", "Freiburg", "Neckar-Alb", "Ostalbkreis", "Nordschwarzwald"]


def generate(rows: int) -> bytes:
    """About three rows per organisation, some without person or date."""
    lines = []
    for n in range(rows):
        organisation = n // 3
        region = REGIONS[organisation % len(REGIONS)]
        lines.append(
            [
                f"Beispiel Präzision {organisation} GmbH",
                "Unternehmen",
                f"www.beispiel-{organisation}.de",
                f"{70000 + organisation}",
                region,
                region,
                f"Vorname{n}",
                f"Nachname{n}",
                "Geschäftsführung",
                f"person{n}@beispiel-{organisation}.de",
                f"0721 {n:06d}",
                f"{1 + n % 28:02d}.{1 + n % 12:02d}.2024" if n % 5 else "",
                "cm-karlsruhe",
                "Messe" if n % 2 else "Unternehmensbesuch",
                "KI-Challenge" if n % 4 == 0 else "",
                "Speaker:in" if n % 7 == 0 else "",
                "Notiz mit Umlauten: äöü ß",
            ]
        )
    return csv_bytes(TEMPLATE_HEADERS, lines)


def main() -> None:
    # The duplicate suggestions an import enqueues are computed by a worker
    # in production (eagerly here): benchmarks/duplicate_pairs.py times them.
    import contacts.importing.service

    contacts.importing.service.duplicate_suggestions_schedule = lambda: None
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    call_command("migrate", verbosity=0)
    for name in REGIONS:
        Region.objects.get_or_create(name=name, slug=name.lower())
    Offer.objects.get_or_create(name="KI-Challenge", slug="ki-challenge")
    user = User.objects.create(username="cm-karlsruhe", role=User.Role.COMMUNITY_MANAGER)
    data = generate(rows)
    print(f"{BACKEND}: {rows} Zeilen, {len(data) / 1024:.0f} KiB CSV")
    phases = (
        ("dry_run", "Probelauf", True),
        ("import", "Import", False),
        ("reimport", "Erneuter Import", False),
    )
    for key, label, dry_run in phases:
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        pid = backend_pid()
        with connection.execute_wrapper(count):
            backend_start = backend_cpu(pid)
            start, cpu_start = time.perf_counter(), time.process_time()
            report = contacts_import(data=data, filename="bench.csv", user=user, dry_run=dry_run)
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu_start
            database_cpu = backend_cpu(pid) - backend_start
        assert report.ok, report.errors[:3]
        database = "" if pid is None else f", PostgreSQL-CPU {database_cpu:5.2f} s"
        print(
            f"{label:16s} {seconds:6.2f} s  {rows / seconds:7.0f} Zeilen/s  "
            f"(Python-CPU {cpu:5.2f} s{database})  "
            f"{len(queries) / rows:5.2f} Abfragen/Zeile  "
            f"neu={report.created} ergänzt={report.updated} unverändert={report.skipped}"
        )
        record("import", {key: {"seconds": seconds, "rows_per_second": rows / seconds}})

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Speicher (Spitze des Prozesses): {peak:.0f} MB")


if __name__ == "__main__":
    main()
