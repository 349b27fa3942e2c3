"""List exports survive faults: redelivery, dead workers, transient errors,
broker down; and the embedded mode shows their progress.

Each test fails when its mechanism is removed: the claim (compare-and-set),
the heartbeat and the per-minute sweep that restarts a dead worker's
export, the retry with backoff, the delivery counter, the wrapped enqueue
and the thread of the embedded mode. Time is passed in explicitly; nothing
sleeps. (The shared mechanics are kiallianz/jobs.py's; the report export's
and the import's tests mirror these.)
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from audit.models import AccessLogEntry
from contacts.exporters import FirstContactListExporter
from contacts.models import ListExport
from contacts.services import exports
from contacts.tasks import cleanup_list_exports, run_list_export
from contacts.tests.factories import FirstContactFactory
from kiallianz import jobs
from kiallianz.celery import MAX_DELIVERIES, DeliveryLimitExceededError
from kiallianz.tabular import ListExporter
from kiallianz.tasks import fail_stale_jobs

pytestmark = pytest.mark.django_db

STALE = exports.LIST_EXPORTS.stale_after_minutes


def _files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "list-exports"
    return sorted(root.rglob("*.*")) if root.exists() else []


@pytest.fixture
def pending(cm_user, region):
    """A waiting export of a list with three first contacts."""
    FirstContactFactory.create_batch(3, region=region)
    return exports.list_export_create(exporter="erstgespraeche", fmt="csv", query="", user=cm_user)


def _done(job: ListExport) -> ListExport:
    job = exports.list_export_run(export_id=job.pk)
    assert job.status == ListExport.Status.DONE
    return job


def _row(job: ListExport) -> dict:
    return ListExport.objects.filter(pk=job.pk).values().get()


class TestRedelivery:
    def test_a_redelivered_message_after_done_makes_no_second_file(self, pending):
        job = _done(pending)
        before = _row(job)

        again = run_list_export.apply(args=[job.pk])

        assert again.successful()
        assert _row(job) == before
        assert len(_files()) == 1 and ListExport.objects.count() == 1

    def test_a_redelivered_message_after_failed_does_nothing(self, pending):
        exports.LIST_EXPORTS.fail(pk=pending.pk, message="Abgebrochen.")

        run_list_export.apply(args=[pending.pk])

        pending.refresh_from_db()
        assert (pending.status, pending.message) == ("failed", "Abgebrochen.")
        assert not pending.file and _files() == []

    def test_a_second_message_leaves_an_export_running_under_a_live_worker_alone(self, pending):
        assert exports.LIST_EXPORTS.claim(pk=pending.pk, worker="first")

        exports.list_export_run(export_id=pending.pk, worker="second")

        pending.refresh_from_db()
        assert (pending.status, pending.claimed_by) == ("running", "first")
        assert _files() == []

    def test_a_failed_export_never_turns_into_done(self, pending):
        assert exports.LIST_EXPORTS.claim(pk=pending.pk, worker="slow")
        # The worker was taken for dead and the export failed meanwhile.
        exports.LIST_EXPORTS.fail(pk=pending.pk, message="Abgebrochen.")

        finished = exports._finish(
            export_id=pending.pk, worker="slow", filename="x.csv", content=b"x"
        )

        assert finished.status == "failed" and not finished.file
        assert _files() == []

    def test_a_worker_whose_claim_was_taken_over_stops_writing(self, pending, monkeypatch):
        monkeypatch.setattr(ListExporter, "PROGRESS_ROWS", 1)
        real_rows = FirstContactListExporter.rows

        def rows_then_lose_the_claim(self, queryset):
            for row in real_rows(self, queryset):
                ListExport.objects.filter(pk=pending.pk).update(claimed_by="new")
                yield row

        monkeypatch.setattr(FirstContactListExporter, "rows", rows_then_lose_the_claim)

        job = exports.list_export_run(export_id=pending.pk, worker="old")

        assert (job.status, job.claimed_by) == ("running", "new")
        assert not job.file and _files() == []


class TestDeadWorker:
    def test_a_killed_workers_export_is_noticed_by_the_sweep_and_retried_once(
        self, pending, django_capture_on_commit_callbacks
    ):
        started = timezone.now()
        # The worker claimed it and then died: no heartbeat from here on.
        assert exports.LIST_EXPORTS.claim(pk=pending.pk, worker="killed", now=started)
        pending.refresh_from_db()
        alive = started + datetime.timedelta(minutes=STALE) / 2
        assert exports.list_export_refresh(pending, now=alive).status == "running"

        dead = started + datetime.timedelta(minutes=STALE, seconds=1)
        assert STALE <= 2
        with django_capture_on_commit_callbacks(execute=True) as enqueued:
            jobs.fail_stale_jobs(now=dead)  # what beat runs every minute
        assert len(enqueued) == 1  # started once more, on the same row

        pending.refresh_from_db()
        assert pending.status == "done" and pending.restarts == 1
        assert ListExport.objects.count() == 1 and len(_files()) == 1

    def test_the_sweep_runs_every_minute_for_every_kind_of_job(self):
        entry = django_settings.CELERY_BEAT_SCHEDULE["fail-stale-jobs"]
        assert entry["task"] == fail_stale_jobs.name and entry["schedule"] <= 60
        kinds = [
            jobs.lifecycle_at(path).model for path in django_settings.BACKGROUND_JOB_LIFECYCLES
        ]
        assert ListExport in kinds
        assert fail_stale_jobs.apply().successful()

    def test_the_original_message_redelivered_to_a_stale_export_takes_it_over_once(self, pending):
        long_ago = timezone.now() - datetime.timedelta(minutes=STALE + 1)
        assert exports.LIST_EXPORTS.claim(pk=pending.pk, worker="killed", now=long_ago)

        job = exports.list_export_run(export_id=pending.pk, worker="redelivered")

        assert job.status == "done" and job.restarts == 1 and len(_files()) == 1

    def test_an_export_whose_worker_died_twice_is_failed_with_a_retry_link(
        self, pending, cm_client
    ):
        long_ago = timezone.now() - datetime.timedelta(minutes=STALE + 1)
        assert exports.LIST_EXPORTS.claim(pk=pending.pk, worker="first", now=long_ago)
        ListExport.objects.filter(pk=pending.pk).update(restarts=exports.LIST_EXPORTS.max_restarts)

        page = cm_client.get(reverse("contacts:list_export_detail", args=[pending.pk]))

        pending.refresh_from_db()
        assert pending.status == "failed"
        assert "keine Rückmeldung der Verarbeitung seit 2 Minuten" in pending.message
        html = page.content.decode()
        assert "Erneut versuchen" in html
        assert f'href="{reverse("contacts:index")}?format=csv"' in html


class TestHeartbeat:
    def test_the_task_has_time_limits_below_the_visibility_timeout(self):
        visibility = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        assert run_list_export.soft_time_limit < run_list_export.time_limit < visibility
        assert run_list_export.acks_late and run_list_export.max_retries == 3

    def test_a_task_on_a_worker_beats_and_an_in_process_one_does_not(self, monkeypatch):
        calls = []
        monkeypatch.setattr(exports, "list_export_run", lambda **kwargs: calls.append(kwargs))

        run_list_export.push_request(id="m", retries=0, is_eager=False, called_directly=False)
        try:
            run_list_export(7)
        finally:
            run_list_export.pop_request()
        run_list_export.apply(args=[8])

        assert calls[0]["heartbeat_seconds"] == jobs.HEARTBEAT_SECONDS <= 30
        assert calls[0]["worker"] == "m:0"
        assert calls[1]["heartbeat_seconds"] is None

    def test_the_run_beats_while_it_writes(self, pending, monkeypatch):
        started = []
        real = exports.LIST_EXPORTS.heartbeat_thread

        def recorded(**kwargs):
            beat = real(**kwargs)
            started.append((kwargs["seconds"], beat))
            return beat

        monkeypatch.setattr(exports.LIST_EXPORTS, "heartbeat_thread", recorded)

        job = exports.list_export_run(export_id=pending.pk, worker="w", heartbeat_seconds=60)

        assert job.status == "done"
        seconds, beat = started[0]
        assert seconds == 60 and isinstance(beat, jobs.Heartbeat)
        assert beat.stopped.is_set()  # stopped with the run

    def test_progress_is_written_per_thousand_rows(self, pending, monkeypatch):
        monkeypatch.setattr(ListExporter, "PROGRESS_ROWS", 1)
        seen = []
        real = exports.LIST_EXPORTS.progress

        def progress(**kwargs):
            seen.append((kwargs["progress"], kwargs["message"]))
            real(**kwargs)

        monkeypatch.setattr(exports.LIST_EXPORTS, "progress", progress)

        job = exports.list_export_run(export_id=pending.pk)

        assert seen == [
            (5, "0 von 3 Zeilen geschrieben …"),
            (33, "1 von 3 Zeilen geschrieben …"),
            (61, "2 von 3 Zeilen geschrieben …"),
            (90, "3 von 3 Zeilen geschrieben …"),
            (95, "Die Datei wird gespeichert …"),
        ]
        assert (job.progress, job.message, job.row_count) == (100, "Fertig.", 3)
        assert job.finished_at is not None


class TestTransientErrors:
    @pytest.fixture
    def flaky(self, monkeypatch):
        real_write = FirstContactListExporter.write
        calls = {"failures_left": 0, "count": 0}

        def write(self, *args, **kwargs):
            calls["count"] += 1
            if calls["failures_left"]:
                calls["failures_left"] -= 1
                raise OperationalError("server closed the connection unexpectedly")
            return real_write(self, *args, **kwargs)

        monkeypatch.setattr(FirstContactListExporter, "write", write)
        return calls

    def test_a_lost_database_connection_is_retried_and_the_export_finishes(self, pending, flaky):
        flaky["failures_left"] = 2

        run_list_export.apply(args=[pending.pk])

        pending.refresh_from_db()
        assert pending.status == "done"
        assert flaky["count"] == 3 and len(_files()) == 1

    def test_after_three_retries_the_export_fails_in_german_with_a_retry_link(
        self, pending, flaky, cm_client
    ):
        flaky["failures_left"] = 100

        run_list_export.apply(args=[pending.pk])

        pending.refresh_from_db()
        assert flaky["count"] == 4  # the first try and three retries
        assert pending.status == "failed"
        assert pending.message == exports.transient_failure_message()
        assert pending.message.startswith("Der Export ist nach mehreren Versuchen")
        page = cm_client.get(reverse("contacts:list_export_detail", args=[pending.pk]))
        assert "Erneut versuchen" in page.content.decode() and _files() == []

    def test_a_crash_fails_the_export_in_german_without_quoting_data(
        self, pending, monkeypatch, caplog
    ):
        def crash(self, *args, **kwargs):
            raise RuntimeError("max@example.org")

        monkeypatch.setattr(FirstContactListExporter, "write", crash)

        job = exports.list_export_run(export_id=pending.pk)

        assert job.status == "failed" and job.message.startswith("Der Export ist fehlgeschlagen.")
        assert "RuntimeError" in caplog.text and "max@example.org" not in caplog.text


class TestDeliveryLimit:
    def test_a_message_delivered_a_fourth_time_is_refused_and_the_export_failed(
        self, pending, monkeypatch
    ):
        runs = []
        # Each delivery "crashes the worker": the run never returns.
        monkeypatch.setattr(exports, "list_export_run", lambda **kwargs: runs.append(kwargs))

        def deliver():
            run_list_export.push_request(
                id="crashing-message", retries=0, is_eager=False, called_directly=False
            )
            try:
                run_list_export(pending.pk)
            finally:
                run_list_export.pop_request()

        for _ in range(MAX_DELIVERIES):
            deliver()
        with pytest.raises(DeliveryLimitExceededError):
            deliver()

        assert len(runs) == MAX_DELIVERIES == 3
        pending.refresh_from_db()
        assert pending.status == "failed" and "3-mal begonnen" in pending.message


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go to a broker that refuses connections."""
    from kiallianz.celery import app

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(run_list_export, "apply_async", refuse)
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


class TestBrokerDown:
    def test_the_export_is_failed_with_a_german_message(
        self, broker_down, cm_user, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            job = exports.list_export_create(
                exporter="erstgespraeche", fmt="csv", query="", user=cm_user
            )
        job.refresh_from_db()
        assert job.status == "failed" and job.finished_at is not None
        assert job.message.startswith("Der Hintergrunddienst ist nicht erreichbar.")

    @pytest.mark.django_db(transaction=True)
    def test_the_request_answers_with_the_message_and_no_500(
        self, broker_down, cm_client, region, monkeypatch
    ):
        monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 1)
        FirstContactFactory.create_batch(2, region=region)

        response = cm_client.get(reverse("contacts:index"), {"format": "csv"}, follow=True)

        assert response.status_code == 200
        assert "Der Hintergrunddienst ist nicht erreichbar" in response.content.decode()
        job = ListExport.objects.get()
        assert job.status == "failed" and _files() == []
        # Nothing left the house: no access-log entry for an export never written.
        assert not AccessLogEntry.objects.filter(export_type="erstgespraeche").exists()


class TestEmbeddedMode:
    def test_the_request_answers_at_once_and_the_page_polls_the_progress(
        self, cm_client, region, settings, monkeypatch, django_capture_on_commit_callbacks
    ):
        from kiallianz import celery as background
        from kiallianz.tests.test_enqueue import RecordedThread

        RecordedThread.started = []
        monkeypatch.setattr(background, "Thread", RecordedThread)
        settings.EAGER_TASKS_IN_THREAD = True
        monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 1)
        monkeypatch.setattr(ListExporter, "PROGRESS_ROWS", 1)
        FirstContactFactory.create_batch(2, region=region)

        with django_capture_on_commit_callbacks(execute=True):
            response = cm_client.get(reverse("contacts:index"), {"format": "csv"})

        # Answered with the export still waiting: no frozen button.
        job = ListExport.objects.get()
        assert response.status_code == 302 and job.status == "pending"
        assert len(RecordedThread.started) == 1 and RecordedThread.started[0].daemon
        page = cm_client.get(response.url).content.decode()
        assert 'role="progressbar"' in page and 'hx-trigger="every 1s"' in page

        # What the poller sees while the thread writes: the row's progress.
        polled = []
        real = exports.LIST_EXPORTS.progress

        def progress(**kwargs):
            real(**kwargs)
            fragment = cm_client.get(response.url, {"partial": "1"}).content.decode()
            polled.append('data-status="running"' in fragment and "hx-trigger" in fragment)
            polled.append(f'aria-valuenow="{kwargs["progress"]}"' in fragment)

        monkeypatch.setattr(exports.LIST_EXPORTS, "progress", progress)
        RecordedThread.started[0].run_now()

        assert polled and all(polled)
        fragment = cm_client.get(response.url, {"partial": "1"}).content.decode()
        assert 'data-status="done"' in fragment and "hx-trigger" not in fragment
        assert "Herunterladen" in fragment


class TestLanguage:
    @pytest.fixture(autouse=True)
    def _language_restored(self):
        """A request in English activates English in this thread (the test
        client runs the view here): later tests must get German back."""
        with translation.override("de"):
            yield

    def test_an_english_requester_gets_english_headers_and_messages(
        self, cm_client, region, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 1)
        FirstContactFactory.create_batch(2, region=region)

        cm_client.cookies["django_language"] = "en"  # the language switch
        with django_capture_on_commit_callbacks(execute=True):  # the task runs without a request
            cm_client.get(reverse("contacts:index"), {"format": "csv"})

        job = ListExport.objects.get()
        assert (job.language, job.status, job.message) == ("en", "done", "Done.")
        header = job.file.open("rb").readline().decode("utf-8-sig")
        assert header.startswith("Date;Region;Organisation")
        # The quick download of a small list in English has the same headers.
        monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 5)
        quick = cm_client.get(reverse("contacts:index"), {"format": "csv"})
        assert quick.content.decode("utf-8-sig").startswith(header.strip())

    def test_a_german_requesters_file_stays_german_whatever_the_worker_speaks(self, pending):
        assert pending.language == "de"
        with translation.override("en"):
            run_list_export.apply(args=[pending.pk])

        pending.refresh_from_db()
        assert pending.message == "Fertig."
        assert pending.file.open("rb").readline().decode("utf-8-sig").startswith("Datum;Region")


class TestRetryAndRetention:
    def test_retrying_asks_the_list_again_with_the_same_filters(
        self, cm_client, cm_user, region, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 1)
        FirstContactFactory.create_batch(2, region=region)
        failed = exports.list_export_create(
            exporter="erstgespraeche", fmt="xlsx", query=f"region={region.pk}", user=cm_user
        )
        exports.LIST_EXPORTS.fail(
            pk=failed.pk, message=str(exports.LIST_EXPORTS.broker_down_message)
        )
        from contacts.views.list_exports import retry_url

        url = retry_url(failed)
        assert url == f"{reverse('contacts:index')}?region={region.pk}&format=xlsx"

        with django_capture_on_commit_callbacks(execute=True):
            response = cm_client.get(url)

        retry = ListExport.objects.latest("id")
        assert retry.pk != failed.pk and response.url.endswith(f"/exports/{retry.pk}/")
        assert (retry.query, retry.format, retry.status) == (f"region={region.pk}", "xlsx", "done")
        # Logged like the first request: who, which list, how many rows.
        assert AccessLogEntry.objects.filter(export_type="erstgespraeche", row_count=2).count() == 1

    def test_the_cleanup_removes_old_finished_exports_and_settles_stale_ones(
        self, pending, cm_user, settings
    ):
        done = _done(pending)
        running = exports.list_export_create(
            exporter="erstgespraeche", fmt="csv", query="", user=cm_user
        )
        assert exports.LIST_EXPORTS.claim(pk=running.pk, worker="alive")
        later = timezone.now() + datetime.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS + 1)
        ListExport.objects.filter(pk=running.pk).update(updated_at=later)  # still beating

        assert exports.list_exports_cleanup(now=later) == 1

        assert list(ListExport.objects.values_list("pk", flat=True)) == [running.pk]
        assert not any(done.file.name in str(path) for path in _files())
        assert cleanup_list_exports.apply().successful()


@pytest.mark.worker
def test_a_large_list_is_written_on_a_real_worker(celery_worker, cm_user, region, settings):
    import os
    import shutil
    import time

    from kiallianz import settings_test

    FirstContactFactory.create_batch(3, region=region)
    job = exports.list_export_create(exporter="erstgespraeche", fmt="csv", query="", user=cm_user)
    deadline = time.monotonic() + 120
    while not job.is_finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()

    assert (job.status, job.row_count, job.message) == ("done", 3, "Fertig.")
    assert job.claimed_by and job.finished_at
    # The worker wrote under its own MEDIA_ROOT (see conftest): remove it.
    worker_media = os.environ.get("WORKER_MEDIA_ROOT", settings_test.MEDIA_ROOT)
    written = Path(worker_media) / job.file.name
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    shutil.rmtree(written.parent)
