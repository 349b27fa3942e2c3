"""Background jobs of contacts: the weekly follow-up digest."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone, translation

from contacts import selectors, services
from contacts.privacy import person_export_pdf_store


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
def render_person_export_pdf(person_id: int) -> str:
    """The Art. 15 PDF of one person, kept for office to download."""
    with translation.override("de"), timezone.override("Europe/Berlin"):
        return person_export_pdf_store(person_id=person_id)
