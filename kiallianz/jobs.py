"""Background jobs with a claim and a heartbeat: report exports, list
exports, contact imports.

Life cycle: pending → running (claimed by one task message) → done | failed.
Every write of the worker is a compare-and-set on status and claim, so a
message that arrives again (redelivery, retry, a second worker) does
nothing to a job that is done, failed or running under a live worker, and a
failed job never turns into done. The worker beats every HEARTBEAT_SECONDS
(``updated_at``); without a beat for ``stale_after_minutes`` the job is
started once more (``max_restarts``), then failed with a retry button.

A job model has ``status`` (the four values below), ``progress``,
``message``, ``claimed_by``, ``restarts``, ``updated_at`` and, optionally,
``finished_at`` and ``language`` (the requester's: the messages the worker,
the stale sweep and the delivery limit write are in it). Each kind of job
subclasses ``JobLifecycle`` with its model, its messages (German source,
translated) and the task that runs it, and is listed in
``settings.BACKGROUND_JOB_LIFECYCLES`` for the per-minute stale sweep.
"""

import contextlib
import datetime
import importlib
import logging
import threading
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_lazy

from kiallianz.caching import outage_log
from kiallianz.celery import DeliveryLimitedTask, delivery_limit_reason

logger = logging.getLogger(__name__)

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
UNFINISHED = (PENDING, RUNNING)
HEARTBEAT_SECONDS = 20
LIVE_PROGRESS_SECONDS = 60 * 60


class ClaimLostError(Exception):
    """Another message took the job over, or it failed meanwhile: stop, write nothing."""


def transient_errors() -> tuple[type[BaseException], ...]:
    """Lost database or broker connections: worth a retry with backoff."""
    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as BrokerError

    return (OperationalError, InterfaceError, BrokerError)


TRANSIENT_ERRORS = transient_errors()


class Heartbeat:
    """Beats in a thread (its own database connection) while the job works.

    It also writes the latest progress handed to ``report``: a job that
    works inside one long transaction (an import) cannot write its progress
    on its own connection, where nobody would see it before the commit.
    """

    def __init__(self, jobs: "JobLifecycle", *, pk: int, worker: str, seconds: float):
        self.jobs, self.pk, self.worker, self.seconds = jobs, pk, worker, seconds
        self.stopped = threading.Event()
        self.lost = False
        self.latest: tuple[int, str] | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def report(self, progress: int, message: str) -> None:
        self.latest = (progress, message)

    def _beat(self) -> bool:
        latest, self.latest = self.latest, None
        if latest is None:
            return self.jobs.heartbeat(pk=self.pk, worker=self.worker)
        try:
            self.jobs.progress(
                pk=self.pk, progress=latest[0], message=latest[1], worker=self.worker
            )
        except ClaimLostError:
            return False
        return True

    def _run(self) -> None:
        from django.db import connection

        try:
            while not self.stopped.wait(self.seconds):
                if not self._beat():
                    self.lost = True
                    return
        except Exception:  # the job notices a lost database itself
            logger.warning("%s: Lebenszeichen fehlgeschlagen id=%s", self.jobs.name, self.pk)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.thread.join()


def requester_language() -> str:
    """The language of the request that creates a job (the site's outside
    one): a job with a ``language`` field writes its messages in it."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


class JobLifecycle:
    """Claim, progress, heartbeat, finish and failure of one kind of job."""

    model = None
    name = "Auftrag"  # in log lines
    stale_after_minutes = 2
    # A pending job nobody picked up (no worker, broker down) is given up later.
    pending_stale_after_minutes = 60
    max_restarts = 1
    # German messages of the subclass (gettext_lazy): shown on the job's page.
    started_message = ""
    restarted_message = ""
    released_message = gettext_lazy("Vorübergehende Störung, neuer Versuch folgt …")
    requeued_message = ""
    stale_message = ""  # with %(minutes)s
    never_started_message = ""
    broker_down_message = ""  # the job could not be handed to the worker

    # Dotted path of the Celery task that runs one job (it takes the job's id).
    task = ""

    def create(self, job):
        """Store ``job`` (unsaved) as pending and hand it to the worker once
        committed; returned as stored (failed already when the broker could
        not take it)."""
        with transaction.atomic():
            job.message = gettext("Wartet auf die Verarbeitung …")
            job.full_clean()
            job.save()
            pk = job.pk
            transaction.on_commit(lambda: self.enqueue(pk))
        job.refresh_from_db()
        return job

    def enqueue(self, pk: int) -> None:
        """Hand the job to the worker (on commit, and when a dead worker's job
        is started again); without a broker the job fails in German."""
        from kiallianz.celery import enqueue

        if not enqueue(import_string(self.task), pk):
            self.fail(pk=pk, message=str(self.broker_down_message))

    # --- the worker's side ------------------------------------------------

    def rows(self, pk: int, *statuses: str, worker: str | None = None):
        rows = self.model.objects.filter(pk=pk)
        if statuses:
            rows = rows.filter(status__in=statuses)
        if worker is not None:
            rows = rows.filter(claimed_by=worker)
        return rows

    def claim(self, *, pk: int, worker: str, now: datetime.datetime | None = None) -> bool:
        """Take the job for one task message (compare-and-set).

        Succeeds for a pending job, and once for a running job whose worker
        stopped beating; never for done, failed or a live claim.
        """
        now = now or timezone.now()
        if self.rows(pk, RUNNING, worker=worker).update(updated_at=now):
            return True  # the same try resumes its own claim
        start = {"claimed_by": worker, "progress": 1, "updated_at": now}
        if self.rows(pk, PENDING).update(
            status=RUNNING, message=str(self.started_message), **start
        ):
            return True
        return bool(
            self.rows(pk, RUNNING)
            .filter(updated_at__lt=self.stale_before(now), restarts__lt=self.max_restarts)
            .update(restarts=F("restarts") + 1, message=str(self.restarted_message), **start)
        )

    def progress(self, *, pk: int, progress: int, message: str, worker: str | None = None) -> None:
        """Record progress; also the heartbeat (``updated_at``). With a
        worker, only while its claim holds (else ClaimLostError)."""
        rows = self.rows(pk) if worker is None else self.rows(pk, RUNNING, worker=worker)
        updated = rows.update(
            status=RUNNING,
            progress=max(0, min(progress, 100)),
            message=message[:255],
            updated_at=timezone.now(),
        )
        if worker is not None and not updated:
            raise ClaimLostError(pk)

    def heartbeat(self, *, pk: int, worker: str) -> bool:
        """The worker is alive; False when its claim is gone."""
        return bool(self.rows(pk, RUNNING, worker=worker).update(updated_at=timezone.now()))

    def heartbeat_thread(self, *, pk: int, worker: str, seconds: float | None):
        if not seconds:
            return contextlib.nullcontext()
        return Heartbeat(self, pk=pk, worker=worker, seconds=seconds)

    def release(self, *, pk: int, worker: str) -> None:
        """Give the claim back so the retried message can take it."""
        try:
            self.rows(pk, RUNNING, worker=worker).update(
                status=PENDING,
                claimed_by="",
                message=str(self.released_message),
                updated_at=timezone.now(),
            )
        except TRANSIENT_ERRORS:  # the database is away: the stale check takes over
            logger.warning("%s: Freigabe nicht möglich id=%s", self.name, pk)

    def _has_field(self, name: str) -> bool:
        return any(field.name == name for field in self.model._meta.concrete_fields)

    def _finished_fields(self, now: datetime.datetime) -> dict:
        fields = {"updated_at": now}
        if self._has_field("finished_at"):
            fields["finished_at"] = now
        return fields

    def language(self, pk: int) -> str:
        """The language the job's messages are written in: its requester's
        (a ``language`` field), else the site's. The task, the stale sweep
        and the delivery limit write under it."""
        if self._has_field("language"):
            language = self.rows(pk).values_list("language", flat=True).first()
            if language:
                return language
        return settings.LANGUAGE_CODE

    @contextlib.contextmanager
    def in_language(self, pk: int):
        """The job's work and messages in its language (``language``), its
        dates in the site's time zone: for the task's run and its giving up."""
        with translation.override(self.language(pk)), timezone.override(settings.TIME_ZONE):
            yield

    def fail(self, *, pk: int, message: str, worker: str | None = None) -> bool:
        """Only a pending or running job can fail (with a worker: only while
        its claim holds); done stays done and failed stays failed."""
        return bool(
            self.rows(pk, *UNFINISHED, worker=worker).update(
                status=FAILED, message=message[:255], **self._finished_fields(timezone.now())
            )
        )

    @contextlib.contextmanager
    def finishing(self, *, pk: int, worker: str):
        """Lock the row while the result is stored: yields the job, or None
        when the claim is gone (failed meanwhile, taken over): no second
        result. The caller sets its fields and calls ``done``."""
        with transaction.atomic():
            job = self.model.objects.select_for_update().get(pk=pk)
            if job.status != RUNNING or job.claimed_by != worker:
                logger.warning("%s verworfen, Auftrag nicht mehr zuständig: id=%s", self.name, pk)
                yield None
                return
            yield job

    def done(self, job, *, message: str, fields: list[str]) -> None:
        """Inside ``finishing``: the job is done with the fields the caller set."""
        job.status, job.progress, job.message = DONE, 100, message
        extra = self._finished_fields(timezone.now())
        for name, value in extra.items():
            setattr(job, name, value)
        job.save(update_fields=[*fields, "status", "progress", "message", *extra])

    # --- staleness: dead workers and jobs nobody picked up ----------------

    def stale_before(self, now: datetime.datetime | None = None) -> datetime.datetime:
        return (now or timezone.now()) - datetime.timedelta(minutes=self.stale_after_minutes)

    def pending_stale_before(self, now: datetime.datetime | None = None) -> datetime.datetime:
        return (now or timezone.now()) - datetime.timedelta(
            minutes=self.pending_stale_after_minutes
        )

    def is_stale(self, job, now: datetime.datetime | None = None) -> bool:
        if job.status == RUNNING:
            return job.updated_at < self.stale_before(now)
        if job.status == PENDING:
            return job.updated_at < self.pending_stale_before(now)
        return False

    def fail_stale(self, *, now: datetime.datetime | None = None) -> int:
        """Running jobs without a heartbeat lost their worker (killed, out of
        memory): started once more, then failed. Pending ones that never
        reached a worker are failed. Both can be retried."""
        now = now or timezone.now()
        objects = self.model.objects
        running = list(
            objects.filter(status=RUNNING, updated_at__lt=self.stale_before(now)).values_list(
                "id", "restarts"
            )
        )
        pending = list(
            objects.filter(
                status=PENDING, updated_at__lt=self.pending_stale_before(now)
            ).values_list("id", flat=True)
        )
        for pk, restarts in running:
            if restarts < self.max_restarts and self._restart(pk=pk, now=now):
                continue
            logger.warning("%s ohne Lebenszeichen, abgebrochen: id=%s", self.name, pk)
            with translation.override(self.language(pk)):
                message = str(self.stale_message) % {"minutes": self.stale_after_minutes}
            self.rows(pk, RUNNING).filter(updated_at__lt=self.stale_before(now)).update(
                status=FAILED, message=message, **self._finished_fields(now)
            )
        for pk in pending:
            logger.warning("%s nie gestartet: id=%s", self.name, pk)
            with translation.override(self.language(pk)):
                self.fail(pk=pk, message=str(self.never_started_message))
        return len(running) + len(pending)

    def _restart(self, *, pk: int, now: datetime.datetime) -> bool:
        """A dead worker's job goes back to pending and is enqueued once more."""
        with translation.override(self.language(pk)):
            message = str(self.requeued_message)
        restarted = (
            self.rows(pk, RUNNING)
            .filter(updated_at__lt=self.stale_before(now), restarts__lt=self.max_restarts)
            .update(
                status=PENDING,
                claimed_by="",
                restarts=F("restarts") + 1,
                progress=0,
                message=message,
                updated_at=now,
            )
        )
        if not restarted:
            return False
        logger.warning("%s ohne Lebenszeichen, neu gestartet: id=%s", self.name, pk)
        transaction.on_commit(lambda: self.enqueue(pk))
        return True

    def refresh(self, job, *, now: datetime.datetime | None = None):
        """The job as the user should see it: a stale one is restarted or failed first."""
        if self.is_stale(job, now):
            self.fail_stale(now=now)
            job.refresh_from_db()
        return job


class LiveProgress:
    """Progress of a job that works inside one transaction, through the cache.

    Its row cannot show the progress before the commit; the cache is shared
    with the web processes (Redis), or with the in-process thread of the
    embedded mode (local memory). A cache outage only loses the live view.
    """

    def __init__(self, key: str, *, forward: Callable[[int, str], None] | None = None):
        self.key = key
        self.forward = forward

    def report(self, progress: int, message: str) -> None:
        if self.forward is not None:
            self.forward(progress, message)
        try:
            cache.set(self.key, (progress, message), LIVE_PROGRESS_SECONDS)
        except Exception as error:  # any cache client error: the live view is optional
            outage_log.report(error)

    @staticmethod
    def read(key: str) -> tuple[int, str] | None:
        try:
            return cache.get(key)
        except Exception as error:  # the row's own progress is shown instead
            outage_log.report(error)
            return None

    @staticmethod
    def clear(key: str) -> None:
        try:
            cache.delete(key)
        except Exception as error:
            outage_log.report(error)


def lifecycle_at(path: str) -> JobLifecycle:
    """The JobLifecycle named "module:ATTRIBUTE"."""
    module, attribute = path.split(":")
    return getattr(importlib.import_module(module), attribute)


def fail_stale_jobs(*, now: datetime.datetime | None = None) -> int:
    """Every kind of job (settings.BACKGROUND_JOB_LIFECYCLES): those whose
    worker stopped beating are started once more, then failed; pending ones
    nobody picked up are failed. One kind's error does not stop the others."""
    settled = 0
    for path in settings.BACKGROUND_JOB_LIFECYCLES:
        try:
            settled += lifecycle_at(path).fail_stale(now=now)
        except Exception as error:  # the next sweep, a minute later, tries again
            logger.error(
                "Prüfung ohne Lebenszeichen fehlgeschlagen: %s error=%s", path, type(error).__name__
            )
    return settled


class ExportJobLifecycle(JobLifecycle):
    """The messages of a download made in the background: the report export
    and the list exports say the same."""

    restarted_message = gettext_lazy("Export neu gestartet …")
    requeued_message = gettext_lazy(
        "Die Verarbeitung wurde unterbrochen; der Export wird neu gestartet …"
    )
    stale_message = gettext_lazy(
        "Der Export wurde abgebrochen (keine Rückmeldung der Verarbeitung seit "
        "%(minutes)s Minuten). Bitte starten Sie ihn erneut."
    )
    never_started_message = gettext_lazy(
        "Der Export wurde nicht gestartet (keine Verarbeitung verfügbar). "
        "Bitte versuchen Sie es erneut."
    )
    broker_down_message = gettext_lazy(
        "Der Hintergrunddienst ist nicht erreichbar. Der Export wurde nicht gestartet; "
        "bitte versuchen Sie es in einigen Minuten erneut."
    )


class JobTask(DeliveryLimitedTask):
    """Base of a job's task (its first argument the job's id): a message
    refused after too many deliveries fails the job with the reason, in the
    job's language."""

    lifecycle = ""  # "module:ATTRIBUTE" of the job's JobLifecycle

    def on_delivery_limit(self, args, kwargs, reason: str) -> None:
        lifecycle = lifecycle_at(self.lifecycle)
        pk = args[0] if args else next(iter(kwargs.values()))
        with lifecycle.in_language(pk):  # the reason, for the requester
            lifecycle.fail(pk=pk, message=delivery_limit_reason())


# Backoff between the retries after a transient database or broker error.
RETRY_COUNTDOWNS = (10, 60, 180)


def job_task(*, lifecycle: str, soft_time_limit: int, time_limit: int):
    """Decorator of the Celery task that runs one kind of job (its first
    argument the job's id; its body calls ``run_job_task``): bound,
    acknowledged after the work so a dead worker's job is delivered again,
    retried ``len(RETRY_COUNTDOWNS)`` times, within its time limits.
    ``lifecycle`` is the "module:ATTRIBUTE" of the kind's JobLifecycle."""
    return shared_task(
        bind=True,
        base=JobTask,
        lifecycle=lifecycle,
        acks_late=True,
        max_retries=len(RETRY_COUNTDOWNS),
        soft_time_limit=soft_time_limit,
        time_limit=time_limit,
    )


def run_job_task(
    task,
    run: Callable[[str, float | None], object],
    give_up: Callable[[], None],
    *,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
):
    """The body of a job's task: ``run(worker, heartbeat_seconds)`` once per
    try, retried with backoff after a transient error, ``give_up()`` after
    the last (the task is bound and has ``max_retries``). In-process (eager)
    runs have no heartbeat: nobody could take the job over."""
    retries = task.request.retries or 0
    heartbeat = None if task.request.is_eager else heartbeat_seconds
    while True:
        # One claim per try: a retry takes the job back from pending, a
        # redelivered copy of the same try finds it claimed and does nothing.
        worker = f"{task.request.id}:{retries}"
        try:
            return run(worker, heartbeat)
        except TRANSIENT_ERRORS as error:
            if retries >= task.max_retries:
                give_up()
                return None
            if not task.request.is_eager:
                raise task.retry(exc=error, countdown=RETRY_COUNTDOWNS[retries]) from error
            retries += 1  # in-process there is no broker to wait on: again at once
