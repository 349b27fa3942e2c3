"""Files on shared storage: photos, reports and their download through
S3-compatible object storage, against a local S3 server (moto's server
mode, real HTTP on loopback)."""

import hashlib
import socket

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from kiallianz.config import S3_STORAGE, ConfigurationError, storage_config

BUCKET = "kiallianz-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    server_module = pytest.importorskip("moto.server")
    port = _free_port()
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, s3_endpoint):
    """The default storage is a fresh bucket on the local S3 server."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield client
    objects = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in objects:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.django_db
class TestObjectStorage:
    def test_an_uploaded_photo_lands_in_the_bucket(self, s3, region):
        from events.services import event_photo_add
        from events.tests.factories import EventFactory
        from reporting.tests.test_report_factories import jpeg_bytes

        event = EventFactory(region=region)
        photo = event_photo_add(
            event=event, image=ContentFile(jpeg_bytes(), name="buehne.jpg"), caption="Bühne"
        )

        assert default_storage.__class__.__name__ == "S3Storage"
        assert _keys(s3) == [photo.image.name]
        assert s3.get_object(Bucket=BUCKET, Key=photo.image.name)["Body"].read() == jpeg_bytes()

    def test_a_report_is_exported_into_the_bucket_and_downloaded_through_the_view(
        self, s3, office_client, django_capture_on_commit_callbacks
    ):
        from reporting.models import ReportExport
        from reporting.report import services
        from reporting.tests.test_report_factories import make_edition

        with django_capture_on_commit_callbacks(execute=True):
            export = services.export_create(edition=make_edition(), format="xlsx")
        export.refresh_from_db()
        assert export.status == ReportExport.Status.DONE
        assert _keys(s3) == [export.file.name]

        response = office_client.get(reverse("reporting:export_download", args=[export.pk]))

        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert hashlib.sha256(content).hexdigest() == export.checksum

    def test_a_list_export_is_streamed_into_the_bucket_and_downloaded_through_the_view(
        self, s3, office_client, office_user, region, django_capture_on_commit_callbacks
    ):
        from contacts.models import ListExport, Organisation
        from contacts.services import exports

        Organisation.objects.bulk_create(
            Organisation(name=f"Firma {number:04d}", region=region) for number in range(1500)
        )
        with django_capture_on_commit_callbacks(execute=True):
            job = exports.list_export_create(
                exporter="organisationen", fmt="xlsx", query="", user=office_user
            )
        job.refresh_from_db()
        assert job.status == ListExport.Status.DONE and job.row_count == 1500
        assert _keys(s3) == [job.file.name]

        response = office_client.get(reverse("contacts:list_export_download", args=[job.pk]))

        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert (
            content.startswith(b"PK")
            and content == s3.get_object(Bucket=BUCKET, Key=job.file.name)["Body"].read()
        )

    def test_the_report_renderer_reads_photos_from_the_bucket(self, s3, region):
        from events.services import event_photo_add
        from events.tests.factories import EventFactory
        from reporting.report.fetcher import BASE_URL, ReportURLFetcher
        from reporting.tests.test_report_factories import jpeg_bytes

        photo = event_photo_add(
            event=EventFactory(region=region),
            image=ContentFile(jpeg_bytes(), name="saal.jpg"),
            caption="Saal",
        )
        fetcher = ReportURLFetcher()
        # The storage's own (signed) URL and the document-relative media URL.
        for url in (photo.image.url, f"{BASE_URL}media/{photo.image.name}"):
            response = fetcher.fetch(url)
            assert response.read() == jpeg_bytes(), url


class TestStorageConfig:
    def test_local_disk_by_default(self):
        env = _env()
        assert storage_config(env) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    def test_storage_url_selects_s3_with_endpoint_and_prefix(self):
        env = _env(
            STORAGE_URL="s3://kiallianz-media/prod?endpoint_url=https://s3.example.org"
            "&region_name=eu-central-1"
        )
        config = storage_config(env)
        assert config["BACKEND"] == S3_STORAGE
        assert config["OPTIONS"]["bucket_name"] == "kiallianz-media"
        assert config["OPTIONS"]["location"] == "prod"
        assert config["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
        assert config["OPTIONS"]["region_name"] == "eu-central-1"
        assert config["OPTIONS"]["default_acl"] is None

    def test_aws_variables_select_s3(self):
        config = storage_config(_env(AWS_STORAGE_BUCKET_NAME="media"))
        assert config["BACKEND"] == S3_STORAGE and config["OPTIONS"]["bucket_name"] == "media"

    def test_a_malformed_storage_url_is_named(self):
        with pytest.raises(ConfigurationError, match="STORAGE_URL ist ungültig"):
            storage_config(_env(STORAGE_URL="ftp://host/x"))


def _env(**values):
    import environ

    class Env(environ.Env):
        ENVIRON = values

    return Env()
