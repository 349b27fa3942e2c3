"""Health of the parts the application depends on."""

from django.conf import settings
from django.db import connection

from kiallianz.celery import app as celery_app


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
    return {"database": database_status(), "broker": broker_status()}
