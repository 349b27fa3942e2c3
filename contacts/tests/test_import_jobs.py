"""The import job's life cycle: progress, failures in German, exactly once."""

import datetime
import logging

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation

import contacts.importing.service
from contacts.models import ImportJob, Organisation
from contacts.services import imports
from contacts.tasks import cleanup_import_jobs, run_import_job
from kiallianz import jobs
from kiallianz.celery import delivery_limit_reason

pytestmark = pytest.mark.django_db

ROWS = "\n".join(
    ["Firma;Ort;Nachname;E-Mail", *(f"Firma {n};Ulm;Muster;p{n}@firma{n}.de" for n in range(5))]
)


def _start(user, text: str = ROWS, **options) -> ImportJob:
    upload = SimpleUploadedFile("kontakte.csv", (text + "\n").encode())
    return imports.import_job_start(upload=upload, user=user, **options)


def _checked(user, text: str = ROWS) -> ImportJob:
    return imports.import_job_run(job_id=_start(user, text).pk)


def _imported(user) -> ImportJob:
    dry_run = _checked(user)
    return imports.import_job_run(job_id=imports.import_job_confirm(dry_run=dry_run, user=user).pk)


@pytest.fixture
def reported(monkeypatch):
    """Every live progress report (percent, message) of the running job."""
    seen = []
    original = jobs.LiveProgress.report

    def report(self, progress, message):
        seen.append((progress, message))
        original(self, progress, message)

    monkeypatch.setattr(jobs.LiveProgress, "report", report)
    return seen


def test_the_dry_run_reports_progress_per_chunk_and_saves_nothing(
    office_user, region, reported, monkeypatch
):
    monkeypatch.setattr(contacts.importing.service, "CHUNK_ROWS", 2)

    job = _checked(office_user)

    assert reported == [
        (5, "0 von 5 Zeilen geprüft …"),
        (41, "2 von 5 Zeilen geprüft …"),
        (77, "4 von 5 Zeilen geprüft …"),
        (95, "5 von 5 Zeilen geprüft …"),
    ]
    assert (job.status, job.progress, job.message) == ("done", 100, "Geprüft.")
    assert job.result["rows"] == 5 and job.result["counts"]["organisations"]["created"] == 5
    assert job.finished_at is not None
    assert not Organisation.objects.exists()
    assert imports.import_job_can_import(job)


def test_the_import_saves_reports_and_deletes_the_upload(
    office_user, region, reported, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _imported(office_user)
    job.refresh_from_db()

    assert (job.status, job.message) == ("done", "Importiert.")
    assert reported[-1] == (95, "5 von 5 Zeilen importiert …")
    assert Organisation.objects.count() == 5
    assert job.result["saved"] is True
    job.dry_run.refresh_from_db()
    assert not job.file and not job.dry_run.file
    assert not default_storage.exists(ImportJob.objects.get(pk=job.pk).dry_run.original_name)


def test_the_page_shows_the_live_progress_of_a_running_job(office_user, region):
    job = _start(office_user)
    assert imports.IMPORT_JOBS.claim(pk=job.pk, worker="w")
    jobs.LiveProgress(imports.live_progress_key(job.pk)).report(41, "2 von 5 Zeilen geprüft …")

    shown = imports.import_job_refresh(ImportJob.objects.get(pk=job.pk))

    assert (shown.progress, shown.message) == (41, "2 von 5 Zeilen geprüft …")


def test_the_heartbeat_writes_the_latest_progress_to_the_row(office_user, region):
    job = _start(office_user)
    assert imports.IMPORT_JOBS.claim(pk=job.pk, worker="w")
    beat = jobs.Heartbeat(imports.IMPORT_JOBS, pk=job.pk, worker="w", seconds=20)
    beat.report(41, "2 von 5 Zeilen geprüft …")

    assert beat._beat() is True

    job.refresh_from_db()
    assert (job.progress, job.message) == (41, "2 von 5 Zeilen geprüft …")
    imports.IMPORT_JOBS.fail(pk=job.pk, message="abgebrochen")
    beat.report(60, "…")
    assert beat._beat() is False  # the claim is gone: the import stops


def test_a_redelivered_message_after_done_does_nothing(office_user, region):
    job = _imported(office_user)
    before = ImportJob.objects.filter(pk=job.pk).values().get()

    again = run_import_job.apply(args=[job.pk])

    assert again.successful()
    assert ImportJob.objects.filter(pk=job.pk).values().get() == before
    assert Organisation.objects.count() == 5


def test_a_redelivered_message_after_failed_does_nothing(office_user, region):
    job = _start(office_user)
    imports.IMPORT_JOBS.fail(pk=job.pk, message="Abgebrochen.")

    imports.import_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "Abgebrochen.")
    assert job.result == {}


def test_a_crash_fails_the_job_in_german_and_saves_nothing(
    office_user, region, monkeypatch, caplog
):
    dry_run = _checked(office_user)
    job = imports.import_job_confirm(dry_run=dry_run, user=office_user)

    def crash(**kwargs):
        contacts.importing.service.contacts_import(**kwargs)
        raise RuntimeError("p0@firma0.de")

    monkeypatch.setattr(imports, "contacts_import", crash)
    with caplog.at_level(logging.INFO):
        job = imports.import_job_run(job_id=job.pk)

    assert job.status == "failed"
    assert job.message.startswith(
        "Die Verarbeitung ist fehlgeschlagen; es wurde nichts gespeichert."
    )
    assert not Organisation.objects.exists()
    assert "RuntimeError" in caplog.text and "p0@firma0.de" not in caplog.text
    # The stored file stays for „Erneut versuchen“.
    assert job.file and default_storage.exists(job.file.name)
    monkeypatch.undo()
    retry = imports.import_job_run(job_id=imports.import_job_retry(job=job, user=office_user).pk)
    assert retry.status == "done" and Organisation.objects.count() == 5


def test_a_job_failed_meanwhile_rolls_its_import_back(office_user, region, monkeypatch):
    """The stale check gave up on the job while it ran: its data must not stay."""
    dry_run = _checked(office_user)
    job = imports.import_job_confirm(dry_run=dry_run, user=office_user)

    def import_then_lose_the_claim(**kwargs):
        report = contacts.importing.service.contacts_import(**kwargs)
        imports.IMPORT_JOBS.fail(pk=job.pk, message="Abgebrochen.")
        return report

    monkeypatch.setattr(imports, "contacts_import", import_then_lose_the_claim)
    job = imports.import_job_run(job_id=job.pk)

    # Nothing stays, and the job is not done. (Here the simulated failure is
    # rolled back as well; the stale check writes it on its own connection.)
    assert job.status != "done" and job.result == {}
    assert not Organisation.objects.exists()


def test_transient_errors_are_retried_then_fail_in_german(office_user, region, monkeypatch):
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        raise OperationalError("server closed the connection")

    job = _start(office_user)
    monkeypatch.setattr(imports, "contacts_import", flaky)

    run_import_job.apply(args=[job.pk])

    job.refresh_from_db()
    assert len(calls) == 4  # the first try and three retries
    assert job.status == "failed" and job.message == imports.transient_failure_message()
    assert "Es wurde nichts gespeichert." in job.message


def test_a_transient_error_once_is_survived(office_user, region, monkeypatch):
    real = contacts.importing.service.contacts_import
    calls = []

    def once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection")
        return real(**kwargs)

    job = _start(office_user)
    monkeypatch.setattr(imports, "contacts_import", once)
    run_import_job.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done" and job.result["rows"] == 5


def test_a_message_delivered_too_often_fails_the_job_in_german(office_user, region):
    job = _start(office_user)
    run_import_job.on_delivery_limit((job.pk,), {}, delivery_limit_reason())
    job.refresh_from_db()
    assert job.status == "failed" and job.message == delivery_limit_reason()


def test_a_dead_worker_is_noticed_restarted_once_then_failed(
    office_user, region, django_capture_on_commit_callbacks
):
    job = _start(office_user)
    started = timezone.now()
    assert imports.IMPORT_JOBS.claim(pk=job.pk, worker="killed", now=started)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=started)
    dead = started + datetime.timedelta(minutes=imports.IMPORT_JOBS.stale_after_minutes, seconds=1)

    with django_capture_on_commit_callbacks(execute=True):
        imports.IMPORT_JOBS.fail_stale(now=dead)

    job.refresh_from_db()
    assert job.status == "done" and job.restarts == 1  # enqueued again and run
    second = _start(office_user)
    ImportJob.objects.filter(pk=second.pk).update(status="running", restarts=1, updated_at=started)
    imports.IMPORT_JOBS.fail_stale(now=dead)
    second.refresh_from_db()
    assert second.status == "failed"
    assert second.message.startswith("Die Verarbeitung wurde abgebrochen (keine Rückmeldung seit 2")


def test_confirming_needs_a_checked_file_without_errors(office_user, region):
    dry_run = _checked(office_user, "Firma;Ort\n;Ulm\nFirma A;Ulm")
    assert dry_run.result["invalid_rows"] == 1
    assert not imports.import_job_can_import(dry_run)
    with pytest.raises(Exception, match="kann nicht importiert werden"):
        imports.import_job_confirm(dry_run=dry_run, user=office_user)


def test_the_cleanup_removes_old_uploads_and_then_old_jobs(office_user, region, settings):
    checked = _checked(office_user)
    waiting = _start(office_user)
    name = checked.file.name
    later = timezone.now() + datetime.timedelta(
        hours=settings.IMPORT_FILE_RETENTION_HOURS, minutes=1
    )
    ImportJob.objects.filter(pk=waiting.pk).update(updated_at=later)  # not stale

    assert imports.import_jobs_cleanup(now=later) == 1

    checked.refresh_from_db()
    assert not checked.file and not default_storage.exists(name)
    waiting.refresh_from_db()
    assert waiting.file and default_storage.exists(waiting.file.name)  # still to be checked
    much_later = timezone.now() + datetime.timedelta(
        days=settings.IMPORT_JOB_RETENTION_DAYS, hours=1
    )
    ImportJob.objects.filter(pk=waiting.pk).update(status="failed")
    cleanup_import_jobs.apply()
    imports.import_jobs_cleanup(now=much_later)
    assert not ImportJob.objects.exists()


def test_erasing_a_person_removes_finished_imports(office_user, region):
    from contacts.models import Person
    from contacts.privacy import person_erase

    job = _imported(office_user)
    person = Person.objects.create(last_name="Beispiel", email="p0@firma0.de")

    person_erase(person=person, version=person.version, user=office_user)

    assert not ImportJob.objects.filter(pk=job.dry_run_id).exists()


def _wait_until_finished(job: ImportJob, timeout: float = 120) -> ImportJob:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.5)
    pytest.fail(f"Importauftrag {job.pk} nicht fertig: {job.status} {job.message}")


@pytest.mark.worker
def test_the_dry_run_and_the_import_run_on_a_real_worker(
    celery_worker, office_user, region, settings
):
    import os
    import shutil

    from kiallianz import settings_test

    # The worker reads the upload under its own MEDIA_ROOT (see conftest).
    settings.MEDIA_ROOT = os.environ.get("WORKER_MEDIA_ROOT", settings_test.MEDIA_ROOT)
    dry_run = _wait_until_finished(_start(office_user))
    assert dry_run.status == "done" and dry_run.result["rows"] == 5
    assert dry_run.claimed_by and not Organisation.objects.exists()

    job = _wait_until_finished(imports.import_job_confirm(dry_run=dry_run, user=office_user))

    assert (job.status, job.message) == ("done", "Importiert.")
    assert Organisation.objects.count() == 5
    job.refresh_from_db()  # the upload went once the import was done
    assert not job.file
    shutil.rmtree(os.path.join(settings.MEDIA_ROOT, os.path.dirname(dry_run.file.name or "")), True)


def test_the_progress_message_groups_thousands_as_in_german():
    assert imports._progress_message(4000, 20_000, True) == "4.000 von 20.000 Zeilen geprüft …"
    assert imports._progress_message(1, 1, False) == "1 von 1 Zeile importiert …"


@pytest.fixture
def language_restored():
    """A request in English activates English in this thread (the test
    client runs the view here): later tests must get German back."""
    with translation.override("de"):
        yield


def test_an_english_uploaders_messages_and_row_errors_are_in_english(
    office_client, region, django_capture_on_commit_callbacks, language_restored
):
    upload = SimpleUploadedFile("kontakte.csv", b"Firma;Ort\n;Ulm\nFirma A;Ulm\n")

    office_client.cookies["django_language"] = "en"  # the language switch
    with django_capture_on_commit_callbacks(execute=True):  # the task runs without a request
        response = office_client.post(reverse("contacts:import"), {"file": upload})

    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.language == "en"
    assert (job.status, job.message) == ("done", "Checked.")
    assert job.result["errors"][0]["message"] == "The organisation's name is missing."
    # A German uploader's job stays German, whatever the worker's language.
    office_client.cookies["django_language"] = "de"
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        german = office_client.post(
            reverse("contacts:import"),
            {"file": SimpleUploadedFile("k.csv", b"Firma;Ort\n;Ulm\n")},
        )
    job = ImportJob.objects.get(pk=int(german.url.rstrip("/").rsplit("/", 1)[-1]))
    assert job.language == "de" and job.message == "Geprüft."
    assert job.result["errors"][0]["message"] == "Der Name der Organisation fehlt."


def test_the_stale_sweep_and_the_delivery_limit_speak_the_uploaders_language(office_user, region):
    with translation.override("en"):
        job = _start(office_user)
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    ImportJob.objects.filter(pk=job.pk).update(status="running", restarts=1, updated_at=long_ago)

    imports.IMPORT_JOBS.fail_stale()

    job.refresh_from_db()
    assert job.message.startswith("Processing was stopped (no response for 2 minutes)")
    with translation.override("en"):
        second = _start(office_user)
    run_import_job.on_delivery_limit((second.pk,), {}, delivery_limit_reason())
    second.refresh_from_db()
    assert second.status == "failed" and "was started 3 times without finishing" in second.message
