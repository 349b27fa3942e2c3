"""Browser imports as background jobs: upload → dry run → „Jetzt importieren“.

The upload is stored through Django's storage API (local disk or object
storage) and a dry-run job is handed to the worker; its result page offers
the import, a second job that reads the same stored file. Both follow the
life cycle of kiallianz/jobs.py (claim, heartbeat, restart of a dead
worker's job): a redelivered message does nothing to a job that is done or
failed. The import and the job's „fertig“ commit in one transaction, so the
data is saved exactly when the job says so.

The importer works inside one transaction, so its progress per chunk goes
to the cache (and, on a worker, through the heartbeat thread to the row).
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from contacts.importing import ContactImportReport, contacts_import
from contacts.models import ImportJob
from contacts.models.imports import import_upload_path
from kiallianz.jobs import (
    TRANSIENT_ERRORS,
    UNFINISHED,
    ClaimLostError,
    JobLifecycle,
    LiveProgress,
    requester_language,
)
from kiallianz.tabular import TableError, stream_table

logger = logging.getLogger(__name__)


class _ImportJobs(JobLifecycle):
    model = ImportJob
    name = "Kontaktimport"
    task = "contacts.tasks.run_import_job"
    broker_down_message = gettext_lazy(
        "Der Hintergrunddienst ist nicht erreichbar. Die Datei wurde nicht verarbeitet; "
        "bitte versuchen Sie es in einigen Minuten erneut."
    )
    started_message = gettext_lazy("Die Datei wird gelesen …")
    restarted_message = gettext_lazy("Neu gestartet, die Datei wird gelesen …")
    requeued_message = gettext_lazy(
        "Die Verarbeitung wurde unterbrochen; die Datei wird erneut verarbeitet …"
    )
    stale_message = gettext_lazy(
        "Die Verarbeitung wurde abgebrochen (keine Rückmeldung seit %(minutes)s Minuten). "
        "Es wurde nichts gespeichert. Bitte versuchen Sie es erneut."
    )
    never_started_message = gettext_lazy(
        "Die Datei wurde nicht verarbeitet (keine Verarbeitung verfügbar). "
        "Bitte versuchen Sie es erneut."
    )


IMPORT_JOBS = _ImportJobs()


def transient_failure_message() -> str:
    return gettext(
        "Die Verarbeitung ist nach mehreren Versuchen an einer vorübergehenden Störung "
        "(Datenbank oder Hintergrunddienst) gescheitert. Es wurde nichts gespeichert. "
        "Bitte versuchen Sie es erneut."
    )


def live_progress_key(job_id: int) -> str:
    return f"contacts:import-job:{job_id}:progress"


def _create(**fields) -> ImportJob:
    return IMPORT_JOBS.create(ImportJob(language=requester_language(), **fields))


def import_job_start(*, upload, user, skip_invalid: bool = False) -> ImportJob:
    """Store the upload and check it in the background (dry run)."""
    name = upload.name.rsplit("/", 1)[-1][:200]
    stored = default_storage.save(import_upload_path(None, name), upload)
    try:
        return _create(
            mode=ImportJob.Mode.DRY_RUN,
            file=stored,
            original_name=name,
            skip_invalid=skip_invalid,
            created_by=user,
        )
    except Exception:
        default_storage.delete(stored)
        raise


def import_job_report(job: ImportJob) -> ContactImportReport | None:
    """The importer's report as the job stored it; None before the end."""
    if job.status != ImportJob.Status.DONE or "rows" not in job.result:
        return None
    return ContactImportReport.from_dict(job.result)


def import_job_can_import(job: ImportJob) -> bool:
    """A finished dry run whose valid rows may be imported."""
    report = import_job_report(job)
    if not job.is_dry_run or report is None or not job.file:
        return False
    return (report.ok or job.skip_invalid) and report.invalid_rows < report.rows


def import_job_confirm(*, dry_run: ImportJob, user) -> ImportJob:
    """„Jetzt importieren“: an import job reading the file the dry run checked.

    Clicking twice (or going back and clicking again) starts one import."""
    with transaction.atomic():
        checked = ImportJob.objects.select_for_update().get(pk=dry_run.pk)
        if not import_job_can_import(checked):
            raise ValidationError(
                gettext(
                    "Diese Datei kann nicht importiert werden. Bitte laden Sie sie erneut hoch."
                )
            )
        started = checked.imports.exclude(status=ImportJob.Status.FAILED).first()
        if started is not None:
            return started
        return _create(
            mode=ImportJob.Mode.IMPORT,
            file=checked.file.name,
            original_name=checked.original_name,
            skip_invalid=checked.skip_invalid,
            dry_run=checked,
            created_by=user,
        )


def import_job_retry(*, job: ImportJob, user) -> ImportJob:
    """A failed job runs again as a new job on the same stored file."""
    if job.status != ImportJob.Status.FAILED or not job.file:
        raise ValidationError(
            gettext("Die Datei ist nicht mehr vorhanden. Bitte laden Sie sie erneut hoch.")
        )
    if not job.is_dry_run:
        return import_job_confirm(dry_run=job.dry_run, user=user)
    return _create(
        mode=job.mode,
        file=job.file.name,
        original_name=job.original_name,
        skip_invalid=job.skip_invalid,
        created_by=user,
    )


def import_job_refresh(job: ImportJob) -> ImportJob:
    """The job as its page shows it: a stale one restarted or failed, the
    live progress of a running one read from the cache."""
    job = IMPORT_JOBS.refresh(job)
    if job.status == ImportJob.Status.RUNNING:
        live = LiveProgress.read(live_progress_key(job.pk))
        if live is not None and live[0] >= job.progress:
            job.progress, job.message = live
    return job


# --- the worker ----------------------------------------------------------


def _count_rows(data: bytes, filename: str) -> int | None:
    """Rows of the file for the percentage; None when the importer will
    refuse the file anyway (it reports why)."""
    try:
        return sum(1 for _row in stream_table(data, filename).rows)
    except TableError:
        return None


def _progress_message(done: int, total: int | None, dry_run: bool) -> str:
    total = total or done
    if dry_run:
        text = ngettext(
            "%(done)s von %(total)s Zeile geprüft …",
            "%(done)s von %(total)s Zeilen geprüft …",
            total,
        )
    else:
        text = ngettext(
            "%(done)s von %(total)s Zeile importiert …",
            "%(done)s von %(total)s Zeilen importiert …",
            total,
        )
    return text % {
        "done": number_format(done, force_grouping=True),
        "total": number_format(total, force_grouping=True),
    }


def import_job_run(
    *, job_id: int, worker: str | None = None, heartbeat_seconds: float | None = None
) -> ImportJob:
    """Run the dry run or the import of one job once; every failure is
    recorded in German, and nothing is saved unless the job ends done.

    Transient database and broker errors are raised after releasing the
    claim, for the task to retry with backoff."""
    from celery.exceptions import SoftTimeLimitExceeded

    worker = worker or f"local-{uuid.uuid4().hex}"
    if not IMPORT_JOBS.claim(pk=job_id, worker=worker):
        logger.info("Kontaktimport nicht übernommen (erledigt oder in Arbeit): id=%s", job_id)
        return ImportJob.objects.get(pk=job_id)
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    beat = IMPORT_JOBS.heartbeat_thread(pk=job_id, worker=worker, seconds=heartbeat_seconds)
    live = LiveProgress(live_progress_key(job_id), forward=getattr(beat, "report", None))
    try:
        with default_storage.open(job.file.name, "rb") as stored:
            data = stored.read()
        total = _count_rows(data, job.original_name)
        live.report(5, _progress_message(0, total, job.is_dry_run))

        def progress(done: int) -> None:
            if getattr(beat, "lost", False):
                raise ClaimLostError(job_id)
            percent = 5 + int(90 * done / total) if total else 50
            live.report(min(percent, 95), _progress_message(done, total, job.is_dry_run))

        with transaction.atomic():
            with beat:
                try:
                    report = contacts_import(
                        data=data,
                        filename=job.original_name,
                        user=job.created_by,
                        dry_run=job.is_dry_run,
                        skip_invalid=job.skip_invalid,
                        progress=progress,
                    )
                    result = report.as_dict()
                except ValidationError as error:  # the file as a whole is unusable
                    result = {"file_error": " ".join(error.messages)}
            # The data and „fertig“ commit together, or neither.
            _finish(job_id=job_id, worker=worker, result=result)
    except ClaimLostError:
        logger.warning("Kontaktimport von anderem Auftrag übernommen: id=%s", job_id)
    except TRANSIENT_ERRORS as error:
        logger.warning(
            "Kontaktimport: vorübergehender Fehler id=%s error=%s", job_id, type(error).__name__
        )
        IMPORT_JOBS.release(pk=job_id, worker=worker)
        raise
    except SoftTimeLimitExceeded:
        logger.error("Kontaktimport: Zeitlimit überschritten id=%s", job_id)
        IMPORT_JOBS.fail(
            pk=job_id,
            worker=worker,
            message=gettext(
                "Die Verarbeitung hat das Zeitlimit überschritten und wurde abgebrochen. "
                "Es wurde nichts gespeichert."
            ),
        )
    except Exception as error:
        # Only ids and the error type: exception texts may quote the rows.
        logger.error("Kontaktimport fehlgeschlagen: id=%s error=%s", job_id, type(error).__name__)
        IMPORT_JOBS.fail(
            pk=job_id,
            worker=worker,
            message=gettext(
                "Die Verarbeitung ist fehlgeschlagen; es wurde nichts gespeichert. Bitte "
                "versuchen Sie es erneut; bleibt der Fehler, wenden Sie sich an die Administration."
            ),
        )
    finally:
        LiveProgress.clear(live_progress_key(job_id))
    return ImportJob.objects.get(pk=job_id)


def _finish(*, job_id: int, worker: str, result: dict) -> None:
    with IMPORT_JOBS.finishing(pk=job_id, worker=worker) as job:
        if job is None:  # failed meanwhile or taken over: roll the import back
            raise ClaimLostError(job_id)
        job.result = result
        if "file_error" in result:
            message = gettext("Die Datei kann nicht verarbeitet werden.")
        elif job.is_dry_run:
            message = gettext("Geprüft.")
        else:
            message = gettext("Importiert.") if result["saved"] else gettext("Nichts importiert.")
        IMPORT_JOBS.done(job, message=message, fields=["result"])
        if not job.is_dry_run:
            # The file is not needed any more once its import ran.
            name = job.file.name
            transaction.on_commit(lambda: _delete_file(name))
    logger.info("Kontaktimport fertig: id=%s", job_id)


def _delete_file(name: str) -> bool:
    """Delete an uploaded file unless a job still needs it."""
    if not name or ImportJob.objects.filter(file=name, status__in=UNFINISHED).exists():
        return False
    default_storage.delete(name)
    ImportJob.objects.filter(file=name).update(file="")
    return True


# --- retention -----------------------------------------------------------


def import_jobs_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Uploaded files after IMPORT_FILE_RETENTION_HOURS, jobs (their results
    quote the rows) after IMPORT_JOB_RETENTION_DAYS. Returns files and jobs removed."""
    now = now or timezone.now()
    IMPORT_JOBS.fail_stale(now=now)
    file_cutoff = now - datetime.timedelta(hours=settings.IMPORT_FILE_RETENTION_HOURS)
    names = set(
        ImportJob.objects.filter(created_at__lt=file_cutoff)
        .exclude(file="")
        .values_list("file", flat=True)
    )
    removed = sum(_delete_file(name) for name in names)
    job_cutoff = now - datetime.timedelta(days=settings.IMPORT_JOB_RETENTION_DAYS)
    return removed + import_jobs_delete(
        ImportJob.objects.filter(created_at__lt=job_cutoff, dry_run__isnull=True)
    )


def import_jobs_delete(jobs) -> int:
    """Finished jobs of the given dry runs go with their imports and files."""
    removed = 0
    for job in jobs.exclude(status__in=UNFINISHED):
        if job.imports.filter(status__in=UNFINISHED).exists():
            continue
        if job.file:
            default_storage.delete(job.file.name)
        removed += 1 + job.imports.count()
        job.delete()
    return removed
