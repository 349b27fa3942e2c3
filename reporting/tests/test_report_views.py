import datetime

import pytest
from django.urls import reverse

from reporting.models import ReportEdition, ReportExport, ReportSection
from reporting.report import selectors, services
from reporting.tests.test_report_factories import FundingProjectFactory, make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return make_edition()


def _done_export(edition, user=None):
    export = services.export_create(edition=edition, format="xlsx", user=user)
    services.export_run(export_id=export.id)
    export.refresh_from_db()
    return export


class TestAnonymous:
    @pytest.mark.parametrize(
        "name",
        ["reporting:reports"],
    )
    def test_it_redirects_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_it_redirects_every_edition_page_to_login(self, client, edition):
        section = edition.sections.first()
        export = _done_export(edition)
        for url in [
            reverse("reporting:edition_detail", args=[edition.pk]),
            reverse("reporting:edition_preview", args=[edition.pk]),
            reverse("reporting:section_edit", args=[section.pk]),
            reverse("reporting:export_status", args=[export.pk]),
            reverse("reporting:export_download", args=[export.pk]),
        ]:
            response = client.get(url)
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        response = client.post(reverse("reporting:export_create", args=[edition.pk]))
        assert response.status_code == 302
        assert ReportExport.objects.count() == 1


class TestCommunityManager:
    def test_it_reads_the_list_detail_and_preview(self, cm_client, edition):
        assert cm_client.get(reverse("reporting:reports")).status_code == 200
        detail = cm_client.get(reverse("reporting:edition_detail", args=[edition.pk]))
        assert detail.status_code == 200
        assert b"PDF exportieren" not in detail.content
        preview = cm_client.get(reverse("reporting:edition_preview", args=[edition.pk]))
        assert preview.status_code == 200
        assert "4.2.1. Durchgeführte Veranstaltungen nach Standort" in preview.text
        assert "Text bearbeiten" not in preview.text

    def test_it_may_not_edit_export_or_download(self, cm_client, edition):
        section = edition.sections.get(key="introduction")
        export = _done_export(edition)
        url = reverse("reporting:section_edit", args=[section.pk])
        assert cm_client.get(url).status_code == 403
        response = cm_client.post(url, {"title": "X", "narrative": "gehackt", "version": 1})
        assert response.status_code == 403
        section.refresh_from_db()
        assert section.narrative == ""
        response = cm_client.post(
            reverse("reporting:export_create", args=[edition.pk]), {"format": "pdf"}
        )
        assert response.status_code == 403
        assert ReportExport.objects.count() == 1
        assert (
            cm_client.get(reverse("reporting:export_download", args=[export.pk])).status_code == 403
        )
        assert (
            cm_client.get(reverse("reporting:export_status", args=[export.pk])).status_code == 403
        )
        response = cm_client.post(reverse("reporting:reports"), {"year": 2025})
        assert response.status_code == 403
        assert ReportEdition.objects.count() == 1


class TestOffice:
    def test_it_creates_an_edition_from_last_year(self, office_client, edition):
        response = office_client.post(
            reverse("reporting:reports"),
            {
                "project": edition.project_id,
                "year": 2025,
                "as_of": "2026-02-10",
                "previous": edition.pk,
            },
        )
        assert response.status_code == 302
        new = ReportEdition.objects.get(year=2025)
        assert new.sections.count() == edition.sections.count()
        assert new.as_of == datetime.date(2026, 2, 10)

    def test_it_refuses_an_as_of_before_the_period_next_to_the_field(self, office_client):
        project = FundingProjectFactory()
        response = office_client.post(
            reverse("reporting:reports"),
            {"project": project.pk, "year": 2025, "as_of": "2024-12-31"},
        )
        assert response.status_code == 200
        assert "liegt vor dem Beginn des Berichtszeitraums" in response.text
        assert not ReportEdition.objects.exists()

    def test_it_refuses_a_second_edition_for_the_same_year(self, office_client, edition):
        response = office_client.post(
            reverse("reporting:reports"), {"project": edition.project_id, "year": 2024}
        )
        assert response.status_code == 200
        assert "bereits eine Berichtsausgabe" in response.text
        assert ReportEdition.objects.count() == 1

    def test_it_edits_a_narrative_and_shows_it_sanitised(self, office_client, edition):
        section = edition.sections.get(key="introduction")
        response = office_client.post(
            reverse("reporting:section_edit", args=[section.pk]),
            {
                "title": section.title,
                "narrative": "Hallo **Welt** <script>alert(1)</script>",
                "version": section.version,
            },
        )
        assert response.status_code == 302
        preview = office_client.get(reverse("reporting:edition_preview", args=[edition.pk]))
        assert "Hallo <strong>Welt</strong>" in preview.text
        assert "alert(1)" not in preview.text

    def test_it_refuses_a_stale_narrative_edit(self, office_client, edition):
        section = edition.sections.get(key="introduction")
        services.section_update(section=section, version=section.version, narrative="Neu")
        response = office_client.post(
            reverse("reporting:section_edit", args=[section.pk]),
            {"title": section.title, "narrative": "Alt", "version": 1},
        )
        assert response.status_code == 200
        assert "inzwischen von jemand anderem geändert" in response.text
        section.refresh_from_db()
        assert section.narrative == "Neu"

    def test_it_refuses_an_empty_title(self, office_client, edition):
        section = edition.sections.get(key="introduction")
        response = office_client.post(
            reverse("reporting:section_edit", args=[section.pk]),
            {"title": "", "narrative": "Text", "version": section.version},
        )
        assert response.status_code == 200
        assert "Dieses Feld ist zwingend erforderlich." in response.text
        assert ReportSection.objects.get(pk=section.pk).narrative == ""

    def test_it_exports_watches_and_downloads(
        self, office_client, office_user, edition, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = office_client.post(
                reverse("reporting:export_create", args=[edition.pk]), {"format": "xlsx"}
            )
        assert response.status_code == 302
        export = ReportExport.objects.get()
        assert export.created_by == office_user
        status = office_client.get(reverse("reporting:export_status", args=[export.pk]))
        assert status.status_code == 200 and "Herunterladen" in status.text
        assert 'hx-trigger="every 1s"' not in status.text  # finished: polling stops
        download = office_client.get(reverse("reporting:export_download", args=[export.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"PK")
        listing = office_client.get(reverse("reporting:reports"))
        assert "Excel (Zahlen)" in listing.text

    def test_it_polls_while_the_export_runs(self, office_client, edition):
        export = services.export_create(edition=edition, format="pdf")
        services.export_progress(
            export_id=export.id, progress=42, message="Seiten werden gesetzt …"
        )
        status = office_client.get(reverse("reporting:export_status", args=[export.pk]))
        assert 'hx-trigger="every 1s"' in status.text
        assert "42 %" in status.text

    def test_the_export_list_does_not_grow_in_queries(self, office_client, edition, count_queries):
        url = reverse("reporting:reports")
        _done_export(edition)
        before = count_queries(office_client, url)
        for _ in range(3):
            _done_export(edition)
        assert count_queries(office_client, url) == before


class TestEditionUpdate:
    def _post(self, client, edition, **changes):
        data = {
            "as_of": "2025-02-19",
            "title": edition.title,
            "organisation_name": edition.organisation_name,
            "project_title": edition.project_title,
            "funder_reference": edition.funder_reference,
            "annex_label": edition.annex_label,
            "version": edition.version,
            **changes,
        }
        return client.post(reverse("reporting:edition_detail", args=[edition.pk]), data)

    def test_it_changes_the_as_of_date(self, office_client, edition):
        response = self._post(office_client, edition, as_of="2025-03-01")
        assert response.status_code == 302
        edition.refresh_from_db()
        assert edition.as_of == datetime.date(2025, 3, 1) and edition.version == 2

    def test_it_refuses_an_as_of_before_the_period(self, office_client, edition):
        response = self._post(office_client, edition, as_of="2023-12-31")
        assert response.status_code == 200
        assert "liegt vor dem Beginn des Berichtszeitraums" in response.text
        edition.refresh_from_db()
        assert edition.as_of == datetime.date(2025, 2, 19) and edition.version == 1

    def test_it_refuses_a_stale_version(self, office_client, edition):
        response = self._post(office_client, edition, title="Neu", version=0)
        assert response.status_code == 200
        assert "inzwischen von jemand anderem geändert" in response.text
        edition.refresh_from_db()
        assert edition.title != "Neu"

    def test_community_managers_may_not_change_it(self, cm_client, edition):
        response = self._post(cm_client, edition, title="Neu")
        assert response.status_code == 403
        edition.refresh_from_db()
        assert edition.title != "Neu"


class TestSectionTree:
    def test_office_staff_add_a_sub_section_that_gets_the_next_number(self, office_client, edition):
        ap1 = edition.sections.get(key="ap1")
        response = office_client.post(
            reverse("reporting:section_create", args=[edition.pk]),
            {"title": "Strategieworkshop", "parent": ap1.pk},
        )
        assert response.status_code == 302
        new = edition.sections.get(title="Strategieworkshop")
        numbers = {s.section.pk: s.number for s in selectors.numbered_sections(edition=edition)}
        assert numbers[new.pk] == "2.3"
        assert new.key == "strategieworkshop"

    def test_office_staff_move_and_delete_sections(self, office_client, edition):
        outlook = edition.sections.get(key="outlook")
        office_client.post(
            reverse("reporting:section_move", args=[outlook.pk]), {"direction": "up"}
        )
        numbers = {s.section.key: s.number for s in selectors.numbered_sections(edition=edition)}
        assert numbers["outlook"] == "6" and numbers["ap5"] == "7"

        ap3 = edition.sections.get(key="ap3")
        office_client.post(reverse("reporting:section_delete", args=[ap3.pk]))
        keys = set(edition.sections.values_list("key", flat=True))
        assert "ap3" not in keys and "ap3-events-by-region" not in keys
        numbers = {s.section.key: s.number for s in selectors.numbered_sections(edition=edition)}
        assert numbers["ap4"] == "4"

    def test_it_refuses_an_empty_title(self, office_client, edition):
        count = edition.sections.count()
        office_client.post(reverse("reporting:section_create", args=[edition.pk]), {"title": ""})
        assert edition.sections.count() == count

    def test_community_managers_may_not_change_the_tree(self, cm_client, edition):
        section = edition.sections.get(key="introduction")
        count = edition.sections.count()
        urls = [
            (reverse("reporting:section_create", args=[edition.pk]), {"title": "X"}),
            (reverse("reporting:section_move", args=[section.pk]), {"direction": "down"}),
            (reverse("reporting:section_delete", args=[section.pk]), {}),
        ]
        for url, data in urls:
            assert cm_client.post(url, data).status_code == 403, url
        assert edition.sections.count() == count
        section.refresh_from_db()
        assert section.position == 0


class TestRetry:
    def _failed(self, edition):
        export = services.export_create(edition=edition, format="pdf")
        ReportExport.objects.filter(pk=export.pk).update(
            status=ReportExport.Status.FAILED, message="Der Export ist fehlgeschlagen."
        )
        return export

    def test_the_status_offers_a_retry_that_creates_a_new_export(
        self, office_client, edition, django_capture_on_commit_callbacks
    ):
        failed = self._failed(edition)
        status = office_client.get(reverse("reporting:export_status", args=[failed.pk]))
        assert "Erneut versuchen" in status.text and "fehlgeschlagen" in status.text
        with django_capture_on_commit_callbacks(execute=True):
            response = office_client.post(reverse("reporting:export_retry", args=[failed.pk]))
        assert response.status_code == 302
        retry = ReportExport.objects.get(retry_of=failed)
        assert retry.status == ReportExport.Status.DONE

    def test_community_managers_may_not_retry(self, cm_client, edition):
        failed = self._failed(edition)
        response = cm_client.post(reverse("reporting:export_retry", args=[failed.pk]))
        assert response.status_code == 403
        assert ReportExport.objects.count() == 1


def test_the_edition_page_shows_its_history(office_client, edition):
    services.edition_update(
        edition=edition, version=edition.version, title="Zwischenbericht 2024 (Entwurf)"
    )
    detail = office_client.get(reverse("reporting:edition_detail", args=[edition.pk]))
    history_url = reverse(
        "audit:record_history", kwargs={"label": "reporting.reportedition", "pk": edition.pk}
    )
    assert history_url in detail.text
    history = office_client.get(history_url)
    assert history.status_code == 200
    assert "Zwischenbericht 2024 (Entwurf)" in history.text


def test_the_section_editor_shows_the_section_history(office_client, edition):
    section = edition.sections.first()
    page = office_client.get(reverse("reporting:section_edit", args=[section.pk]))
    history_url = reverse(
        "audit:record_history", kwargs={"label": "reporting.reportsection", "pk": section.pk}
    )
    assert history_url in page.text
    assert office_client.get(history_url).status_code == 200
