"""Background jobs of audit: the weekly retention run (beat)."""

from celery import shared_task
from django.utils import timezone, translation

from audit.retention import apply_retention


@shared_task
def apply_retention_weekly() -> dict:
    with translation.override("de"), timezone.override("Europe/Berlin"):
        return apply_retention()
