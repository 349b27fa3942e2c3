"""The agenda list, the month view and the feed links."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from events.tests.views_support import D

pytestmark = pytest.mark.django_db


class TestAgendaList:
    def test_it_needs_a_login(self, client):
        response = client.get(reverse("events:index"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_it_shows_a_community_manager_their_region_by_default(
        self, cm_client, region, other_region
    ):
        EventFactory(title="In Karlsruhe", region=region)
        EventFactory(title="In Freiburg", region=other_region)
        response = cm_client.get(reverse("events:index"))
        assert "In Karlsruhe" in response.text
        assert "In Freiburg" not in response.text
        assert "alle Regionen" in response.text
        everything = cm_client.get(reverse("events:index"), {"region": ""})
        assert "In Freiburg" in everything.text

    def test_it_shows_office_staff_all_regions(self, office_client, region, other_region):
        EventFactory(title="In Karlsruhe", region=region)
        EventFactory(title="In Freiburg", region=other_region)
        response = office_client.get(reverse("events:index"))
        assert "In Karlsruhe" in response.text and "In Freiburg" in response.text

    def test_it_filters_like_the_reporting_links(self, office_client, region, other_region):
        EventFactory(
            title="Treffer",
            region=region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            status=EventStatus.HELD,
            start_date=D(2024, 3, 1),
        )
        EventFactory(
            title="Falsche Art", region=region, kind=EventKind.TALK, start_date=D(2024, 3, 1)
        )
        EventFactory(
            title="Falsches Jahr",
            region=region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            start_date=D(2025, 3, 1),
        )
        EventFactory(
            title="Falsche Region",
            region=other_region,
            kind=EventKind.WORKSHOP_NEW_TOPICS,
            start_date=D(2024, 3, 1),
        )
        response = office_client.get(
            reverse("events:index"),
            {
                "region": region.pk,
                "kind": "workshop_new_topics",
                "status": "held",
                "date_after": "2024-01-01",
                "date_before": "2024-12-31",
            },
        )
        assert "Treffer" in response.text
        for title in ("Falsche Art", "Falsches Jahr", "Falsche Region"):
            assert title not in response.text

    def test_the_filter_form_shows_the_chosen_values(self, office_client, region):
        response = office_client.get(reverse("events:index"), {"kind": "talk", "region": ""})
        assert '<option value="talk" selected>' in response.text
        assert '<option value="" selected>alle</option>' in response.text

    def test_its_month_button_opens_the_filtered_period(self, office_client, region):
        response = office_client.get(reverse("events:index"), {"date_after": "2024-03-01"})
        assert reverse("events:month", args=[2024, 3]) in response.text

    def test_it_sorts_by_title(self, office_client, region):
        EventFactory(title="Beta", region=region)
        EventFactory(title="Alpha", region=region)
        response = office_client.get(reverse("events:index"), {"sort": "title"})
        assert response.text.index("Alpha") < response.text.index("Beta")

    def test_its_query_count_does_not_grow_with_rows(self, office_client, region, count_queries):
        EventFactory.create_batch(5, region=region)
        few = count_queries(office_client, reverse("events:index"), per_page=200)
        EventFactory.create_batch(95, region=region)
        many = count_queries(office_client, reverse("events:index"), per_page=200)
        assert few == many


class TestFeedLinks:
    def test_the_list_links_the_feed_of_my_region(self, cm_client, region):
        body = cm_client.get(reverse("events:index")).text
        assert reverse("events:feed_region", args=[region.slug]) in body


class TestMonthView:
    def test_it_shows_multi_day_events_on_each_day(self, cm_client, region):
        EventFactory(
            title="LEARNTEC", region=region, start_date=D(2024, 6, 4), end_date=D(2024, 6, 6)
        )
        response = cm_client.get(reverse("events:month", args=[2024, 6]))
        assert response.status_code == 200
        assert "Juni 2024" in response.text
        day_cells = [day for week in response.context["grid"].weeks for day in week]
        running = [day.date.day for day in day_cells if day.events and day.in_month]
        assert running == [4, 5, 6]

    def test_it_shows_ki_challenge_rounds_of_the_month(self, cm_client, region):
        KIChallengeRoundFactory(
            title="KI-Challenge Karlsruhe", region=region, start_date=D(2024, 6, 10)
        )
        response = cm_client.get(reverse("events:month", args=[2024, 6]))
        assert "KI-Challenge Karlsruhe" in response.text

    def test_it_leads_back_to_the_current_month(self, cm_client):
        today = timezone.localdate()
        current = reverse("events:month", args=[today.year, today.month])
        past = cm_client.get(reverse("events:month", args=[2020, 6]))
        assert f'id="month-today" href="{current}"' in past.text
        assert 'id="month-today"' not in cm_client.get(current).text

    def test_it_refuses_an_impossible_month(self, cm_client):
        assert cm_client.get(reverse("events:month", args=[2024, 13])).status_code == 404

    def test_its_query_count_does_not_grow_with_rows(self, office_client, region, count_queries):
        url = reverse("events:month", args=[2024, 10])
        EventFactory.create_batch(5, region=region, start_date=D(2024, 10, 10))
        few = count_queries(office_client, url)
        EventFactory.create_batch(95, region=region, start_date=D(2024, 10, 12))
        many = count_queries(office_client, url)
        assert few == many
