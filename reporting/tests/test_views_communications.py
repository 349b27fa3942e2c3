"""AP3 communication activities: list, create, edit."""

import pytest
from django.urls import reverse

from reporting.models import CommunicationActivity
from reporting.tests.factories import (
    CommunicationActivityFactory,
)


@pytest.mark.django_db
class TestCommunicationActivities:
    def post_data(self, region, **overrides):
        data = {
            "date": "2024-09-02",
            "kind": "press_release",
            "title": "Green AI Day 2024",
            "link": "https://example.org/presse",
            "region": region.pk if region else "",
        }
        data.update(overrides)
        return data

    def test_the_list_filters_by_kind_and_period(self, cm_client, region):
        CommunicationActivityFactory(title="Pressemitteilung März", kind="press_release")
        CommunicationActivityFactory(title="LinkedIn Juni", kind="linkedin_post")
        response = cm_client.get(
            reverse("reporting:communications"),
            {"kind": "press_release", "date_after": "2024-01-01", "date_before": "2024-12-31"},
        )
        content = response.content.decode()
        assert "Pressemitteilung März" in content
        assert "LinkedIn Juni" not in content

    def test_the_list_query_count_does_not_grow_with_rows(self, cm_client, region, count_queries):
        url = reverse("reporting:communications")
        CommunicationActivityFactory(region=region)
        few = count_queries(cm_client, url)
        for _ in range(20):
            CommunicationActivityFactory(region=region)
        assert count_queries(cm_client, url) == few

    def test_a_community_manager_files_one_for_the_own_region_only(
        self, cm_client, region, other_region
    ):
        url = reverse("reporting:communication_create")
        assert cm_client.post(url, self.post_data(region)).status_code == 302
        response = cm_client.post(url, self.post_data(None, title="Ohne Region"))
        assert response.status_code == 200
        assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
        assert list(CommunicationActivity.objects.values_list("title", flat=True)) == [
            "Green AI Day 2024"
        ]

    def test_office_staff_file_statewide_activities(self, office_client):
        url = reverse("reporting:communication_create")
        response = office_client.post(url, self.post_data(None, kind="newsletter"))
        assert response.status_code == 302
        assert CommunicationActivity.objects.get().region is None

    def test_a_community_manager_may_not_edit_another_regions_activity(
        self, cm_client, other_region
    ):
        activity = CommunicationActivityFactory(title="Freiburg", region=other_region)
        url = reverse("reporting:communication_update", args=[activity.pk])
        response = cm_client.post(url, self.post_data(other_region, title="Geändert"))
        assert response.status_code == 403
        activity.refresh_from_db()
        assert activity.title == "Freiburg"

    def test_a_bad_link_gets_a_german_message(self, cm_client, region):
        url = reverse("reporting:communication_create")
        response = cm_client.post(url, self.post_data(region, link="kein link"))
        assert "Bitte eine gültige Adresse eingeben." in response.content.decode()
        assert not CommunicationActivity.objects.exists()

    def test_anonymous_users_are_sent_to_the_login(self, client):
        for name in ("reporting:communications", "reporting:communication_create"):
            assert client.get(reverse(name))["Location"].startswith("/accounts/login/")
