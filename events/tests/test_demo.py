"""The demo calendar holds the 2024 report's dated events, once."""

import datetime
from io import StringIO

import pytest

from contacts.models import Organisation
from contacts.normalize import normalize_organisation_name
from events.demo.loader import load_events
from events.models import (
    INTERNAL_KINDS,
    Event,
    EventKind,
    EventPhoto,
    EventStatus,
    EventWorkPackage,
    KIChallengeRound,
)
from events.selectors import event_size_counts_by_region
from kiallianz.demo.core import DEMO_REGIONS, load_core
from kiallianz.models import Region

d = datetime.date


@pytest.fixture
def demo(db):
    load_core()
    out = StringIO()
    load_events(stdout=out)
    return out.getvalue()


def _counts():
    return (
        Event.objects.count(),
        EventPhoto.objects.count(),
        KIChallengeRound.objects.count(),
        Organisation.objects.count(),
        EventWorkPackage.objects.count(),
    )


def test_it_creates_nothing_new_when_loaded_twice(demo):
    before = _counts()
    out = StringIO()
    load_events(stdout=out)
    assert _counts() == before
    assert "Veranstaltungen: 0 neu, Fotos: 0 neu" in out.getvalue()


def held(start, region_slug, city, participants=None, *, end=None) -> tuple:
    """What the report says of a held event; without `end` it lasted one day."""
    return start, end or start, region_slug, city, participants


# The report's dated events, by title.
REPORT_FACTS = {
    # 2.1
    "Kick-off Community Management": held(d(2024, 5, 8), None, "Stuttgart"),
    "1. Statustreffen": held(d(2024, 10, 30), None, "Reutlingen"),
    "3. Statustreffen": held(d(2025, 2, 17), None, "Karlsruhe"),
    # 4.2.1
    "Auftaktveranstaltung der KI-Allianz Baden-Württemberg in Karlsruhe": held(
        d(2024, 3, 13), "karlsruhe", "Karlsruhe", 115
    ),
    "Auftaktveranstaltung Region Stuttgart: „Wir stellen uns vor“": held(
        d(2024, 7, 8), "stuttgart", "Stuttgart", 200
    ),
    "Käpsele Festival Freiburg – KI-Allianz Baden-Württemberg Area": held(
        d(2024, 7, 15), "freiburg", "Freiburg", 900
    ),
    "Digital for Future – Wege zur Transformation": held(
        d(2024, 11, 27), "freiburg", "Freiburg", 100
    ),
    "Auftaktveranstaltung Region Neckar-Alb": held(d(2024, 6, 25), "neckar-alb", "Balingen"),
    "KI-Night Reutlingen: KI in der praktischen Anwendung bei Industriebetrieben": held(
        d(2024, 11, 14), "neckar-alb", "Reutlingen", 30
    ),
    # 4.3
    "HANNOVER MESSE 2024": held(d(2024, 4, 22), None, "Hannover", end=d(2024, 4, 26)),
    "make Ostwürttemberg 2024": held(
        d(2024, 9, 28), "ostalbkreis", "Schwäbisch Gmünd", end=d(2024, 9, 29)
    ),
    "Quantum Effects 2024": held(d(2024, 10, 8), "stuttgart", "Stuttgart", end=d(2024, 10, 9)),
    # 6
    "AIxIA-Konferenz": held(d(2024, 10, 16), "karlsruhe", "Karlsruhe", end=d(2024, 10, 17)),
    "Global Connect 2024": held(d(2024, 11, 19), "stuttgart", "Stuttgart", end=d(2024, 11, 20)),
    "Messestand in der Landesvertretung Brüssel: EU AI Act": held(d(2024, 9, 26), None, "Brüssel"),
}


@pytest.mark.parametrize(
    ("title", "start", "end", "region_slug", "city", "participants"),
    [(title, *fact) for title, fact in REPORT_FACTS.items()],
    ids=[title[:40] for title in REPORT_FACTS],
)
def test_it_holds_the_reports_facts(demo, title, start, end, region_slug, city, participants):
    event = Event.objects.select_related("region").get(title=title)
    assert (event.start_date, event.end_date, event.city) == (start, end, city)
    assert (event.region.slug if event.region else None) == region_slug
    assert event.actual_participants == participants
    assert event.status == EventStatus.HELD


def test_it_holds_the_planned_ki_challenge_rounds_of_2025(demo):
    rounds = {r.region.slug: r for r in KIChallengeRound.objects.select_related("region").all()}
    assert set(rounds) == {"karlsruhe", "freiburg", "stuttgart"}
    karlsruhe = rounds["karlsruhe"]
    assert (karlsruhe.start_date, karlsruhe.end_date) == (d(2025, 5, 6), d(2025, 5, 7))
    assert (karlsruhe.venue, karlsruhe.theme) == ("Schloss Ettlingen", "Smart Eco-Events")
    assert rounds["freiburg"].start_date == d(2025, 5, 14)
    assert rounds["stuttgart"].theme == "Green AI – Leben im Klimawandel"
    assert (rounds["stuttgart"].start_date, rounds["stuttgart"].end_date) == (
        d(2025, 7, 7),
        d(2025, 7, 8),
    )
    for ki_round in rounds.values():
        assert ki_round.status == EventStatus.PLANNED
        event = ki_round.events.get()
        assert event.kind == EventKind.KI_CHALLENGE
        assert event.is_public
        assert event.status == EventStatus.PLANNED


def test_it_marks_events_after_the_as_of_date_as_planned(demo):
    freiburg_workshops = Event.objects.filter(
        kind=EventKind.FUNDING_WORKSHOP, region__slug="freiburg"
    ).order_by("start_date")
    assert [e.start_date for e in freiburg_workshops] == [d(2025, 2, 28), d(2025, 3, 11)]
    assert {e.status for e in freiburg_workshops} == {EventStatus.PLANNED}
    eu_ai_act = Event.objects.get(start_date=d(2025, 3, 20))
    assert eu_ai_act.region.slug == "nordschwarzwald"
    assert eu_ai_act.kind == EventKind.WORKSHOP_NEW_TOPICS
    assert eu_ai_act.status == EventStatus.PLANNED
    # The as-of date itself still counts as held.
    assert Event.objects.get(start_date=d(2025, 2, 19)).status == EventStatus.HELD


def test_every_region_has_events(demo):
    for name in DEMO_REGIONS:
        assert Event.objects.filter(region__name=name).exists(), name


def test_internal_meetings_are_not_public(demo):
    internal = Event.objects.filter(kind__in=INTERNAL_KINDS)
    assert internal.count() == 7
    assert not internal.filter(is_public=True).exists()
    assert not internal.exclude(public_description="").exists()
    assert set(internal.values_list("work_packages__number", flat=True)) == {1}


def test_public_appearances_are_public_with_a_short_text(demo):
    appearances = Event.objects.exclude(kind__in=INTERNAL_KINDS)
    assert appearances.count() == 45
    assert not appearances.filter(is_public=False).exists()
    assert not appearances.filter(public_description="").exists()


def test_the_green_ai_day_exists_once_on_26_september(demo):
    green_ai_days = Event.objects.filter(title__icontains="Green AI Day")
    assert green_ai_days.count() == 1
    assert green_ai_days.get().start_date == d(2024, 9, 26)
    assert "26.09.2024" in demo


REPORT_FIGURES = [
    "Erstes Gruppenfoto der KI-Allianz mit damaliger Besetzung",
    "David Hermanns stellt die KI-Allianz auf der Auftaktveranstaltung in Karlsruhe vor",
    "Impression der Auftaktveranstaltung in Stuttgart",
    "Podiumsdiskussion auf der Auftaktveranstaltung in Stuttgart",
    "Podiumsdiskussion auf der „Digital for Future“",
    "Teilnehmende, die auf der „Digital for Future“ ein Exponat präsentiert bekommen",
    "Podiumsdiskussion auf der Auftaktveranstaltung Ostalbkreis",
    "Impression der Auftaktveranstaltung Ostalbkreis",
    "Community Managerinnen der KI-Allianz auf der Quantum Effects Messe",
    "Community Managerinnen der KI-Allianz auf der make Schwäbisch Gmünd",
    "Offizielle Eröffnung des AI Experience Room Reutlingen",
    "Zwei Community Manager:innen der KI-Allianz im Publikum bei der Eröffnung des AI "
    "Experience Room",
]


def test_it_attaches_the_reports_twelve_figures_in_order(demo):
    photos = EventPhoto.objects.select_related("event").order_by("position")
    assert [p.position for p in photos] == list(range(1, 13))
    assert [p.caption for p in photos] == REPORT_FIGURES
    assert photos[0].event.start_date == d(2024, 3, 13)
    assert photos[4].event.title == "Digital for Future – Wege zur Transformation"
    assert photos[6].event.region.slug == "ostalbkreis"
    assert all(p.image.name.endswith(".jpg") for p in photos)
    assert all(p.image.storage.exists(p.image.name) for p in photos)


def test_size_counts_per_region_for_2024_are_as_intended(demo):
    slugs = dict(Region.objects.values_list("id", "slug"))
    counts = event_size_counts_by_region(start=d(2024, 1, 1), end=d(2024, 12, 31))
    assert {slugs.get(region_id): bucket for region_id, bucket in counts.items()} == {
        "karlsruhe": {"small": 2, "large": 1},
        "stuttgart": {"small": 6, "large": 1},
        "freiburg": {"small": 3, "large": 1},
        "neckar-alb": {"small": 5, "large": 0},
        "ostalbkreis": {"small": 4, "large": 0},
        "nordschwarzwald": {"small": 1, "large": 0},
        None: {"small": 5, "large": 0},
    }


def test_overrides_carry_a_reason(demo):
    green_ai_day = Event.objects.get(title="Green AI Day 2024")
    assert green_ai_day.size_override == "small"
    assert green_ai_day.size_category == "small"
    assert "Breakout-Session" in green_ai_day.size_override_reason
    assert not Event.objects.exclude(size_override="").filter(size_override_reason="").exists()


def test_it_reuses_an_organisation_the_contacts_demo_created(db):
    load_core()
    telenot = Organisation.objects.create(
        name="TELENOT ELECTRONIC GmbH", normalized_name=normalize_organisation_name("TELENOT")
    )
    load_events()
    assert Organisation.objects.filter(normalized_name="telenot").count() == 1
    assert telenot.involved_events.get().title == "Auftaktveranstaltung Ostalbkreis"


def test_co_organisers_and_offers_are_linked(demo):
    karlsruhe = Event.objects.get(start_date=d(2024, 3, 13))
    assert [o.name for o in karlsruhe.co_organisers.all()] == ["CyberForum e.V."]
    assert karlsruhe.offers.count() == 8
    assert karlsruhe.size_category == "large"
    opening = Event.objects.get(start_date=d(2024, 9, 24))
    assert [o.name for o in opening.offers.all()] == ["AI Experience Room"]
