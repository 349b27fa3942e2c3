"""Where a benchmark runs: SQLite in memory, or a fresh PostgreSQL database.

    python benchmarks/<script>.py [--postgres] ...

``--postgres`` (or BENCH_POSTGRES_URL) drops and recreates the throw-away
database ``kiallianz_scale_bench`` on 127.0.0.1, so no real data is touched.
Call ``configure()`` before ``django.setup()``. ``second_database()`` gives a
connection to one more throw-away database beside it.
"""

import os
import sys
import tempfile
from pathlib import Path

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/kiallianz_scale_bench"


def configure() -> str:
    """Point Django at the benchmark database; returns its label."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings_test")
    # Demo photos and logos go to a throw-away folder, not the checkout.
    os.environ.setdefault("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="kiallianz-bench-media-"))
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


def second_database(suffix: str):
    """A connection (for the alias "default") to a second throw-away
    database: on SQLite another in-memory one, on PostgreSQL
    ``kiallianz_scale_bench_<suffix>``, recreated. Call after
    ``django.setup()``; install it with ``connections["default"] = …``."""
    from django.db import connections
    from django.db.utils import load_backend

    settings = dict(connections.settings["default"])
    if "postgresql" in settings["ENGINE"]:
        settings["NAME"] = f"{settings['NAME']}_{suffix}"
        _recreate(f"{os.environ['DATABASE_URL']}_{suffix}")
    return load_backend(settings["ENGINE"]).DatabaseWrapper(settings, "default")


def backend_pid() -> int | None:
    """The PostgreSQL backend process of Django's connection; None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu(pid: int | None) -> float:
    """Seconds of CPU that backend has used (/proc/PID/schedstat, in ns);
    0 on SQLite, whose work is this process's own."""
    if pid is None:
        return 0.0
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def record(section: str, figures: dict) -> None:
    """Add ``figures`` under ``section`` to the JSON file named by
    BENCH_SUMMARY, for benchmarks/scale.py; nothing without it."""
    path = os.environ.get("BENCH_SUMMARY")
    if not path:
        return
    import json

    summary = json.loads(Path(path).read_text()) if Path(path).exists() else {}
    summary.setdefault(section, {}).update(figures)
    Path(path).write_text(json.dumps(summary, ensure_ascii=False, indent=1))
