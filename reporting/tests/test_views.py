import datetime
import re

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory
from reporting.models import CommunicationActivity, Target, TransferProject
from reporting.tests.factories import (
    CommunicationActivityFactory,
    FundingProjectFactory,
    TargetFactory,
    TransferProjectFactory,
    WorkPackageFactory,
)

DASHBOARD = "/"


@pytest.fixture
def project(db):
    return FundingProjectFactory()


@pytest.fixture
def targets(project, region, other_region):
    package = WorkPackageFactory(project=project, number=2, title="Netzwerkmanagement")
    events = WorkPackageFactory(project=project, number=3, title="Veranstaltungen")
    return [
        TargetFactory(
            work_package=package,
            title="Mindestens 60 Erstgespräche im Jahr 2024",
            target_value=60,
            due_kind=Target.DueKind.DATE,
            due_on=datetime.date(2024, 12, 31),
        ),
        TargetFactory(
            work_package=events,
            title="Zwei Kleinveranstaltungen je Region",
            metric_key="events_held",
            metric_params={"size": "small"},
            scope=Target.Scope.REGION,
            target_value=2,
        ),
        TargetFactory(
            work_package=package,
            title="Monitoring-Konzept liegt vor",
            kind=Target.Kind.MANUAL,
            metric_key="",
            manual_status=Target.ManualStatus.DONE,
        ),
    ]


def _records(count, region, other_region):
    for index in range(count):
        day = datetime.date(2024, 1 + index % 12, 1 + index % 27)
        where = region if index % 2 else other_region
        FirstContactFactory(date=day, region=where)
        EventFactory(start_date=day, region=where, status=EventStatus.HELD)


@pytest.mark.django_db
class TestDashboard:
    def test_it_sends_anonymous_users_to_the_login(self, client, project):
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_it_shows_office_staff_targets_matrix_and_charts(
        self, office_client, targets, region, other_region
    ):
        _records(4, region, other_region)
        response = office_client.get(DASHBOARD, {"as_of": "2024-12-31", "year": "2024"})
        content = response.content.decode()
        assert response.status_code == 200
        assert "Mindestens 60 Erstgespräche im Jahr 2024" in content
        assert "Ziele je Region" in content
        assert content.count("<svg") == 2
        # SVG coordinates use a decimal point whatever the UI language.
        assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+"', content)
        assert not re.search(r'<rect x="\d+,\d', content)
        assert "Erstgespräche je Monat und Region" in content
        # The figures of the chosen period link to their records.
        assert "Zahlen 1. Januar 2024 – 31. Dezember 2024" in content
        assert (
            '<a href="/contacts/?date_after=2024-01-01&amp;date_before=2024-12-31" '
            'data-period-figure="1">4</a>' in content
        )
        # The figure links to the records it counts.
        assert 'href="/contacts/?date_after=2024-01-01&amp;date_before=2024-12-31"' in content
        assert f"/events/?region={region.id}&amp;status=held&amp;size_category=small" in content
        # Chart values link to the records of that month and region.
        month = (
            f"/contacts/?region={region.id}&amp;date_after=2024-02-01&amp;date_before=2024-02-29"
        )
        assert f'<a href="{month}">1</a>' in content

    def test_it_shows_a_community_manager_the_own_regions_and_what_is_lacking(
        self, cm_client, targets, region, other_region
    ):
        EventFactory(
            title="KI-Night Karlsruhe",
            start_date=datetime.date(2026, 3, 10),
            region=region,
            status=EventStatus.PLANNED,
        )
        EventFactory(
            title="Digitaltag Freiburg",
            start_date=datetime.date(2026, 3, 11),
            region=other_region,
            status=EventStatus.PLANNED,
        )
        response = cm_client.get(DASHBOARD, {"as_of": "2026-03-01"})
        content = response.content.decode()
        assert "Ziele der Region Karlsruhe" in content
        assert "Ziele der Region Freiburg" not in content
        assert "Zwei Kleinveranstaltungen je Region: noch 2 bis 31.12.2026" in content
        assert "<svg" not in content

    def test_it_explains_an_as_of_date_outside_the_term_in_german(self, office_client, targets):
        response = office_client.get(DASHBOARD, {"as_of": "2030-01-01"})
        assert response.status_code == 200
        assert (
            "Der Stichtag 01.01.2030 liegt außerhalb der Projektlaufzeit"
            in response.content.decode()
        )

    def test_it_is_the_home_page(self, cm_client, project):
        assert reverse("home") == reverse("reporting:dashboard") == "/"
        content = cm_client.get("/").content.decode()
        assert 'href="/" aria-current="page"' in content

    def test_it_says_so_when_there_is_no_project(self, office_client):
        response = office_client.get(DASHBOARD)
        assert "Noch kein Förderprojekt angelegt." in response.content.decode()

    @pytest.mark.parametrize("client_name", ["office_client", "cm_client"])
    def test_its_query_count_does_not_grow_with_records(
        self, request, client_name, targets, region, other_region, count_queries
    ):
        client = request.getfixturevalue(client_name)
        params = {"as_of": "2024-12-31", "year": "2024"}
        _records(5, region, other_region)
        few = count_queries(client, DASHBOARD, **params)
        _records(195, region, other_region)
        assert count_queries(client, DASHBOARD, **params) == few


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
        _records(3, region, other_region)
        few = count_queries(cm_client, url, as_of="2024-12-31")
        _records(40, region, other_region)
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


@pytest.mark.django_db
def test_the_workshop_kinds_reach_the_event_list_link(office_client, project, region):
    package = WorkPackageFactory(project=project)
    TargetFactory(
        work_package=package,
        metric_key="workshops",
        metric_params={"kinds": [EventKind.FUNDING_WORKSHOP]},
        scope=Target.Scope.REGION,
        target_value=1,
    )
    content = office_client.get(reverse("reporting:targets")).content.decode()
    assert f"/events/?region={region.id}&amp;kind=funding_workshop&amp;status=held" in content
