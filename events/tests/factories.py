import datetime

import factory

from events.models import Event, EventKind, EventStatus, KIChallengeRound
from kiallianz.tests.factories import RegionFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"KI-Night {n}")
    kind = EventKind.OWN_EVENT
    start_date = datetime.date(2024, 10, 10)
    end_date = factory.LazyAttribute(lambda e: e.start_date)
    city = "Karlsruhe"
    region = factory.SubFactory(RegionFactory, name="Karlsruhe", slug="karlsruhe")
    status = EventStatus.HELD

    @factory.post_generation
    def co_organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_organisers.set(extracted)


class KIChallengeRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KIChallengeRound

    region = factory.SubFactory(RegionFactory, name="Karlsruhe", slug="karlsruhe")
    title = factory.Sequence(lambda n: f"KI-Challenge Runde {n}")
    theme = "KI in der Produktion"
    start_date = datetime.date(2024, 11, 1)
    status = EventStatus.PLANNED
