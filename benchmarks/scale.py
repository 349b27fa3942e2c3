"""Every figure of issue 14 in one run, on SQLite and on PostgreSQL.

    python benchmarks/scale.py [--sqlite-only]

Runs ``import_contacts.py``, ``duplicate_pairs.py`` and ``list_pages.py``
(each at its default size: 20,000 rows, 6,800 organisations and 20,000
persons, 20,000 contacts beside the demo) on SQLite, then on PostgreSQL
where it answers on 127.0.0.1 (throw-away databases, see _database.py),
shows their output as it comes, and ends with one table of the figures
against their targets. About 15 minutes on this machine.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("import_contacts.py", "duplicate_pairs.py", "list_pages.py")
LIST_RATIO_TARGET = 1.3
SEARCH_TARGET_MS = 100  # on PostgreSQL
ROWS_TARGET = 2000
QUALITY_TARGET = 0.9


def postgres_answers() -> bool:
    import psycopg2

    try:
        psycopg2.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
    except psycopg2.Error:
        return False
    return True


def run(backend: str) -> dict:
    """The three benchmarks on one backend; their recorded figures."""
    with tempfile.TemporaryDirectory(prefix="kiallianz-scale-") as folder:
        summary = Path(folder) / "summary.json"
        env = {**os.environ, "BENCH_SUMMARY": str(summary)}
        for script in SCRIPTS:
            args = [sys.executable, str(HERE / script)]
            if backend == "PostgreSQL":
                args.append("--postgres")
            print(f"\n=== {backend}: {script}", flush=True)
            subprocess.run(args, env=env, check=True)  # noqa: S603 (our own scripts)
        return json.loads(summary.read_text())


def verdict(ok: bool) -> str:
    return "erreicht" if ok else "VERFEHLT"


def rows(figures: dict, backend: str) -> list[tuple[str, str, str]]:
    """(figure, value, verdict) for one backend."""
    result = []
    for key, label in (("dry_run", "Probelauf"), ("import", "Import")):
        rate = figures["import"][key]["rows_per_second"]
        result.append(
            (f"{label}, Zeilen/s (≥ {ROWS_TARGET:,})", f"{rate:,.0f}", verdict(rate >= ROWS_TARGET))
        )
    duplicates = figures["duplicates"]
    for key, label in (("precision", "Präzision"), ("recall", "Trefferquote")):
        value = duplicates[key]
        result.append(
            (f"Dubletten, {label} (≥ 0,9)", f"{value:.2f}", verdict(value >= QUALITY_TARGET))
        )
    result.append(("Dublettenseite, ms", f"{duplicates['page']['ms']:.0f}", ""))
    pages = figures["list_pages"]
    worst = max(pages, key=lambda url: pages[url]["cpu_ratio"])
    ratio = pages[worst]["cpu_ratio"]
    result.append(
        (
            f"Listen, größter Faktor (≤ {LIST_RATIO_TARGET})",
            f"{ratio:.2f}× {worst}",
            verdict(ratio <= LIST_RATIO_TARGET),
        )
    )
    slowest = max(figures["global_search"].values(), key=lambda timing: timing["ms"])["ms"]
    target = backend == "PostgreSQL"
    result.append(
        (
            "Globale Suche, langsamste, ms" + (f" (≤ {SEARCH_TARGET_MS})" if target else ""),
            f"{slowest:.0f}",
            verdict(slowest <= SEARCH_TARGET_MS) if target else "",
        )
    )
    return result


def main() -> None:
    backends = ["SQLite"]
    if "--sqlite-only" not in sys.argv:
        if postgres_answers():
            backends.append("PostgreSQL")
        else:
            print("PostgreSQL antwortet nicht auf 127.0.0.1:5432: nur SQLite.")
    results = {backend: run(backend) for backend in backends}
    print("\n=== Issue 14: alle Zahlen")
    for backend, figures in results.items():
        print(f"\n{backend}")
        for figure, value, judged in rows(figures, backend):
            print(f"  {figure:42s} {value:48s} {judged}")


if __name__ == "__main__":
    main()
