"""Media files only through the access check; a report URL alone opens nothing."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from events.models import EventPhoto
from events.tests.factories import EventFactory
from partners.tests.factories import PartnerFactory
from reporting.models import ReportExport
from reporting.report import services as report_services
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def report_file(office_user):
    edition = make_edition()
    export = report_services.export_create(edition=edition, format="xlsx", user=office_user)
    report_services.export_run(export_id=export.id)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE
    return export


def media_url(name: str) -> str:
    return "/media/" + name


class TestReports:
    def test_office_staff_open_the_file(self, client, office_user, report_file):
        client.force_login(office_user)
        response = client.get(media_url(report_file.file.name))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"PK")
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("attachment")

    def test_the_url_alone_opens_nothing(self, client, report_file):
        assert client.get(media_url(report_file.file.name)).status_code == 404

    def test_community_managers_get_nothing(self, cm_client, report_file):
        assert cm_client.get(media_url(report_file.file.name)).status_code == 404

    def test_a_file_not_recorded_as_an_export_is_not_served(self, office_client):
        name = default_storage.save("reports/99/stray/bericht.pdf", ContentFile(b"%PDF-1.7"))
        assert office_client.get(media_url(name)).status_code == 404

    def test_production_hands_the_file_to_nginx(self, client, office_user, report_file, settings):
        settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected-media/"
        client.force_login(office_user)
        for url in (
            media_url(report_file.file.name),
            reverse("reporting:export_download", args=[report_file.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert response["X-Accel-Redirect"] == "/protected-media/" + report_file.file.name
            assert response.content == b""
            assert "no-store" in response["Cache-Control"]


class TestPhotos:
    def photo(self, *, public: bool) -> EventPhoto:
        event = EventFactory(is_public=public, kind="own_event")
        return EventPhoto.objects.create(
            event=event, image=ContentFile(png(), name="foto.png"), caption="Bühne"
        )

    def test_photos_of_public_events_are_public(self, client):
        photo = self.photo(public=True)
        response = client.get(media_url(photo.image.name))
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")

    def test_photos_of_other_events_need_a_login(self, client, cm_user):
        photo = self.photo(public=False)
        assert client.get(media_url(photo.image.name)).status_code == 404
        client.force_login(cm_user)
        response = client.get(media_url(photo.image.name))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


class TestLogos:
    def test_logos_of_public_partners_are_public(self, client):
        partner = PartnerFactory(is_public=True, logo=ContentFile(png(), name="logo.png"))
        response = client.get(media_url(partner.logo.name))
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")

    def test_logos_of_hidden_partners_need_a_login(self, client, cm_user):
        partner = PartnerFactory(is_public=False, logo=ContentFile(png(), name="logo.png"))
        assert client.get(media_url(partner.logo.name)).status_code == 404
        client.force_login(cm_user)
        assert client.get(media_url(partner.logo.name)).status_code == 200


class TestOtherFiles:
    def test_unregistered_files_are_for_signed_in_users(self, client, cm_user):
        name = default_storage.save("misc/notiz.png", ContentFile(png()))
        assert client.get(media_url(name)).status_code == 404
        client.force_login(cm_user)
        assert client.get(media_url(name)).status_code == 200

    @pytest.mark.parametrize(
        "path",
        ["../kiallianz/settings.py", "misc/../../manage.py", "misc/a%00.png", "//etc/passwd"],
    )
    def test_paths_outside_media_are_refused(self, cm_client, path):
        assert cm_client.get("/media/" + path).status_code == 404
