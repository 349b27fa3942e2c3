"""Large list downloads as background jobs, with progress and a file.

Small lists are answered in the request (contacts/views/common.py); above
SYNC_EXPORT_ROWS the list becomes a ListExport rendered by the worker, so
the office can export all its contacts in one file without holding a web
worker. The worker claims the job by compare-and-set, like report exports:
a redelivered message does nothing to a job that is done or failed.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from contacts.models import ListExport

logger = logging.getLogger(__name__)

SYNC_EXPORT_ROWS = 5_000


def list_exporters() -> dict:
    """identifier → (exporter, selector returning (filterset, queryset))."""
    from contacts import selectors
    from contacts.exporters import (
        FirstContactListExporter,
        OrganisationListExporter,
        PersonListExporter,
    )

    return {
        FirstContactListExporter.identifier: (
            FirstContactListExporter,
            selectors.first_contact_list,
        ),
        OrganisationListExporter.identifier: (
            OrganisationListExporter,
            selectors.organisation_list,
        ),
        PersonListExporter.identifier: (PersonListExporter, selectors.person_list),
    }


def list_export_create(*, exporter: str, fmt: str, query: str, user) -> ListExport:
    """A pending job, handed to the worker once committed; failed with a
    German message when the broker cannot be reached."""
    from contacts.tasks import run_list_export
    from kiallianz.celery import enqueue

    with transaction.atomic():
        job = ListExport(
            exporter=exporter,
            format=fmt,
            query=query,
            created_by=user,
            message=gettext("Wartet auf die Verarbeitung …"),
        )
        job.full_clean()
        job.save()
        job_id = job.id

        def hand_over() -> None:
            if not enqueue(run_list_export, job_id):
                ListExport.objects.filter(pk=job_id, status=ListExport.Status.PENDING).update(
                    status=ListExport.Status.FAILED,
                    message=gettext(
                        "Der Hintergrunddienst ist nicht erreichbar. Der Export wurde nicht "
                        "gestartet; bitte versuchen Sie es in einigen Minuten erneut."
                    ),
                )

        transaction.on_commit(hand_over)
    job.refresh_from_db()
    return job


def list_export_run(*, export_id: int, worker: str | None = None) -> ListExport:
    worker = worker or f"local-{uuid.uuid4().hex}"
    claimed = ListExport.objects.filter(pk=export_id, status=ListExport.Status.PENDING).update(
        status=ListExport.Status.RUNNING,
        claimed_by=worker,
        progress=5,
        message=gettext("Export läuft …"),
        updated_at=timezone.now(),
    )
    job = ListExport.objects.get(pk=export_id)
    if not claimed:
        return job
    try:
        exporter_class, selector = list_exporters()[job.exporter]
        _filterset, queryset = selector(filters=QueryDict(job.query))
        exporter = exporter_class()
        if hasattr(exporter, "narrow"):
            queryset, _purpose = exporter.narrow(queryset, QueryDict(job.query), job.created_by)
        row_count = queryset.count()
        ListExport.objects.filter(pk=export_id, claimed_by=worker).update(
            progress=10,
            row_count=row_count,
            message=ngettext(
                "%(count)s Zeile wird geschrieben …",
                "%(count)s Zeilen werden geschrieben …",
                row_count,
            )
            % {"count": row_count},
            updated_at=timezone.now(),
        )
        filename, _content_type, content = exporter.render(
            queryset, job.format, day=timezone.localdate()
        )
    except Exception as error:
        logger.error(
            "Listenexport fehlgeschlagen: export_id=%s error=%s", export_id, type(error).__name__
        )
        ListExport.objects.filter(
            pk=export_id, status=ListExport.Status.RUNNING, claimed_by=worker
        ).update(
            status=ListExport.Status.FAILED,
            message=gettext("Der Export ist fehlgeschlagen. Bitte versuchen Sie es erneut."),
            updated_at=timezone.now(),
        )
        return ListExport.objects.get(pk=export_id)
    with transaction.atomic():
        job = ListExport.objects.select_for_update().get(pk=export_id)
        if job.status != ListExport.Status.RUNNING or job.claimed_by != worker:
            return job
        job.file.save(filename, ContentFile(content), save=False)
        job.status = ListExport.Status.DONE
        job.progress = 100
        job.message = gettext("Fertig.")
        job.save(update_fields=["file", "status", "progress", "message", "updated_at"])
    logger.info("Listenexport fertig: export_id=%s rows=%s", export_id, job.row_count)
    return job


def list_exports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Remove list exports (file and row) after the report retention period."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.REPORT_EXPORT_RETENTION_DAYS
    )
    removed = 0
    for job in ListExport.objects.filter(created_at__lt=cutoff):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed
