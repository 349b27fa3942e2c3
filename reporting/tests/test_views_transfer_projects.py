"""AP4 transfer projects: list, create, edit."""

import datetime

import pytest
from django.urls import reverse

from reporting.models import TransferProject
from reporting.tests.factories import (
    TransferProjectFactory,
)


@pytest.mark.django_db
class TestTransferProjects:
    def post_data(self, region, **overrides):
        data = {
            "title": "KI-Qualitätskontrolle",
            "region": region.pk,
            "status": "idea",
            "funding_programme": "zim",
            "initiated_on": "2024-11-06",
        }
        data.update(overrides)
        return data

    def test_the_list_is_filtered_like_the_metric_links(self, cm_client, region, other_region):
        TransferProjectFactory(title="In Karlsruhe", region=region, status="submitted")
        TransferProjectFactory(title="In Freiburg", region=other_region)
        TransferProjectFactory(
            title="Zu früh", region=region, initiated_on=datetime.date(2023, 5, 1)
        )
        response = cm_client.get(
            reverse("reporting:transfer_projects"),
            {"region": region.pk, "date_after": "2024-01-01", "date_before": "2024-12-31"},
        )
        content = response.content.decode()
        assert "In Karlsruhe" in content
        assert "In Freiburg" not in content
        assert "Zu früh" not in content

    def test_the_list_query_count_does_not_grow_with_rows(self, cm_client, region, count_queries):
        url = reverse("reporting:transfer_projects")
        TransferProjectFactory(region=region)
        few = count_queries(cm_client, url)
        for _ in range(20):
            TransferProjectFactory(region=region)
        assert count_queries(cm_client, url) == few

    def test_the_form_presets_the_community_managers_region(self, cm_client, region):
        content = cm_client.get(reverse("reporting:transfer_project_create")).content.decode()
        assert f'<option value="{region.pk}" selected>' in content

    def test_a_community_manager_creates_one_in_the_own_region(self, cm_client, cm_user, region):
        response = cm_client.post(
            reverse("reporting:transfer_project_create"), self.post_data(region)
        )
        assert response.status_code == 302
        assert TransferProject.objects.get().region == region

    def test_a_community_manager_may_not_file_one_in_another_region(
        self, cm_client, region, other_region
    ):
        response = cm_client.post(
            reverse("reporting:transfer_project_create"), self.post_data(other_region)
        )
        assert response.status_code == 200
        assert "gültige Auswahl" in response.content.decode()
        assert not TransferProject.objects.exists()

    def test_a_community_manager_may_not_edit_another_regions_project(
        self, cm_client, other_region
    ):
        project = TransferProjectFactory(title="Freiburger Projekt", region=other_region)
        url = reverse("reporting:transfer_project_update", args=[project.pk])
        assert cm_client.get(url).status_code == 403
        response = cm_client.post(url, self.post_data(other_region, title="Übernommen"))
        assert response.status_code == 403
        project.refresh_from_db()
        assert project.title == "Freiburger Projekt"

    def test_office_staff_edit_any_project(self, office_client, other_region):
        project = TransferProjectFactory(region=other_region)
        url = reverse("reporting:transfer_project_update", args=[project.pk])
        data = self.post_data(other_region, title="Bewilligt", status="approved", version="1")
        assert office_client.post(url, data).status_code == 302
        project.refresh_from_db()
        assert (project.title, project.status, project.version) == ("Bewilligt", "approved", 2)

    def test_the_form_keeps_the_report_text(self, cm_client, region):
        data = self.post_data(region, report_text="Antrag auf die Digitalisierungsprämie.")
        response = cm_client.post(reverse("reporting:transfer_project_create"), data)
        assert response.status_code == 302
        assert TransferProject.objects.get().report_text == "Antrag auf die Digitalisierungsprämie."

    def test_bad_dates_get_a_german_message_and_nothing_is_saved(self, cm_client, region):
        data = self.post_data(region, initiated_on="31.02.2024")
        response = cm_client.post(reverse("reporting:transfer_project_create"), data)
        assert "Bitte ein gültiges Datum eingeben." in response.content.decode()
        assert not TransferProject.objects.exists()

    def test_anonymous_users_are_sent_to_the_login(self, client, region):
        for name in ("reporting:transfer_projects", "reporting:transfer_project_create"):
            assert client.get(reverse(name))["Location"].startswith("/accounts/login/")
