import datetime

import pytest

from contacts.tests.factories import OrganisationFactory
from events import selectors
from events.models import EventKind, EventStatus, EventWorkPackage, SizeCategory
from events.tests.factories import EventFactory, KIChallengeRoundFactory

D = datetime.date
START, END = D(2024, 1, 1), D(2024, 12, 31)


@pytest.mark.django_db
class TestEventsInPeriod:
    def test_it_includes_events_starting_on_the_period_edges(self, region):
        EventFactory(title="Silvester", start_date=D(2023, 12, 31), end_date=D(2024, 1, 1))
        EventFactory(title="Neujahr", start_date=D(2024, 1, 1))
        EventFactory(title="Jahresende", start_date=D(2024, 12, 31))
        EventFactory(title="Danach", start_date=D(2025, 1, 1))
        titles = [e.title for e in selectors.events_in_period(start=START, end=END)]
        assert titles == ["Neujahr", "Jahresende"]

    def test_it_splits_held_and_planned_at_the_as_of_date(self, region):
        EventFactory(title="Gehalten", start_date=D(2025, 2, 19), status=EventStatus.HELD)
        EventFactory(title="Geplant", start_date=D(2025, 2, 20), status=EventStatus.PLANNED)
        EventFactory(title="Abgesagt", start_date=D(2025, 3, 1), status=EventStatus.CANCELLED)
        as_of = D(2025, 2, 19)
        held = selectors.events_held_as_of(start=START, end=D(2025, 12, 31), as_of=as_of)
        planned = selectors.events_planned_after(as_of=as_of, until=D(2025, 12, 31))
        assert [e.title for e in held] == ["Gehalten"]
        assert [e.title for e in planned] == ["Geplant"]

    def test_it_leaves_out_internal_meetings_when_asked(self, region):
        EventFactory(title="Statustreffen", kind=EventKind.STATUS_MEETING)
        EventFactory(title="KI-Night", kind=EventKind.OWN_EVENT)
        public_facing = selectors.events_in_period(start=START, end=END, include_internal=False)
        assert [e.title for e in public_facing] == ["KI-Night"]
        internal = selectors.internal_meetings_in_period(start=START, end=END)
        assert [e.title for e in internal] == ["Statustreffen"]


@pytest.mark.django_db
def test_it_counts_small_and_large_held_events_per_region(region, other_region):
    EventFactory(region=region, size_category=SizeCategory.LARGE)
    EventFactory(region=region, size_category=SizeCategory.SMALL)
    EventFactory(region=region, size_category=SizeCategory.SMALL, status=EventStatus.PLANNED)
    EventFactory(region=other_region, size_category=SizeCategory.SMALL)
    EventFactory(region=other_region, kind=EventKind.JOUR_FIXE)
    assert selectors.event_size_counts_by_region(start=START, end=END) == {
        region.id: {"small": 1, "large": 1},
        other_region.id: {"small": 1, "large": 0},
    }


@pytest.mark.django_db
def test_it_finds_international_events(region):
    abroad = EventFactory(title="Delegation Kanada", kind=EventKind.DELEGATION_VISIT)
    counted = EventFactory(title="AP5-Workshop", kind=EventKind.WEBINAR)
    EventWorkPackage.objects.create(event=counted, number=5)
    EventFactory(title="Regional")
    found = selectors.international_events_in_period(start=START, end=END)
    assert {e.title for e in found} == {abroad.title, counted.title}


@pytest.mark.django_db
def test_it_finds_events_of_an_organisation_once(region):
    organisation = OrganisationFactory()
    event = EventFactory(co_organisers=[organisation])
    event.organisations.add(organisation)
    EventFactory()
    assert list(selectors.events_for_organisation(organisation_id=organisation.id)) == [event]


@pytest.mark.django_db
def test_it_lists_ki_challenge_rounds_by_status(region):
    KIChallengeRoundFactory(title="Karlsruhe 2025", start_date=D(2025, 5, 6))
    KIChallengeRoundFactory(
        title="Stuttgart 2024", start_date=D(2024, 11, 1), status=EventStatus.HELD
    )
    rounds = selectors.ki_challenge_rounds_in_period(start=START, end=D(2025, 12, 31))
    assert [r.title for r in rounds] == ["Stuttgart 2024", "Karlsruhe 2025"]
    held = selectors.ki_challenge_rounds_in_period(
        start=START, end=D(2025, 12, 31), statuses=[EventStatus.HELD]
    )
    assert [r.title for r in held] == ["Stuttgart 2024"]
