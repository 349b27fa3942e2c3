"""Large list downloads as background jobs, with progress and a file.

Small lists are answered in the request (contacts/views/common.py); above
SYNC_EXPORT_ROWS the list becomes a ListExport rendered by the worker, so
the office can export all its contacts in one file without holding a web
worker. The life cycle (claim by compare-and-set, heartbeat, restart of a
dead worker's export, finish once, retries after transient errors) is
kiallianz/jobs.py's, shared with the report exports and the imports: a
redelivered message does nothing to an export that is done, failed or
running under a live worker, and a failed export never turns into done.
"""

import datetime
import logging
import tempfile
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from contacts.models import ListExport
from kiallianz.jobs import (
    RUNNING,
    TRANSIENT_ERRORS,
    UNFINISHED,
    ClaimLostError,
    ExportJobLifecycle,
    requester_language,
)

logger = logging.getLogger(__name__)

SYNC_EXPORT_ROWS = 5_000


class _ListExportJobs(ExportJobLifecycle):
    model = ListExport
    name = "Listenexport"
    task = "contacts.tasks.run_list_export"
    started_message = gettext_lazy("Export läuft …")


LIST_EXPORTS = _ListExportJobs()


def transient_failure_message() -> str:
    return gettext(
        "Der Export ist nach mehreren Versuchen an einer vorübergehenden Störung "
        "(Datenbank oder Hintergrunddienst) gescheitert. Bitte versuchen Sie es erneut."
    )


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
    German message when the broker cannot be reached. The worker writes the
    file (its headers) and the messages in the request's language."""
    return LIST_EXPORTS.create(
        ListExport(
            exporter=exporter,
            format=fmt,
            query=query,
            created_by=user,
            language=requester_language(),
        )
    )


def list_export_refresh(job: ListExport, *, now: datetime.datetime | None = None) -> ListExport:
    """The job as its page shows it: a stale one is restarted or failed first."""
    return LIST_EXPORTS.refresh(job, now=now)


def list_exports_fail_stale(*, now: datetime.datetime | None = None) -> int:
    """Running exports without a heartbeat lost their worker: started once
    more, then failed; pending ones nobody picked up are failed."""
    return LIST_EXPORTS.fail_stale(now=now)


# --- the worker ----------------------------------------------------------


def _rows_message(done: int, total: int) -> str:
    return ngettext(
        "%(done)s von %(total)s Zeile geschrieben …",
        "%(done)s von %(total)s Zeilen geschrieben …",
        total,
    ) % {
        "done": number_format(done, force_grouping=True),
        "total": number_format(total, force_grouping=True),
    }


def list_export_run(
    *, export_id: int, worker: str | None = None, heartbeat_seconds: float | None = None
) -> ListExport:
    """Write the list's file once; every failure is recorded in German.

    ``worker`` names the claim (the task message); transient database and
    broker errors are raised after releasing the claim, for the task to
    retry with backoff. ``heartbeat_seconds`` starts a heartbeat thread."""
    from celery.exceptions import SoftTimeLimitExceeded

    worker = worker or f"local-{uuid.uuid4().hex}"
    if not LIST_EXPORTS.claim(pk=export_id, worker=worker):
        logger.info("Listenexport nicht übernommen (erledigt oder in Arbeit): id=%s", export_id)
        return ListExport.objects.get(pk=export_id)
    job = ListExport.objects.select_related("created_by").get(pk=export_id)
    beat = LIST_EXPORTS.heartbeat_thread(pk=export_id, worker=worker, seconds=heartbeat_seconds)

    def progress(percent: int, message: str) -> None:
        if getattr(beat, "lost", False):
            raise ClaimLostError(export_id)
        LIST_EXPORTS.progress(pk=export_id, progress=percent, message=message, worker=worker)

    try:
        with beat:
            exporter_class, selector = list_exporters()[job.exporter]
            _filterset, queryset = selector(filters=QueryDict(job.query))
            exporter = exporter_class()
            if hasattr(exporter, "narrow"):
                queryset, _purpose = exporter.narrow(queryset, QueryDict(job.query), job.created_by)
            total = queryset.count()
            if not LIST_EXPORTS.rows(export_id, RUNNING, worker=worker).update(row_count=total):
                raise ClaimLostError(export_id)
            progress(5, _rows_message(0, total))
            # Spooled to disk, never whole in memory, then handed to the
            # storage (local disk or object storage) in chunks.
            with tempfile.TemporaryFile() as spool:
                filename = exporter.write(
                    queryset,
                    job.format,
                    spool,
                    day=timezone.localdate(),
                    progress=lambda done: progress(
                        5 + int(85 * done / max(total, 1)), _rows_message(done, total)
                    ),
                )
                progress(95, gettext("Die Datei wird gespeichert …"))
                spool.seek(0)
                return _finish(
                    export_id=export_id, worker=worker, filename=filename, content=File(spool)
                )
    except ClaimLostError:
        logger.warning("Listenexport von anderem Auftrag übernommen: id=%s", export_id)
    except TRANSIENT_ERRORS as error:
        logger.warning(
            "Listenexport: vorübergehender Fehler id=%s error=%s", export_id, type(error).__name__
        )
        LIST_EXPORTS.release(pk=export_id, worker=worker)
        raise
    except SoftTimeLimitExceeded:
        logger.error("Listenexport: Zeitlimit überschritten id=%s", export_id)
        LIST_EXPORTS.fail(
            pk=export_id,
            worker=worker,
            message=gettext(
                "Der Export hat das Zeitlimit überschritten und wurde abgebrochen. Bitte "
                "grenzen Sie die Liste mit Filtern ein und versuchen Sie es erneut."
            ),
        )
    except ValidationError as refused:  # e.g. the purpose the persons export needs
        LIST_EXPORTS.fail(pk=export_id, worker=worker, message=" ".join(refused.messages))
    except Exception as error:
        # Only ids and the error type: exception texts may quote the rows.
        logger.error("Listenexport fehlgeschlagen: id=%s error=%s", export_id, type(error).__name__)
        LIST_EXPORTS.fail(
            pk=export_id,
            worker=worker,
            message=gettext(
                "Der Export ist fehlgeschlagen. Bitte versuchen Sie es erneut; "
                "bleibt der Fehler, wenden Sie sich an die Administration."
            ),
        )
    return ListExport.objects.get(pk=export_id)


def _finish(*, export_id: int, worker: str, filename: str, content: File) -> ListExport:
    """Store the file and mark the job done, unless it failed or was taken
    over meanwhile: then no file is written (one request, at most one file)."""
    with LIST_EXPORTS.finishing(pk=export_id, worker=worker) as job:
        if job is None:
            return ListExport.objects.get(pk=export_id)
        job.file.save(filename, content, save=False)
        LIST_EXPORTS.done(job, message=gettext("Fertig."), fields=["file"])
    logger.info("Listenexport fertig: id=%s rows=%s", export_id, job.row_count)
    return job


# --- retention -----------------------------------------------------------


def list_exports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Remove finished list exports (file and row) after the report
    retention period; stale ones are settled first."""
    now = now or timezone.now()
    list_exports_fail_stale(now=now)
    cutoff = now - datetime.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS)
    removed = 0
    for job in ListExport.objects.filter(created_at__lt=cutoff).exclude(status__in=UNFINISHED):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        removed += 1
    return removed
