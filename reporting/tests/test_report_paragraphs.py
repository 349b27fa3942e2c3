"""Record paragraphs (reporting/report/blocks/paragraphs.py): facts from the
fields, the record's report text, held/planned relative to the as-of date."""

import datetime
import re

import pytest
from django.utils.html import strip_tags

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import OfferFactory
from reporting.report.blocks import BLOCKS, ReportContext
from reporting.report.blocks.paragraphs import date_phrase
from reporting.report.rendering import render_html
from reporting.report.selectors import report_document
from reporting.report.services import section_update
from reporting.tests.factories import TransferProjectFactory
from reporting.tests.test_report_factories import make_edition, make_photo

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 2, 19)
D = datetime.date


def collect(key, edition, as_of=AS_OF, **args):
    return BLOCKS[key].collect(ReportContext(edition=edition, as_of=as_of).for_block(args))


def printed(key, edition, as_of=AS_OF, **args) -> str:
    from django.template.loader import render_to_string

    data = collect(key, edition, as_of, **args)
    html = render_to_string(BLOCKS[key].template, {"data": data})
    return " ".join(strip_tags(html).split())


def place(edition, key, narrative):
    section = edition.sections.get(key=key)
    section_update(section=section, version=section.version, narrative=narrative)


def document_text(edition, as_of=AS_OF) -> str:
    html = render_html(report_document(edition=edition, as_of=as_of))
    return " ".join(strip_tags(html).split())


@pytest.fixture
def kick_off(region):
    cyberforum = OrganisationFactory(name="CyberForum e.V.")
    event = EventFactory(
        title="Auftaktveranstaltung Karlsruhe",
        region=region,
        start_date=D(2024, 3, 13),
        city="Karlsruhe",
        venue="CyberForum",
        actual_participants=115,
        report_text="Offizieller Startpunkt der KI-Allianz.\n\nDie Teilprojekte stellten sich vor.",
        co_organisers=[cyberforum],
    )
    event.speakers.set([PersonFactory(first_name="David", last_name="Hermanns")])
    return event


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2024, 3, 13), None, "am 13. März 2024"),
        (D(2024, 3, 13), D(2024, 3, 13), "am 13. März 2024"),
        (D(2024, 10, 16), D(2024, 10, 17), "am 16. und 17. Oktober 2024"),
        (D(2024, 4, 22), D(2024, 4, 26), "vom 22. bis 26. April 2024"),
        (D(2024, 9, 28), D(2024, 10, 2), "vom 28. September bis 2. Oktober 2024"),
        (D(2024, 12, 30), D(2025, 1, 2), "vom 30. Dezember 2024 bis 2. Januar 2025"),
    ],
)
def test_it_writes_dates_in_one_german_style(start, end, expected):
    assert date_phrase(start, end) == expected


def test_it_writes_a_held_event_from_its_fields_and_report_text(kick_off):
    edition = make_edition()

    text = printed("berichte", edition)

    assert (
        "Auftaktveranstaltung Karlsruhe: Am 13. März 2024 fand die Veranstaltung in Karlsruhe "
        "(CyberForum) statt, in Zusammenarbeit mit CyberForum e.V. und mit ca. 115 "
        "Teilnehmenden. Offizieller Startpunkt der KI-Allianz." in text
    )
    assert "Die Teilprojekte stellten sich vor. Es sprachen u. a. David Hermanns." in text
    assert "Geplant" not in text


def test_the_same_record_reads_as_planned_at_an_earlier_as_of_date(kick_off):
    edition = make_edition()
    kick_off.expected_participants = 100
    kick_off.save()

    text = printed("berichte", edition, as_of=D(2024, 3, 1))

    assert "Geplant nach dem Stichtag (1. März 2024)" in text
    assert "Am 13. März 2024 ist die Veranstaltung in Karlsruhe (CyberForum) geplant" in text
    assert "ca. 100 erwarteten Teilnehmenden" in text
    assert "fand" not in text and "Es sprachen" not in text
    assert "Angekündigt sind David Hermanns." in text


def test_planned_events_come_only_under_a_planned_label(region):
    edition = make_edition()
    EventFactory(title="KI-Night", region=region, start_date=D(2024, 11, 14))
    EventFactory(
        title="Förder-Workshop",
        kind=EventKind.FUNDING_WORKSHOP,
        region=region,
        start_date=D(2025, 4, 3),
        status=EventStatus.PLANNED,
    )

    text = printed("berichte", edition)

    held, planned = text.split("Geplant nach dem Stichtag (19. Februar 2025)")
    assert "KI-Night" in held and "Förder-Workshop" not in held
    assert "Am 3. April 2025 ist der Workshop in Karlsruhe geplant." in planned


def test_status_and_kind_arguments_narrow_the_paragraphs(region):
    edition = make_edition()
    EventFactory(title="Statustreffen", kind=EventKind.STATUS_MEETING, start_date=D(2024, 12, 5))
    EventFactory(title="Messe", kind=EventKind.TRADE_FAIR, start_date=D(2024, 10, 8))
    EventFactory(
        title="Viertes Statustreffen",
        kind=EventKind.STATUS_MEETING,
        start_date=D(2025, 5, 5),
        status=EventStatus.PLANNED,
    )

    held = printed("berichte", edition, art=[EventKind.STATUS_MEETING], status="durchgefuehrt")
    planned = printed("berichte", edition, art=[EventKind.STATUS_MEETING], status="geplant")

    assert "Statustreffen: Am 5. Dezember 2024 fand das Statustreffen" in held
    assert "Messe" not in held and "Viertes" not in held
    assert "Viertes Statustreffen: Am 5. Mai 2025 ist das Statustreffen" in planned
    assert "Dezember" not in planned


def test_paragraphs_by_region_come_under_their_region(region, other_region):
    edition = make_edition()
    EventFactory(title="Digital for Future", region=other_region, start_date=D(2024, 11, 27))
    EventFactory(title="Auftakt", region=region, start_date=D(2024, 3, 13))

    data = collect("berichte_nach_region", edition)

    assert [group.heading for group in data["groups"]] == ["Karlsruhe", "Freiburg"]
    assert [p.title for p in data["groups"][1].held] == ["Digital for Future"]
    only = collect("berichte", edition, region="freiburg")
    assert [p.title for p in only["groups"][0].held] == ["Digital for Future"]


def test_photos_are_numbered_figures_named_in_the_paragraph(kick_off, other_region):
    edition = make_edition()
    other = EventFactory(
        title="Digital for Future", region=other_region, start_date=D(2024, 11, 27)
    )
    make_photo(kick_off, caption="Erstes Gruppenfoto", position=0)
    make_photo(kick_off, caption="Vorstellung", position=1)
    make_photo(other, caption="Podium")

    text = printed("berichte_nach_region", edition)

    assert "(siehe Bilder 1 und 2)" in text
    assert "(siehe Bild 3)" in text
    assert "Bild 1: Erstes Gruppenfoto" in text and "Bild 3: Podium" in text


def test_ki_challenge_rounds_read_like_the_source(region):
    edition = make_edition()
    KIChallengeRoundFactory(
        region=region,
        theme="Smart Eco-Events",
        start_date=D(2025, 5, 6),
        end_date=D(2025, 5, 7),
        venue="Schloss Ettlingen",
        city="Ettlingen",
        report_text="Wie kann KI den Fußabdruck von Großveranstaltungen verringern?",
    )

    text = printed("berichte_ki_challenge", edition)

    assert (
        "Karlsruhe: Am 6. und 7. Mai 2025 ist die KI-Challenge zum Thema „Smart Eco-Events“ "
        "in Ettlingen (Schloss Ettlingen) geplant. Wie kann KI" in text
    )


def test_transfer_projects_and_referrals_name_organisations_never_persons(region):
    edition = make_edition()
    lab = OfferFactory(name="KI-Innovation Lab")
    jagstzell = OrganisationFactory(name="Gemeinde Jagstzell")
    TransferProjectFactory(
        title="KI-Projekte in Jagstzell",
        region=region,
        initiated_on=D(2024, 11, 20),
        organisations=[jagstzell],
        referral_offer=lab,
        report_text="Erste Ideen für KI in der Verwaltung.",
    )
    contact = FirstContactFactory(
        region=region,
        organisation=jagstzell,
        date=D(2024, 11, 20),
        referral_offer=lab,
        referral_note="Herr Müller, 0171 1234567",
        report_text="Die Gemeinde prüft KI-Projekte.",
    )
    contact.persons.set([PersonFactory(last_name="Müller")])

    transfer = printed("berichte_transfer", edition)
    referrals = printed("berichte_vermittlungen", edition)

    assert (
        "Am 20. November 2024 wurde das Projekt mit Gemeinde Jagstzell in der Region Karlsruhe "
        "angestoßen (Stand: Idee; vermittelt an KI-Innovation Lab)." in transfer
    )
    assert (
        "Gemeinde Jagstzell: Am 20. November 2024 an KI-Innovation Lab vermittelt "
        "(Region Karlsruhe). Die Gemeinde prüft KI-Projekte." in referrals
    )
    assert "Müller" not in referrals and "0171" not in referrals


def test_it_says_so_when_there_is_nothing(region):
    assert "Keine Einträge in diesem Zeitraum." in printed("berichte", make_edition())


def test_a_placed_block_follows_the_record_and_the_as_of_date(kick_off):
    edition = make_edition()
    place(edition, "ap3-events-by-region", "[[block:berichte region=karlsruhe]]")

    assert "mit ca. 115 Teilnehmenden" in document_text(edition)
    kick_off.actual_participants = 150
    kick_off.save()
    text = document_text(edition)
    assert "mit ca. 150 Teilnehmenden" in text and "115" not in text
    earlier = document_text(edition, as_of=D(2024, 3, 1))
    assert re.search(r"Am 13\. März 2024 ist die Veranstaltung .* geplant", earlier)
    assert "fand die Veranstaltung" not in earlier


def test_the_paragraph_query_count_does_not_grow_with_events(region, django_assert_max_num_queries):
    edition = make_edition()
    speaker = PersonFactory()
    for day in range(1, 4):
        EventFactory(region=region, start_date=D(2024, 6, day)).speakers.set([speaker])
    context = ReportContext(edition=edition, as_of=AS_OF)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        BLOCKS["berichte"].collect(context.for_block({}))
    for day in range(4, 12):
        EventFactory(region=region, start_date=D(2024, 6, day)).speakers.set([speaker])
    with django_assert_max_num_queries(len(few)):
        data = BLOCKS["berichte"].collect(ReportContext(edition=edition, as_of=AS_OF).for_block({}))
    (group,) = data["groups"]
    assert len(group.held) == 11


def test_an_event_is_narrated_in_the_chapter_of_its_first_work_package(region):
    from events.models import EventWorkPackage

    edition = make_edition()
    fair = EventFactory(
        title="HANNOVER MESSE", kind=EventKind.TRADE_FAIR, start_date=D(2024, 4, 22)
    )
    delegation = EventFactory(
        title="Delegation", kind=EventKind.DELEGATION_VISIT, start_date=D(2024, 6, 11)
    )
    for event, numbers in ((fair, (3, 5)), (delegation, (5,))):
        for number in numbers:
            EventWorkPackage.objects.create(event=event, number=number)

    marketing = collect("berichte", edition, ap="3")["groups"][0]
    international = collect("berichte", edition, ap="5")["groups"][0]

    assert [p.title for p in marketing.held] == ["HANNOVER MESSE"]
    assert [p.title for p in international.held] == ["Delegation"]


def test_a_bad_argument_names_the_block_and_the_allowed_values(region):
    from reporting.report.narrative import check

    _references, problems = check("[[block:berichte ap=9]]")

    assert problems and "ap" in problems[0].message
