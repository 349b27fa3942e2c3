"""The dashboard of community managers and office staff."""

import datetime
import re

import pytest
from django.urls import reverse

from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory
from reporting.models import Target
from reporting.tests.factories import (
    TargetFactory,
    WorkPackageFactory,
)
from reporting.tests.views_support import DASHBOARD, make_records


@pytest.mark.django_db
class TestDashboard:
    def test_it_sends_anonymous_users_to_the_login(self, client, project):
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_it_shows_office_staff_targets_matrix_and_charts(
        self, office_client, targets, region, other_region
    ):
        make_records(4, region, other_region)
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
        make_records(5, region, other_region)
        few = count_queries(client, DASHBOARD, **params)
        make_records(195, region, other_region)
        assert count_queries(client, DASHBOARD, **params) == few


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
