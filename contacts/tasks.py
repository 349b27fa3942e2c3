"""Background jobs of contacts: the weekly follow-up digest, duplicate suggestions."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from contacts import selectors, services


@shared_task
def send_follow_up_digests() -> int:
    """Beat entry point: one digest task per community manager with open
    follow-ups, so one failing mail does not stop the others."""
    manager_ids = selectors.managers_with_open_follow_ups(
        until=services.digest_horizon(timezone.localdate())
    )
    for manager_id in manager_ids:
        transaction.on_commit(lambda pk=manager_id: send_follow_up_digest.delay(pk))
    return len(manager_ids)


@shared_task
def send_follow_up_digest(manager_id: int) -> bool:
    return services.follow_up_digest_send(manager_id=manager_id)


@shared_task
def refresh_duplicate_suggestions() -> int:
    """Recompute the stored duplicate suggestions (enqueued on commit by
    ``services.duplicate_suggestions_schedule``)."""
    from django.core.cache import cache

    from contacts.services.duplicates import DUPLICATE_REFRESH_PENDING

    # Writes from now on queue a new computation: this one may miss them.
    cache.delete(DUPLICATE_REFRESH_PENDING)
    return services.duplicate_suggestions_refresh()
