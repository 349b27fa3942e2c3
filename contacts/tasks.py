"""Background jobs of contacts: the weekly follow-up digest, duplicate suggestions."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from contacts import services
from contacts.privacy import person_export_pdf_store
from kiallianz.celery import enqueue
from kiallianz.jobs import job_task, run_job_task


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


@shared_task
def render_person_export_pdf(person_id: int) -> str:
    """The Art. 15 PDF of one person, kept for office to download."""
    with translation.override("de"), timezone.override("Europe/Berlin"):
        return person_export_pdf_store(person_id=person_id)


@job_task(
    lifecycle="contacts.services.exports:LIST_EXPORTS",
    soft_time_limit=settings.LIST_EXPORT_SOFT_TIME_LIMIT,
    time_limit=settings.LIST_EXPORT_TIME_LIMIT,
)
def run_list_export(self, export_id: int) -> int:
    """The file of a large list download (contacts/services/exports.py)."""
    from contacts.services import exports

    def run(worker: str, heartbeat: float | None) -> None:
        # The file's headers and the messages in the requester's language.
        with exports.LIST_EXPORTS.in_language(export_id):
            exports.list_export_run(export_id=export_id, worker=worker, heartbeat_seconds=heartbeat)

    def give_up() -> None:
        with exports.LIST_EXPORTS.in_language(export_id):
            exports.LIST_EXPORTS.fail(pk=export_id, message=exports.transient_failure_message())

    run_job_task(self, run, give_up)
    return export_id


@shared_task
def cleanup_list_exports() -> int:
    from contacts.services.exports import list_exports_cleanup

    return list_exports_cleanup()


@job_task(
    lifecycle="contacts.services.imports:IMPORT_JOBS",
    soft_time_limit=settings.IMPORT_JOB_SOFT_TIME_LIMIT,
    time_limit=settings.IMPORT_JOB_TIME_LIMIT,
)
def run_import_job(self, job_id: int) -> int:
    """The dry run or the import of a browser upload (contacts/services/imports.py)."""
    from contacts.services import imports

    def run(worker: str, heartbeat: float | None) -> None:
        # Messages and row errors in the language of whoever uploaded the file.
        with imports.IMPORT_JOBS.in_language(job_id):
            imports.import_job_run(job_id=job_id, worker=worker, heartbeat_seconds=heartbeat)

    def give_up() -> None:
        with imports.IMPORT_JOBS.in_language(job_id):
            imports.IMPORT_JOBS.fail(pk=job_id, message=imports.transient_failure_message())

    # The heartbeat also carries the progress to the row: every 2 seconds.
    run_job_task(self, run, give_up, heartbeat_seconds=2)
    return job_id


@shared_task
def cleanup_import_jobs() -> int:
    from contacts.services.imports import import_jobs_cleanup

    return import_jobs_cleanup()


@shared_task
def refresh_duplicate_suggestions() -> int:
    """Recompute the stored duplicate suggestions (enqueued on commit by
    ``services.duplicate_suggestions_schedule``)."""
    from django.core.cache import cache

    from contacts.services.duplicates import DUPLICATE_REFRESH_PENDING

    # Writes from now on queue a new computation: this one may miss them.
    cache.delete(DUPLICATE_REFRESH_PENDING)
    return services.duplicate_suggestions_refresh()
