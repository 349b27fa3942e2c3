"""The exporter registry is the single source of the report's formats."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from reporting.models import ReportExport
from reporting.report import services
from reporting.report.exporters import EXPORTERS, format_choices
from reporting.report.forms import ExportForm
from reporting.tasks import run_report_export
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


def test_formats_labels_and_content_types_come_from_the_exporters():
    assert [value for value, _label in format_choices()] == ["pdf", "xlsx"]
    assert ExportForm().fields["format"].choices == format_choices()
    field = ReportExport._meta.get_field("format")
    assert [value for value, _label in field.choices] == list(EXPORTERS)
    for identifier, exporter in EXPORTERS.items():
        assert exporter.identifier == identifier
        assert exporter.content_type and exporter.extension and exporter.label


def test_the_stored_export_keeps_the_exporters_content_type():
    edition = make_edition()
    export = services.export_create(edition=edition, format="xlsx")
    assert export.content_type == EXPORTERS["xlsx"].content_type
    services.export_run(export_id=export.id)
    export.refresh_from_db()
    assert (export.status, export.get_format_display()) == ("done", "Excel (Zahlen)")
    assert export.file.name.endswith(".xlsx")


def test_an_unknown_format_is_refused():
    with pytest.raises(ValidationError):
        services.export_create(edition=make_edition(), format="docx")
    assert not ReportExport.objects.exists()


def test_the_download_sends_the_stored_content_type(office_client):
    export = services.export_create(edition=make_edition(), format="xlsx")
    services.export_run(export_id=export.id)
    ReportExport.objects.filter(pk=export.pk).update(content_type="application/x-test")
    download = office_client.get(reverse("reporting:export_download", args=[export.pk]))
    assert download["Content-Type"] == "application/x-test"


def test_the_task_renders_in_german_and_berlin_time_inside_an_english_request(monkeypatch):
    export = services.export_create(edition=make_edition(), format="xlsx")
    seen = {}
    original = services.export_run

    def spy(**kwargs):
        seen["language"] = translation.get_language()
        seen["zone"] = timezone.get_current_timezone_name()
        return original(**kwargs)

    monkeypatch.setattr(services, "export_run", spy)
    with translation.override("en"), timezone.override("UTC"):
        run_report_export(export.id)
    assert seen == {"language": "de", "zone": "Europe/Berlin"}
    assert ReportExport.objects.get(pk=export.pk).status == "done"
