"""Background jobs of contacts: the weekly follow-up digest, duplicate suggestions."""

import datetime

from celery import shared_task
from django.utils import timezone, translation

from contacts import services
from kiallianz.celery import enqueue


def _parse_now(now: str | None) -> datetime.datetime:
    return datetime.datetime.fromisoformat(now) if now else timezone.now()


@shared_task
def send_follow_up_digests(now: str | None = None) -> int:
    """Beat entry point, every few minutes: one digest task per manager whose
    digest of this week is due. Safe to run twice: the sent-marker decides.
    ``now`` (ISO 8601) is for tests and operators."""
    moment = _parse_now(now)
    manager_ids = services.digest_managers_due(now=moment)
    for manager_id in manager_ids:
        # A lost enqueue (broker down) is made up by the next sweep.
        enqueue(send_follow_up_digest, manager_id, now)
    return len(manager_ids)


@shared_task
def send_follow_up_digest(manager_id: int, now: str | None = None) -> bool:
    return services.follow_up_digest_send(manager_id=manager_id, now=_parse_now(now))


@shared_task(bind=True)
def run_list_export(self, export_id: int) -> int:
    from contacts.services.exports import list_export_run

    with translation.override("de"):
        list_export_run(export_id=export_id, worker=f"{self.request.id}:{self.request.retries}")
    return export_id


@shared_task
def cleanup_list_exports() -> int:
    from contacts.services.exports import list_exports_cleanup

    return list_exports_cleanup()


@shared_task
def refresh_duplicate_suggestions() -> int:
    """Recompute the stored duplicate suggestions (enqueued on commit by
    ``services.duplicate_suggestions_schedule``)."""
    from django.core.cache import cache

    from contacts.services.duplicates import DUPLICATE_REFRESH_PENDING

    # Writes from now on queue a new computation: this one may miss them.
    cache.delete(DUPLICATE_REFRESH_PENDING)
    return services.duplicate_suggestions_refresh()
