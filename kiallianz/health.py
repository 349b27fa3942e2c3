"""Health of the parts the application depends on.

The database and the broker are required: either down answers 503. The
cache only speeds up the public feeds (they fall back to the database), so
a cache outage alone is "degraded" with 200.
"""

from django.conf import settings
from django.db import connection

from kiallianz.caching import cache_status
from kiallianz.celery import app as celery_app

REQUIRED_PARTS = ("database", "broker")


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not reachable" to a probe
        return "error"
    return "ok"


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with celery_app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # any failure means "not reachable" to a probe
        return "error"
    return "ok"


def health_report() -> dict:
    report = {"database": database_status(), "broker": broker_status(), "cache": cache_status()}
    if any(report[part] == "error" for part in REQUIRED_PARTS):
        report["status"] = "error"
    elif report["cache"] == "error":
        report["status"] = "degraded"
    else:
        report["status"] = "ok"
    return report
