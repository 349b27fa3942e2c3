import contextlib
import datetime
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.tests.factories import EventFactory
from reporting.models import ReportEdition, ReportExport
from reporting.report import services
from reporting.tasks import cleanup_report_exports, run_report_export
from reporting.tests.test_report_factories import FundingProjectFactory, make_edition

pytestmark = pytest.mark.django_db


def test_it_creates_an_edition_with_the_standard_section_tree(office_user):
    edition = make_edition(user=office_user)
    assert edition.period_start == datetime.date(2024, 1, 1)
    assert edition.period_end == datetime.date(2024, 12, 31)
    assert edition.title == "Zwischenverwendungsnachweis zum Jahr 2024"
    assert edition.funder_reference == "2782027" and edition.annex_label == "Anlage 1"
    keys = list(edition.sections.order_by("id").values_list("key", flat=True))
    assert keys[:3] == ["introduction", "ap1", "ap1-meetings"]
    assert edition.sections.get(key="ap3-events-by-region").parent.key == "ap3-events"
    assert edition.sections.get(key="ap2-first-contacts").block_keys == ["first_contacts"]


def test_it_refuses_an_as_of_date_before_the_period_in_german():
    project = FundingProjectFactory()
    with pytest.raises(ValidationError) as error:
        services.edition_create(project=project, year=2024, as_of=datetime.date(2023, 12, 31))
    assert "Der Stichtag (31. Dezember 2023) liegt vor dem Beginn des Berichtszeitraums" in str(
        error.value
    )
    assert not ReportEdition.objects.exists()


def test_it_copies_sections_and_narratives_from_last_year():
    edition = make_edition()
    intro = edition.sections.get(key="introduction")
    services.section_update(section=intro, version=intro.version, narrative="Text aus 2024")
    outlook = edition.sections.get(key="outlook")
    services.section_update(
        section=outlook, version=outlook.version, narrative="Ausblick", block_keys=["photos"]
    )

    new = services.edition_create(
        project=edition.project, year=2025, as_of=datetime.date(2026, 2, 1), previous=edition
    )

    assert new.sections.count() == edition.sections.count()
    assert new.sections.get(key="introduction").narrative == "Text aus 2024"
    assert new.sections.get(key="outlook").block_keys == ["photos"]
    child = new.sections.get(key="ap3-events-by-region")
    assert child.parent.edition_id == new.id
    assert new.period_start == datetime.date(2025, 1, 1)


def test_it_refuses_a_stale_section_edit():
    edition = make_edition()
    section = edition.sections.get(key="introduction")
    services.section_update(section=section, version=section.version, narrative="Erste Fassung")
    with pytest.raises(ValidationError) as error:
        services.section_update(section=section, version=1, narrative="Überschrieben?")
    assert "inzwischen von jemand anderem geändert" in str(error.value)
    section.refresh_from_db()
    assert section.narrative == "Erste Fassung"


def test_it_runs_an_export_in_process_and_keeps_size_and_checksum(office_user, region):
    edition = make_edition()
    EventFactory(title="Auftakt Karlsruhe", region=region)
    export = services.export_create(edition=edition, format="pdf", user=office_user)
    run_report_export.delay(export.id)  # what on_commit does after the commit
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.progress == 100
    content = export.file.read()
    assert content.startswith(b"%PDF")
    assert export.file_size == len(content)
    assert export.checksum == hashlib.sha256(content).hexdigest()
    assert (export.year, export.as_of, export.created_by) == (2024, edition.as_of, office_user)


def test_it_enqueues_the_export_after_commit(django_capture_on_commit_callbacks, office_user):
    edition = make_edition()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        export = services.export_create(edition=edition, format="xlsx", user=office_user)
    assert len(callbacks) == 1
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.file.name.endswith(".xlsx")


def test_it_records_a_failure_in_german_and_retries_as_a_new_export(office_user, caplog):
    edition = make_edition()
    export = services.export_create(edition=edition, format="pdf", user=office_user)
    # An unknown format cannot be rendered: the failure is recorded, not raised.
    ReportExport.objects.filter(pk=export.pk).update(format="docx")
    services.export_run(export_id=export.id)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED
    assert export.message.startswith("Der Export ist fehlgeschlagen.")
    assert f"export_id={export.id}" in caplog.text
    assert office_user.last_name not in caplog.text

    ReportExport.objects.filter(pk=export.pk).update(format="pdf")
    export.refresh_from_db()
    retry = services.export_retry(export=export, user=office_user)
    services.export_run(export_id=retry.id)
    retry.refresh_from_db()
    assert retry.retry_of == export and retry.status == ReportExport.Status.DONE


def test_it_restarts_a_running_export_whose_worker_stopped_reporting_once_then_fails():
    edition = make_edition()
    export = services.export_create(edition=edition, format="pdf")
    services.export_progress(export_id=export.id, progress=40, message="Seiten werden gesetzt …")
    export.refresh_from_db()

    just_now = export.updated_at + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES - 1)
    assert services.export_refresh(export=export, now=just_now).status == "running"

    later = export.updated_at + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES + 1)
    refreshed = services.export_refresh(export=export, now=later)
    assert refreshed.status == ReportExport.Status.PENDING and refreshed.restarts == 1

    assert services.export_claim(export_id=export.id, worker="second", now=later)
    again = later + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES + 1)
    export.refresh_from_db()
    refreshed = services.export_refresh(export=export, now=again)
    assert refreshed.status == ReportExport.Status.FAILED
    assert "abgebrochen" in refreshed.message


def test_it_gives_up_a_pending_export_no_worker_picked_up():
    edition = make_edition()
    export = services.export_create(edition=edition, format="pdf")
    soon = export.updated_at + datetime.timedelta(minutes=services.STALE_AFTER_MINUTES + 1)
    assert services.export_refresh(export=export, now=soon).status == "pending"

    later = export.updated_at + datetime.timedelta(minutes=services.PENDING_STALE_AFTER_MINUTES + 1)
    refreshed = services.export_refresh(export=export, now=later)
    assert refreshed.status == ReportExport.Status.FAILED
    assert refreshed.message.startswith("Der Export wurde nicht gestartet")


def test_the_cleanup_fails_stale_exports_too():
    edition = make_edition()
    export = services.export_create(edition=edition, format="pdf")
    services.export_progress(export_id=export.id, progress=10, message="…")
    ReportExport.objects.filter(pk=export.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    cleanup_report_exports.delay()
    export.refresh_from_db()
    assert export.status == ReportExport.Status.PENDING and export.restarts == 1
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    cleanup_report_exports.delay()
    export.refresh_from_db()
    assert export.status == ReportExport.Status.FAILED


def test_it_removes_exports_older_than_the_retention_period(settings):
    settings.REPORT_EXPORT_RETENTION_DAYS = 90
    edition = make_edition()
    old = services.export_create(edition=edition, format="xlsx")
    services.export_run(export_id=old.id)
    recent = services.export_create(edition=edition, format="xlsx")
    services.export_run(export_id=recent.id)
    old.refresh_from_db()
    old_path = old.file.path
    ReportExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )

    assert services.exports_cleanup() == 1

    assert list(ReportExport.objects.values_list("id", flat=True)) == [recent.id]
    assert not os.path.exists(old_path)


@pytest.mark.worker
def test_it_runs_the_export_on_a_real_worker(celery_worker, office_user, region):
    edition = make_edition()
    EventFactory(title="Auftakt Karlsruhe", region=region)
    export = services.export_create(edition=edition, format="xlsx", user=office_user)
    run_report_export.delay(export.id).get(timeout=120)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    assert export.file_size and len(export.checksum) == 64
    # The worker wrote under its own MEDIA_ROOT (see conftest): check the file
    # there and leave nothing behind.
    from kiallianz import settings_test

    worker_media = Path(os.environ.get("WORKER_MEDIA_ROOT", settings_test.MEDIA_ROOT))
    written = worker_media / export.file.name
    assert hashlib.sha256(written.read_bytes()).hexdigest() == export.checksum
    shutil.rmtree(written.parent)
    with contextlib.suppress(OSError):
        os.removedirs(written.parent.parent)  # empty folders up to MEDIA_ROOT
