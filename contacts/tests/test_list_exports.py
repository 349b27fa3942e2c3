"""Lists of any size download through a background job with progress."""

import csv
import io

import pytest
from django.urls import reverse

from contacts.models import ListExport, Organisation
from contacts.services import exports
from contacts.tests.factories import FirstContactFactory
from kiallianz.tests.factories import CommunityManagerFactory

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_twenty_thousand_organisations_export_in_one_file_through_the_browser(
    office_client, region, django_capture_on_commit_callbacks
):
    Organisation.objects.bulk_create(
        Organisation(name=f"Firma {number:05d}", region=region) for number in range(20_000)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.get(reverse("contacts:organisation_list"), {"format": "csv"})

    job = ListExport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contacts:list_export_detail", args=[job.pk])
    page = office_client.get(response.url).content.decode()
    assert "Herunterladen" in page and "20.000 Zeilen" in page
    download = office_client.get(reverse("contacts:list_export_download", args=[job.pk]))
    rows = _csv_rows(download)
    assert len(rows) == 20_001  # header and every organisation
    assert download["Content-Disposition"].startswith('attachment; filename="organisationen-')


def test_a_small_list_is_answered_at_once(cm_client, region):
    FirstContactFactory.create_batch(2, region=region)
    response = cm_client.get(reverse("contacts:index"), {"format": "csv"})
    assert response.status_code == 200
    assert not ListExport.objects.exists()


def test_the_job_keeps_the_filters_and_shows_progress_while_it_waits(
    cm_client, region, other_region, monkeypatch
):
    monkeypatch.setattr(exports, "SYNC_EXPORT_ROWS", 1)
    FirstContactFactory.create_batch(2, region=region)
    FirstContactFactory(region=other_region)

    response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "xlsx"})

    job = ListExport.objects.get()
    assert job.query == f"region={region.pk}" and job.format == "xlsx"
    page = cm_client.get(response.url, {"partial": "1"}).content.decode()
    assert 'hx-trigger="every 1s"' in page and 'data-status="pending"' in page
    exports.list_export_run(export_id=job.pk)
    job.refresh_from_db()
    assert job.status == ListExport.Status.DONE and job.row_count == 2


def test_a_redelivered_job_message_after_done_writes_no_second_file(cm_user, region):
    FirstContactFactory(region=region)
    job = exports.list_export_create(exporter="erstgespraeche", fmt="csv", query="", user=cm_user)
    exports.list_export_run(export_id=job.pk)
    job.refresh_from_db()
    first_file = job.file.name

    exports.list_export_run(export_id=job.pk)

    job.refresh_from_db()
    assert job.status == ListExport.Status.DONE and job.file.name == first_file


def test_only_the_requester_sees_and_downloads_the_job(cm_user, client, region):
    FirstContactFactory(region=region)
    job = exports.list_export_create(exporter="erstgespraeche", fmt="csv", query="", user=cm_user)
    exports.list_export_run(export_id=job.pk)
    client.force_login(CommunityManagerFactory(regions=[region]))

    assert client.get(reverse("contacts:list_export_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("contacts:list_export_download", args=[job.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, cm_user):
    job = exports.list_export_create(exporter="erstgespraeche", fmt="csv", query="", user=cm_user)
    response = client.get(reverse("contacts:list_export_download", args=[job.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
