"""Selectors behind the calendar pages and feeds (the reporting ones are in test_selectors)."""

import datetime

import pytest
from django.http import QueryDict

from contacts.extensions import organisation_panels
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events import selectors
from events.models import EventKind
from events.month import empty_grid, fill_grid
from events.tests.factories import EventFactory, KIChallengeRoundFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def titles(queryset) -> list[str]:
    return sorted(event.title for event in queryset)


class TestEventFilterset:
    def test_it_narrows_to_own_regions_until_a_region_is_sent(self, region, other_region):
        EventFactory(title="Karlsruhe", region=region)
        EventFactory(title="Freiburg", region=other_region)
        EventFactory(title="Landesweit", region=None, area="statewide")
        own = selectors.event_filterset(params=QueryDict(""), default_region_ids=[region.pk])
        assert titles(own.qs) == ["Karlsruhe", "Landesweit"]
        everything = selectors.event_filterset(
            params=QueryDict("region="), default_region_ids=[region.pk]
        )
        assert titles(everything.qs) == ["Freiburg", "Karlsruhe", "Landesweit"]
        other = selectors.event_filterset(
            params=QueryDict(f"region={other_region.pk}"), default_region_ids=[region.pk]
        )
        assert titles(other.qs) == ["Freiburg"]

    def test_it_searches_title_city_and_topics(self, region):
        EventFactory(title="KI-Night", region=region, topics="Robotik, Recht")
        EventFactory(title="Messe", region=region, city="Stuttgart")
        search = selectors.event_filterset(params=QueryDict("q=robotik"))
        assert titles(search.qs) == ["KI-Night"]
        search = selectors.event_filterset(params=QueryDict("q=stuttgart"))
        assert titles(search.qs) == ["Messe"]

    def test_it_takes_repeated_kinds_and_regions_as_alternatives(self, region, other_region):
        EventFactory(title="Workshop", region=region, kind=EventKind.WORKSHOP_NEW_TOPICS)
        EventFactory(title="Förder", region=other_region, kind=EventKind.FUNDING_WORKSHOP)
        EventFactory(title="Vortrag", region=region, kind=EventKind.TALK)
        params = QueryDict("kind=workshop_new_topics&kind=funding_workshop")
        assert titles(selectors.event_filterset(params=params).qs) == ["Förder", "Workshop"]
        params = QueryDict(f"region={region.pk}&region={other_region.pk}&kind=")
        assert len(selectors.event_filterset(params=params).qs) == 3

    def test_it_leaves_out_or_keeps_only_internal_meetings(self, region):
        EventFactory(title="KI-Night", region=region)
        EventFactory(title="Jour fixe", region=region, kind=EventKind.JOUR_FIXE)
        without = selectors.event_filterset(params=QueryDict("internal=0"))
        assert titles(without.qs) == ["KI-Night"]
        only = selectors.event_filterset(params=QueryDict("internal=1"))
        assert titles(only.qs) == ["Jour fixe"]

    def test_the_period_edges_are_inclusive(self, region):
        EventFactory(title="Neujahr", region=region, start_date=D(2024, 1, 1))
        EventFactory(title="Silvester", region=region, start_date=D(2024, 12, 31))
        EventFactory(title="Danach", region=region, start_date=D(2025, 1, 1))
        period = selectors.event_filterset(
            params=QueryDict("date_after=2024-01-01&date_before=2024-12-31")
        )
        assert titles(period.qs) == ["Neujahr", "Silvester"]


class TestMonthGrid:
    def test_it_starts_on_monday_and_spreads_multi_day_events(self, region):
        grid = empty_grid(2024, 6, today=D(2024, 6, 5))
        assert grid.first_day == D(2024, 5, 27)
        assert grid.last_day == D(2024, 6, 30)
        fair = EventFactory(
            title="Messe", region=region, start_date=D(2024, 5, 30), end_date=D(2024, 6, 2)
        )
        events = selectors.events_overlapping(
            selectors.event_filterset(params=QueryDict("")).qs,
            start=grid.first_day,
            end=grid.last_day,
        )
        fill_grid(grid, events)
        days = [day.date for day in grid.days_with_events]
        assert days == [D(2024, 6, 1), D(2024, 6, 2)]
        assert grid.weeks[0][3].events == [fair]
        assert grid.previous == D(2024, 5, 1) and grid.next == D(2024, 7, 1)


class TestPublicEvents:
    def test_it_leaves_out_drafts_and_internal_meetings(self, region):
        EventFactory(title="Öffentlich", region=region, is_public=True)
        EventFactory(title="Entwurf", region=region, is_public=False)
        EventFactory(title="Jour fixe", region=region, is_public=True, kind=EventKind.JOUR_FIXE)
        assert titles(selectors.public_events()) == ["Öffentlich"]

    def test_the_version_changes_with_every_change(self, region, office_user):
        from events.services import event_update

        event = EventFactory(region=region)
        before = selectors.public_events_version()
        event_update(user=office_user, event=event, data={"title": "Neu"}, version=event.version)
        changed = selectors.public_events_version()
        assert changed != before
        EventFactory(region=region)
        assert selectors.public_events_version() != changed


class TestFirstContactsLinkable:
    def test_it_offers_first_contacts_of_the_region_around_the_date(self, region, other_region):
        event = EventFactory(region=region, start_date=D(2024, 6, 12))
        near = FirstContactFactory(date=D(2024, 6, 14), region=region)
        FirstContactFactory(date=D(2024, 9, 1), region=region)
        FirstContactFactory(
            date=D(2024, 6, 12), region=other_region, organisation__region=other_region
        )
        assert list(selectors.first_contacts_linkable_to(event=event)) == [near]
        event.first_contacts.add(near)
        assert not selectors.first_contacts_linkable_to(event=event).exists()


class TestOrganisationPanel:
    def test_the_organisation_page_lists_its_events_and_rounds(self, region, cm_user):
        organisation = OrganisationFactory(region=region)
        assert selectors.organisation_panel_context(organisation) is None
        event = EventFactory(region=region, co_organisers=[organisation])
        challenge_round = KIChallengeRoundFactory(region=region)
        challenge_round.partners.add(organisation)
        panels = {
            panel.key: context for panel, context in organisation_panels(organisation, cm_user)
        }
        assert panels["events"] == {"events": [event], "rounds": [challenge_round]}


class TestKIChallengeRoundsOverlapping:
    def test_it_finds_rounds_running_in_the_month(self, region):
        KIChallengeRoundFactory(
            title="Läuft", region=region, start_date=D(2024, 5, 1), end_date=D(2024, 7, 1)
        )
        KIChallengeRoundFactory(title="Eintägig", region=region, start_date=D(2024, 6, 5))
        KIChallengeRoundFactory(title="Vorbei", region=region, start_date=D(2024, 4, 5))
        rounds = selectors.ki_challenge_rounds_overlapping(start=D(2024, 6, 1), end=D(2024, 6, 30))
        assert [r.title for r in rounds] == ["Läuft", "Eintägig"]
