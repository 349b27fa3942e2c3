"""Exports survive faults: redelivery, dead workers, transient errors, broker down.

Each test fails when its mechanism is removed: the claim (compare-and-set),
the heartbeat restart, the retry with backoff, the delivery counter and the
wrapped enqueue. Time is passed in explicitly; nothing sleeps.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from kiallianz.celery import MAX_DELIVERIES, DeliveryLimitExceededError
from reporting.models import ReportExport
from reporting.report import services
from reporting.report.exporters import get_exporter
from reporting.tasks import run_report_export
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


def _files_of(export) -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "reports" / str(export.edition_id)
    return sorted(root.rglob("*.*")) if root.exists() else []


def _pending_export(format="xlsx"):
    return services.export_create(edition=make_edition(), format=format)


def _done_export():
    export = _pending_export()
    services.export_run(export_id=export.id)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    return export


class TestRedelivery:
    def test_a_redelivered_message_after_done_makes_no_second_file(self):
        export = _done_export()
        before = (export.file.name, export.checksum, export.finished_at)

        run_report_export.apply(args=[export.id])

        export.refresh_from_db()
        assert export.status == ReportExport.Status.DONE
        assert (export.file.name, export.checksum, export.finished_at) == before
        assert len(_files_of(export)) == 1
        assert ReportExport.objects.count() == 1

    def test_a_redelivered_message_after_failed_does_nothing(self):
        export = _pending_export()
        services.export_fail(export_id=export.id, message="Abgebrochen.")

        run_report_export.apply(args=[export.id])

        export.refresh_from_db()
        assert export.status == ReportExport.Status.FAILED
        assert export.message == "Abgebrochen." and not export.file
        assert _files_of(export) == []

    def test_a_second_message_leaves_an_export_running_under_a_live_worker_alone(self):
        export = _pending_export()
        assert services.export_claim(export_id=export.id, worker="first")

        services.export_run(export_id=export.id, worker="second")

        export.refresh_from_db()
        assert export.status == ReportExport.Status.RUNNING and export.claimed_by == "first"
        assert _files_of(export) == []

    def test_a_failed_export_never_turns_into_done(self):
        export = _pending_export()
        assert services.export_claim(export_id=export.id, worker="slow")
        # The worker was taken for dead and the export failed meanwhile.
        services.export_fail(export_id=export.id, message="Abgebrochen.")

        finished = services._export_finish(
            export_id=export.id,
            worker="slow",
            filename="x.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content=b"x",
            warnings=[],
        )

        assert finished.status == ReportExport.Status.FAILED and not finished.file
        assert _files_of(export) == []

    def test_a_worker_whose_claim_was_taken_over_stops_at_the_next_progress_step(self):
        export = _pending_export()
        assert services.export_claim(export_id=export.id, worker="old")
        ReportExport.objects.filter(pk=export.id).update(claimed_by="new")

        with pytest.raises(services.ExportClaimLostError):
            services.export_progress(export_id=export.id, progress=50, message="…", worker="old")


class TestDeadWorker:
    def test_a_killed_workers_export_is_detected_within_minutes_and_retried_once(
        self, django_capture_on_commit_callbacks
    ):
        export = _pending_export()
        started = timezone.now()
        # The worker claimed it and then died: no heartbeat from here on.
        assert services.export_claim(export_id=export.id, worker="killed", now=started)
        export.refresh_from_db()

        alive = started + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES) / 2
        assert services.export_refresh(export=export, now=alive).status == "running"

        dead = started + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES, seconds=1)
        assert services.STALE_AFTER_MINUTES <= 2
        with django_capture_on_commit_callbacks(execute=True) as enqueued:
            services.exports_fail_stale(now=dead)
        assert len(enqueued) == 1  # started once more, on the same row

        export.refresh_from_db()
        assert export.status == ReportExport.Status.DONE and export.restarts == 1
        assert ReportExport.objects.count() == 1 and len(_files_of(export)) == 1

    def test_the_original_message_redelivered_to_a_stale_export_takes_it_over_once(self):
        export = _pending_export()
        long_ago = timezone.now() - datetime.timedelta(minutes=services.STALE_AFTER_MINUTES + 1)
        assert services.export_claim(export_id=export.id, worker="killed", now=long_ago)

        services.export_run(export_id=export.id, worker="redelivered")

        export.refresh_from_db()
        assert export.status == ReportExport.Status.DONE and export.restarts == 1

    def test_an_export_whose_worker_died_twice_is_failed_with_a_retry_button(self, office_client):
        export = _pending_export()
        long_ago = timezone.now() - datetime.timedelta(minutes=services.STALE_AFTER_MINUTES + 1)
        assert services.export_claim(export_id=export.id, worker="first", now=long_ago)
        ReportExport.objects.filter(pk=export.id).update(restarts=services.MAX_RESTARTS)

        response = office_client.get(reverse("reporting:export_status", args=[export.id]))

        export.refresh_from_db()
        assert export.status == ReportExport.Status.FAILED
        assert "keine Rückmeldung der Verarbeitung" in export.message
        assert reverse("reporting:export_retry", args=[export.id]) in response.content.decode()


class TestTransientErrors:
    @pytest.fixture
    def flaky_exporter(self, monkeypatch):
        exporter = get_exporter("xlsx")
        real_render = exporter.render_with_warnings
        calls = {"failures_left": 0, "count": 0}

        def render(*args, **kwargs):
            calls["count"] += 1
            if calls["failures_left"]:
                calls["failures_left"] -= 1
                raise OperationalError("server closed the connection unexpectedly")
            return real_render(*args, **kwargs)

        monkeypatch.setattr(exporter, "render_with_warnings", render)
        return calls

    def test_a_lost_database_connection_is_retried_and_the_export_finishes(self, flaky_exporter):
        export = _pending_export()
        flaky_exporter["failures_left"] = 2

        run_report_export.apply(args=[export.id])

        export.refresh_from_db()
        assert export.status == ReportExport.Status.DONE
        assert flaky_exporter["count"] == 3 and len(_files_of(export)) == 1

    def test_after_three_retries_the_export_fails_in_german(self, flaky_exporter):
        export = _pending_export()
        flaky_exporter["failures_left"] = 100

        run_report_export.apply(args=[export.id])

        export.refresh_from_db()
        assert flaky_exporter["count"] == 4  # the first try and three retries
        assert export.status == ReportExport.Status.FAILED
        assert export.message == services.transient_failure_message()
        assert export.message.startswith("Der Export ist nach mehreren Versuchen")


class TestDeliveryLimit:
    def test_a_message_delivered_a_fourth_time_is_refused_and_the_export_failed(self, monkeypatch):
        export = _pending_export()
        runs = []
        # Each delivery "crashes the worker": the render never returns.
        monkeypatch.setattr(services, "export_run", lambda **kwargs: runs.append(kwargs))

        def deliver():
            # As the worker runs a message: same id, first try, not in-process.
            run_report_export.push_request(
                id="crashing-message", retries=0, is_eager=False, called_directly=False
            )
            try:
                run_report_export(export.id)
            finally:
                run_report_export.pop_request()

        for _ in range(MAX_DELIVERIES):
            deliver()
        with pytest.raises(DeliveryLimitExceededError):
            deliver()

        assert len(runs) == MAX_DELIVERIES == 3
        export.refresh_from_db()
        assert export.status == ReportExport.Status.FAILED
        assert "3-mal begonnen" in export.message
        assert "nicht erneut ausgeführt" in export.message


@pytest.fixture
def broker_down(settings, monkeypatch):
    """Tasks go to a broker that refuses connections."""
    from kiallianz.celery import app

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(run_report_export, "apply_async", refuse)
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


class TestBrokerDown:
    def test_the_export_is_failed_with_a_german_message(
        self, broker_down, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            export = services.export_create(edition=make_edition(), format="pdf")
        export.refresh_from_db()
        assert export.status == ReportExport.Status.FAILED
        assert export.message.startswith("Der Hintergrunddienst ist nicht erreichbar.")

    @pytest.mark.django_db(transaction=True)
    def test_the_request_answers_with_the_message_and_the_export_can_be_retried(
        self, broker_down, office_client
    ):
        edition = make_edition()

        response = office_client.post(
            reverse("reporting:export_create", args=[edition.pk]), {"format": "pdf"}, follow=True
        )

        assert response.status_code == 200
        assert "Der Hintergrunddienst ist nicht erreichbar" in response.content.decode()
        export = ReportExport.objects.get()
        assert export.status == ReportExport.Status.FAILED
        assert reverse("reporting:export_retry", args=[export.id]) in response.content.decode()


class TestHeartbeat:
    def test_only_the_claiming_worker_keeps_the_export_alive(self):
        export = _pending_export()
        long_ago = timezone.now() - datetime.timedelta(minutes=1)
        assert services.export_claim(export_id=export.id, worker="alive", now=long_ago)

        assert services.export_heartbeat(export_id=export.id, worker="other") is False
        export.refresh_from_db()
        assert export.updated_at == long_ago

        assert services.export_heartbeat(export_id=export.id, worker="alive") is True
        export.refresh_from_db()
        assert export.updated_at > long_ago

    def test_a_finished_export_takes_no_heartbeat(self):
        export = _done_export()
        assert services.export_heartbeat(export_id=export.id, worker="late") is False
