"""Where a benchmark runs: SQLite in memory, or a fresh PostgreSQL database.

    python benchmarks/<script>.py [--postgres] ...

``--postgres`` (or BENCH_POSTGRES_URL) drops and recreates the throw-away
database ``kiallianz_scale_bench`` on 127.0.0.1, so no real data is touched.
Call ``configure()`` before ``django.setup()``.
"""

import os
import sys
from pathlib import Path

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kiallianz_scale_bench"


def configure() -> str:
    """Point Django at the benchmark database; returns its label."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings_test")
    url = os.environ.get("BENCH_POSTGRES_URL", "")
    if "--postgres" in sys.argv:
        sys.argv.remove("--postgres")
        url = url or DEFAULT_POSTGRES_URL
    if not url:
        os.environ["DATABASE_URL"] = "sqlite://:memory:"
        return "SQLite"
    _recreate(url)
    os.environ["DATABASE_URL"] = url
    return "PostgreSQL"


def _recreate(url: str) -> None:
    import psycopg2

    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
