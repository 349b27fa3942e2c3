"""KI-Challenge rounds: list, filters, create and edit."""

import datetime

import pytest
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from events.models import EventStatus, KIChallengeRound
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from events.tests.views_support import D

pytestmark = pytest.mark.django_db


class TestKIChallenge:
    def test_it_lists_rounds_per_region(self, cm_client, region, other_region):
        KIChallengeRoundFactory(title="Runde Karlsruhe", region=region)
        KIChallengeRoundFactory(title="Runde Freiburg", region=other_region)
        response = cm_client.get(reverse("events:ki_challenge_list"))
        assert "Runde Karlsruhe" in response.text and "Runde Freiburg" in response.text

    def test_a_community_manager_creates_and_edits_a_round(self, cm_client, region):
        event = EventFactory(region=region)
        data = {
            "region": region.pk,
            "title": "KI-Challenge 2025",
            "start_date": "2025-03-01",
            "status": EventStatus.PLANNED,
            "events": [event.pk],
        }
        response = cm_client.post(reverse("events:ki_challenge_create"), data)
        assert response.status_code == 302
        challenge_round = KIChallengeRound.objects.get()
        assert list(challenge_round.events.all()) == [event]
        data.update(title="KI-Challenge 2025 (neu)", version=1, report_text="Drei Teams.")
        cm_client.post(reverse("events:ki_challenge_update", args=[challenge_round.pk]), data)
        challenge_round.refresh_from_db()
        assert challenge_round.title == "KI-Challenge 2025 (neu)"
        assert challenge_round.report_text == "Drei Teams."

    def test_another_region_cannot_edit_a_round(self, cm_client, other_region):
        challenge_round = KIChallengeRoundFactory(title="Alt", region=other_region)
        data = {"region": other_region.pk, "title": "Neu", "start_date": "2025-03-01"}
        response = cm_client.post(
            reverse("events:ki_challenge_update", args=[challenge_round.pk]), data
        )
        assert response.status_code == 403
        challenge_round.refresh_from_db()
        assert challenge_round.title == "Alt"

    def test_it_refuses_an_end_before_the_start(self, cm_client, region):
        data = {
            "region": region.pk,
            "title": "X",
            "start_date": "2025-03-01",
            "end_date": "2025-02-01",
            "status": EventStatus.PLANNED,
        }
        response = cm_client.post(reverse("events:ki_challenge_create"), data)
        assert "Das Ende liegt vor dem Beginn." in response.text
        assert not KIChallengeRound.objects.exists()


def test_the_ki_challenge_list_query_count_does_not_grow(office_client, region, count_queries):
    partner = OrganisationFactory(region=region)
    event = EventFactory(region=region)

    def add_rounds(number):
        for challenge_round in KIChallengeRoundFactory.create_batch(number, region=region):
            challenge_round.partners.add(partner)
            challenge_round.events.add(event)

    add_rounds(2)
    few = count_queries(office_client, reverse("events:ki_challenge_list"))
    add_rounds(20)
    assert count_queries(office_client, reverse("events:ki_challenge_list")) == few


class TestKIChallengeFilters:
    @pytest.fixture
    def rounds(self, region, other_region):
        return {
            "held_2024": KIChallengeRoundFactory(
                title="Karlsruhe 2024", region=region, start_date=D(2024, 6, 1), status="held"
            ),
            "held_edge": KIChallengeRoundFactory(
                title="Freiburg Silvester",
                region=other_region,
                start_date=D(2024, 12, 31),
                end_date=D(2025, 1, 2),
                status="held",
            ),
            "planned_2025": KIChallengeRoundFactory(
                title="Karlsruhe 2025", region=region, start_date=D(2025, 5, 6), status="planned"
            ),
        }

    def _titles(self, client, query: str) -> list[str]:
        response = client.get(reverse("events:ki_challenge_list") + query)
        assert response.status_code == 200
        return sorted(r.title for _region, rounds in response.context["groups"] for r in rounds)

    def test_it_filters_by_region_status_and_start_date(
        self, office_client, rounds, region, other_region
    ):
        assert self._titles(office_client, f"?region={region.pk}") == [
            "Karlsruhe 2024",
            "Karlsruhe 2025",
        ]
        assert self._titles(office_client, f"?region={region.pk}&region={other_region.pk}") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
            "Karlsruhe 2025",
        ]
        assert self._titles(office_client, "?status=held") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
        ]
        # Both ends inclusive, on the start date (as the metrics count).
        assert self._titles(office_client, "?date_after=2024-06-01&date_before=2024-12-31") == [
            "Freiburg Silvester",
            "Karlsruhe 2024",
        ]
        assert self._titles(office_client, "?date_after=2025-01-01") == ["Karlsruhe 2025"]

    def test_it_reports_the_filtered_total(self, office_client, rounds):
        response = office_client.get(reverse("events:ki_challenge_list") + "?status=held")
        assert response.context["listing"].page.paginator.count == 2
        assert "1–2 von 2" in response.text

    def test_it_says_when_no_round_matches(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?date_after=2030-01-01")
        assert "Keine KI-Challenge-Runden zu diesen Filtern." in response.text

    def test_it_shows_a_german_message_for_a_malformed_date(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?date_after=1.1.")
        assert response.status_code == 200
        assert "Bitte ein gültiges Datum eingeben." in response.text

    def test_sorted_by_date_it_shows_the_region_on_each_round(self, cm_client, rounds):
        response = cm_client.get(reverse("events:ki_challenge_list") + "?sort=-date")
        titles = [r.title for _region, rounds in response.context["groups"] for r in rounds]
        assert titles == ["Karlsruhe 2025", "Freiburg Silvester", "Karlsruhe 2024"]
        assert "Freiburg · 31. Dezember 2024" in response.text

    def test_anonymous_users_are_sent_to_login(self, client):
        response = client.get(reverse("events:ki_challenge_list"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_it_writes_ki_challenge_dates_as_a_german_range(cm_client, region):

    from events.tests.factories import KIChallengeRoundFactory

    KIChallengeRoundFactory(
        region=region,
        title="KI-Challenge Karlsruhe",
        start_date=datetime.date(2025, 5, 6),
        end_date=datetime.date(2025, 5, 7),
    )
    response = cm_client.get(reverse("events:ki_challenge_list"))
    assert "6.–7. Mai 2025" in response.content.decode()
