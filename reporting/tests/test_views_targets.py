"""Targets: the progress page, create and edit (office)."""

import pytest
from django.urls import reverse

from reporting.models import Target
from reporting.tests.factories import (
    WorkPackageFactory,
)
from reporting.tests.views_support import make_records


@pytest.mark.django_db
class TestTargets:
    def valid_post(self, project, **overrides):
        package = project.work_packages.first() or WorkPackageFactory(project=project)
        data = {
            "work_package": package.pk,
            "title": "Workshops zu neuen Themen",
            "kind": "computed",
            "metric_key": "workshops",
            "param__workshops__kinds": ["workshop_new_topics"],
            "scope": "region",
            "target_value": "1",
            "due_kind": "mid_term",
            "manual_status": "open",
            "position": "0",
        }
        data.update(overrides)
        return data

    def test_every_signed_in_user_reads_the_targets(self, cm_client, targets):
        response = cm_client.get(reverse("reporting:targets"))
        assert response.status_code == 200
        assert "Mindestens 60 Erstgespräche im Jahr 2024" in response.content.decode()
        assert reverse("reporting:target_create") not in response.content.decode()

    def test_the_list_query_count_does_not_grow_with_records(
        self, cm_client, targets, region, other_region, count_queries
    ):
        url = reverse("reporting:targets")
        make_records(3, region, other_region)
        few = count_queries(cm_client, url, as_of="2024-12-31")
        make_records(40, region, other_region)
        assert count_queries(cm_client, url, as_of="2024-12-31") == few

    def test_anonymous_users_are_sent_to_the_login(self, client, targets):
        for url in (reverse("reporting:targets"), reverse("reporting:target_create")):
            assert client.get(url)["Location"].startswith("/accounts/login/")

    def test_office_staff_define_a_target_from_the_registry(self, office_client, project):
        response = office_client.post(reverse("reporting:target_create"), self.valid_post(project))
        assert response.status_code == 302
        target = Target.objects.get()
        assert target.metric_params == {"kinds": ["workshop_new_topics"]}
        assert target.scope == Target.Scope.REGION

    def test_the_form_offers_the_metrics_and_their_parameters(self, office_client, project):
        content = office_client.get(reverse("reporting:target_create")).content.decode()
        assert "Durchgeführte Veranstaltungen" in content
        assert 'name="param__events_held__kinds"' in content
        assert 'name="param__first_contacts__checked_only"' in content

    def test_it_refuses_an_unknown_event_kind_and_saves_nothing(self, office_client, project):
        data = self.valid_post(
            project, metric_key="events_held", param__events_held__kinds=["barbecue"]
        )
        response = office_client.post(reverse("reporting:target_create"), data)
        assert response.status_code == 200
        content = response.content.decode()
        assert "barbecue ist keine gültige Auswahl" in content
        assert not Target.objects.exists()

    def test_it_refuses_a_missing_title_in_german(self, office_client, project):
        data = self.valid_post(project, title="")
        response = office_client.post(reverse("reporting:target_create"), data)
        assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
        assert not Target.objects.exists()

    def test_community_managers_may_not_create_or_edit_targets(self, cm_client, targets):
        target = targets[0]
        create = cm_client.post(reverse("reporting:target_create"), self.valid_post(target.project))
        edit = cm_client.post(
            reverse("reporting:target_update", args=[target.pk]),
            self.valid_post(target.project, title="Geändert"),
        )
        assert (create.status_code, edit.status_code) == (403, 403)
        assert Target.objects.count() == 3
        target.refresh_from_db()
        assert target.title == "Mindestens 60 Erstgespräche im Jahr 2024"

    def test_office_staff_edit_a_target_and_a_stale_form_is_refused(self, office_client, targets):
        target = targets[1]
        url = reverse("reporting:target_update", args=[target.pk])
        form = office_client.get(url).content.decode()
        assert 'name="param__events_held__size"' in form
        data = self.valid_post(
            target.project,
            title="Drei Kleinveranstaltungen je Region",
            metric_key="events_held",
            param__events_held__size="small",
            target_value="3",
            version="1",
        )
        assert office_client.post(url, data).status_code == 302
        target.refresh_from_db()
        assert (target.title, target.target_value, target.version) == (
            "Drei Kleinveranstaltungen je Region",
            3,
            2,
        )
        stale = office_client.post(url, {**data, "title": "Überschrieben"})
        assert "Dieser Datensatz wurde inzwischen" in stale.content.decode()
        target.refresh_from_db()
        assert target.title == "Drei Kleinveranstaltungen je Region"
