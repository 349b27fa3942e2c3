"""The demo report, rendered to PDF: the source's facts in the source's
chapters, live facts that follow the records and the as-of date, at most
18 pages, no heading left alone at a page foot.

The demo is loaded and rendered once per test session (it takes seconds);
everything happens in one transaction that is rolled back afterwards.
"""

import datetime
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from contacts import selectors as contact_selectors
from events.demo.data import GREEN_AI_DAY_TITLE
from events.models import Event
from reporting.demo.report import NEXT_NARRATIVES_FILE, demo_narratives
from reporting.models import ReportEdition
from reporting.report.exporters import get_exporter
from reporting.report.references import parse
from reporting.tests.test_report_factories import pdf_pages

# The marker makes pytest-django set up the test database for this module
# alone too; the session fixture below works in its own rolled-back transaction.
pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 2, 19)
EARLIER = datetime.date(2024, 6, 30)
MAX_PAGES = 18

MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
FOOTER = re.compile(r"^(Community Management|Seite \d+ von \d+)$")


def _pdf(edition, as_of) -> list[str]:
    _name, _mimetype, content, _warnings = get_exporter("pdf").render_with_warnings(edition, as_of)
    return pdf_pages(content)


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The rendered texts: 2024 as of the source's date (through the command),
    after one record changed, at an earlier as-of date, and the 2025 edition."""
    media = tmp_path_factory.mktemp("demo-media")
    output = tmp_path_factory.mktemp("demo-pdf") / "bericht-2024.pdf"
    result = {}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), DEBUG=True),
        transaction.atomic(),
    ):
        with redirect_stdout(io.StringIO()):
            call_command("load_demo", stdout=io.StringIO())
            call_command(
                "render_report",
                "--year",
                "2024",
                "--as-of",
                AS_OF.isoformat(),
                "--output",
                str(output),
                stdout=io.StringIO(),
            )
        result["pages"] = pdf_pages(Path(output).read_bytes())
        edition = ReportEdition.objects.get(year=2024)
        result["earlier"] = _pdf(edition, EARLIER)
        next_edition = ReportEdition.objects.get(year=2025)
        result["2025"] = _pdf(next_edition, next_edition.as_of)
        result["2025_first_contacts"] = contact_selectors.first_contacts_in_period(
            start=datetime.date(2025, 1, 1), end=next_edition.as_of
        ).count()
        result["green_ai_day_notes"] = Event.objects.get(title=GREEN_AI_DAY_TITLE).notes
        kick_off = Event.objects.get(title__startswith="Auftaktveranstaltung der KI-Allianz")
        kick_off.actual_participants = 150
        kick_off.save(update_fields=["actual_participants"])
        result["changed"] = _pdf(edition, AS_OF)
        transaction.set_rollback(True)
    return result


def flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def body(pages: list[str]) -> str:
    """The text after the table of contents."""
    return flat(pages[2:])


def chapter(pages: list[str], start: str, end: str) -> str:
    text = body(pages)
    return text[text.index(start) : text.index(end, text.index(start))]


# --- The source's facts, in the source's chapters ------------------------------

KEY_FACTS = {
    # 2.1
    ("2.1. Jour Fixes", "2.2. Monitoring"): [
        "Am 8. Mai 2024 fand das Kick-off-Treffen in Stuttgart statt",
        "nahezu vollständiger Besetzung der Community Manager:innen",
        "Am 30. Oktober 2024 fand das Statustreffen in Reutlingen statt",
        "Am 5. Dezember 2024 fand das Statustreffen in Stuttgart statt",
        "Am 17. Februar 2025 fand das Statustreffen in Karlsruhe statt",
        "Am 2. Juli 2024 fand das projektübergreifende Treffen in Stuttgart statt",
        "Am 14. November 2024 fand das projektübergreifende Treffen online statt",
        "Am 19. Februar 2025 fand das projektübergreifende Treffen online statt",
        "Datenplattform, KI-Challenge, KI-Investoren Plug-In, KI-Innovation Lab",
    ],
    # 3 (AP2)
    ("3. Arbeitspaket 2", "3.1. Erstgespräche"): [
        "mindestens 60 Erstgesprächen",
        "KI-Hackathon in der Region Nordschwarzwald ist für Juni 2025 geplant",
        "Regine Haschka-Helmer (CEO Seedlab GmbH) und Markus Wagner (CEO Dynaico)",
    ],
    ("3.1. Erstgespräche", "3.2. Planung"): [
        "Zum aktuellen Stand (19. Februar 2025)",
        "Ziel von 120 Erstgesprächen über die Laufzeit ist damit erreicht",
    ],
    ("3.2. Planung", "3.3. Gewinnung"): [
        "noch keine KI-Challenges durchgeführt",
        "Am 6. und 7. Mai 2025 ist die KI-Challenge zum Thema „Smart Eco-Events“ in Ettlingen "
        "(Schloss Ettlingen) geplant",
        "Am 14. Mai 2025 ist die KI-Challenge zum Thema „Smart Sustainable Solutions“",
        "Am 7. und 8. Juli 2025 ist die KI-Challenge zum Thema „Green AI – Leben im "
        "Klimawandel“ in Stuttgart geplant",
    ],
    ("3.3. Gewinnung", "4. Arbeitspaket 3"): [
        "23 strategisch wichtige Partnerschaften",
        "Allianz Industrie 4.0 Baden-Württemberg",
        "ARENA2036",
        "Werk150",
    ],
    # 4.2.1, region by region
    ("4.2.1. Durchgeführte", "4.3. Kommunikation"): [
        "Karlsruhe Auftaktveranstaltung der KI-Allianz Baden-Württemberg in Karlsruhe: "
        "Am 13. März 2024 fand die Veranstaltung in Karlsruhe (CyberForum e.V.) statt, in "
        "Zusammenarbeit mit CyberForum e.V. und mit ca. 115 Teilnehmenden",
        "Am 7. Juni 2024 fand die Veranstaltung in Karlsruhe",
        "Unterwasser-Oase",
        "Stuttgart Auftaktveranstaltung Region Stuttgart",
        "Am 8. Juli 2024 fand die Veranstaltung in Stuttgart statt, mit ca. 200 Teilnehmenden",
        "Freiburg Käpsele Festival Freiburg",
        "Am 15. Juli 2024 fand die Veranstaltung in Freiburg (Mundenhof) statt, mit ca. 900 "
        "Teilnehmenden",
        "Am 11. Oktober 2024 fand die Veranstaltung in Freiburg statt",
        "Am 27. November 2024 fand die Veranstaltung in Freiburg (Lokhalle) statt, in "
        "Zusammenarbeit mit Zukunft.Raum.Schwarzwald und mit ca. 100 Teilnehmenden",
        "Neckar-Alb Auftaktveranstaltung Region Neckar-Alb: Am 25. Juni 2024",
        "Am 14. November 2024 fand die Veranstaltung in Reutlingen statt, in Zusammenarbeit "
        "mit INNOPORT Reutlingen und mit ca. 30 Teilnehmenden",
        "Ostalbkreis Auftaktveranstaltung Ostalbkreis: Am 6. November 2024",
        "KI als Game Changer für KMU",
        "Bild 1: Erstes Gruppenfoto",
        "Bild 8: Impression der Auftaktveranstaltung Ostalbkreis",
    ],
    ("4.3. Kommunikation", "5. Arbeitspaket 4"): [
        "Messe- und Veranstaltungsteilnahmen zur Erhöhung der Sichtbarkeit",
        "Am 12. April 2024 fand die Veranstaltung in Neresheim statt",
        "Dr. Nicole Hoffmeister-Kraut",
        "Vom 22. bis 26. April 2024 fand die Veranstaltung in Hannover",
        "Am 17. und 18. Mai 2024 fand die Veranstaltung in Stuttgart statt",
        "Am 28. und 29. September 2024 fand die Veranstaltung in Schwäbisch Gmünd",
        "„Die Welt durch KI-Augen“",
        "Am 8. und 9. Oktober 2024 fand die Veranstaltung in Stuttgart statt",
        "Digitaltag Freiburg: Am 7. Juni 2024",
        "Cyber Valley Days: Am 19. Juni 2024",
        "Am 11. Juli 2024 fand die Veranstaltung in Stuttgart (Haus der Wirtschaft) statt",
        "Transformationskongress 2024: Am 7. Oktober 2024",
        "Offizielle Eröffnung des AI Experience Room Reutlingen: Am 24. September 2024",
        "Tag der offenen Tür im AI Experience Room Reutlingen: Am 19. Oktober 2024",
        "Bild 12: Zwei Community Manager:innen",
    ],
    ("5.1. Neue Themen", "6. Arbeitspaket 5"): [
        "Green AI Day 2024: Am 26. September 2024 fand die Veranstaltung in Stuttgart statt, "
        "mit ca. 300 Teilnehmenden",
        "Breakout-Session mit ca. 40 Teilnehmenden",
        "„Ethische KI – Freund oder Feind echter Nachhaltigkeit?“",
        "Am 20. März 2025 ist der Workshop in der Region Nordschwarzwald geplant",
        "Gemeinde Jagstzell: Am 6. November 2024 an KI-Innovation Lab vermittelt (Region "
        "Ostalbkreis)",
        "Vioonic GmbH",
        "Am 28. Februar 2025 ist der Workshop in Freiburg geplant",
        "Am 11. März 2025 ist der Workshop in Freiburg geplant",
        "Am 3. April 2025 ist der Workshop in Karlsruhe geplant, in Zusammenarbeit mit "
        "Digitales Innovationszentrum",
        "Digitalisierungsprämie BW",
    ],
    ("6. Arbeitspaket 5", "7. Ausblick"): [
        "Am 11. Juni 2024 fand der Delegationsbesuch statt",
        "Niederländischen Innovationspreises",
        "Delegation aus Taiwan: Am 1. Juli 2024",
        "Am 26. September 2024 fand die Veranstaltung in Brüssel",
        "Am 16. und 17. Oktober 2024 fand die Konferenz in Karlsruhe statt",
        "Am 19. und 20. November 2024 fand die Veranstaltung in Stuttgart statt",
        "Am 28. November 2024 fand der Delegationsbesuch statt",
        "Am 27. Januar 2025 fand die Veranstaltung",
        "Am 27. März 2025 ist die Veranstaltung geplant",
        "Kanada, Spanien, UK, der Region Flandern sowie dem Baskenland",
        "Am 10. April 2025 ist der Workshop geplant",
        "Am 30. April 2025 ist der Workshop geplant",
        "AHK San Francisco",
        "UK Tech Accelerators",
    ],
}


@pytest.mark.parametrize(
    ("bounds", "facts"), KEY_FACTS.items(), ids=[start for start, _end in KEY_FACTS]
)
def test_the_demo_report_states_the_sources_facts_in_their_chapter(demo, bounds, facts):
    text = chapter(demo["pages"], *bounds)
    missing = [fact for fact in facts if fact not in text]
    assert not missing


def test_each_event_paragraph_appears_once(demo):
    text = body(demo["pages"])
    for title in (
        "Käpsele Festival Freiburg –",
        "Quantum Effects 2024:",
        "HANNOVER MESSE 2024:",
        "Offizielle Eröffnung des AI Experience Room Reutlingen:",
        "Green AI Day 2024:",
        "Allianz Industrie 4.0 Baden-Württemberg",
    ):
        assert text.count(title) == 1, title


def test_it_keeps_to_eighteen_pages(demo):
    assert len(demo["pages"]) <= MAX_PAGES


def test_no_heading_is_left_alone_at_a_page_foot(demo):
    headings = [
        line.strip() for line in demo["pages"][1].splitlines() if re.match(r"^\d+(\.\d+)*\. ", line)
    ]
    heading_texts = [re.sub(r"\s*\.{3,}.*$", "", heading) for heading in headings]
    headings_extra = [
        *("Karlsruhe", "Stuttgart", "Freiburg", "Neckar-Alb", "Ostalbkreis"),
        "Messe- und Veranstaltungsteilnahmen zur Erhöhung der Sichtbarkeit",
        "Workshop – neue Themen",
        "Fördermittel und Förderprojekte",
        "Workshop – Fördermittel",
    ]
    for number, page in enumerate(demo["pages"][2:], start=3):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        content = [line for line in lines if not FOOTER.match(line)]
        last = " ".join(content[-2:])
        for heading in heading_texts:
            assert not last.endswith(heading), f"Seite {number} endet mit „{heading}“"
        assert content[-1] not in headings_extra, f"Seite {number} endet mit „{content[-1]}“"
        assert not content[-1].startswith("Geplant nach dem Stichtag"), number


def test_region_headings_are_text_not_faked_small_caps(demo):
    lines = {line.strip() for page in demo["pages"] for line in page.splitlines()}
    assert {"Karlsruhe", "Stuttgart", "Freiburg", "Neckar-Alb", "Ostalbkreis"} <= lines
    assert not {"KARLSRUHE", "STUTTGART", "FÖRDERMITTEL UND FÖRDERPROJEKTE"} & lines


def test_dates_are_written_in_one_german_style(demo):
    text = body(demo["pages"])
    assert not re.findall(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b", text)
    assert not re.findall(rf"\b0\d\.\s(?:{MONTHS})", text)


def test_the_green_ai_day_record_says_why_it_has_one_date(demo):
    notes = demo["green_ai_day_notes"]
    assert "08.09.2024" in notes and "26. September 2024" in notes and "Sonntag" in notes


# --- Live facts follow the records and the as-of date --------------------------------


def test_changing_a_record_changes_the_pdf(demo):
    before, after = body(demo["pages"]), body(demo["changed"])
    assert "in Zusammenarbeit mit CyberForum e.V. und mit ca. 115 Teilnehmenden" in before
    assert "in Zusammenarbeit mit CyberForum e.V. und mit ca. 150 Teilnehmenden" in after
    assert "ca. 115 Teilnehmenden" not in after


def test_an_earlier_as_of_date_changes_every_stand_and_held_or_planned_word(demo):
    text = body(demo["earlier"])
    assert "Zum aktuellen Stand (30. Juni 2024)" in text
    assert "(19. Februar 2025)" not in text
    assert "Am 30. Oktober 2024 ist das Statustreffen in Reutlingen geplant" in text
    months = {name: index for index, name in enumerate(MONTHS.split("|"), start=1)}
    lead = re.compile(rf"Am (\d{{1,2}})\.(?: und \d{{1,2}}\.)? ({MONTHS}) (\d{{4}}) (fand|ist) ")
    for day, month, year, verb in lead.findall(text):
        date = datetime.date(int(year), months[month], int(day))
        assert (verb == "fand") == (date <= EARLIER), (date, verb)


# --- The started 2025 edition -------------------------------------------------------


def test_the_2025_narratives_hold_no_typed_fact_of_2024():
    for key, narrative in demo_narratives(NEXT_NARRATIVES_FILE).items():
        references, _problems = parse(narrative)
        prose = narrative
        for reference in sorted(references, key=lambda r: r.start, reverse=True):
            prose = prose[: reference.start] + prose[reference.end :]
        prose = re.sub(r"(Arbeitspaket|AP)\s?\d", "", prose)
        # The large-event criteria of the funding application are the only numbers.
        assert set(re.findall(r"\d+", prose)) <= {"100", "6"}, key


def test_the_2025_edition_counts_2025(demo):
    text = body(demo["2025"])
    count = demo["2025_first_contacts"]
    assert "Im Jahr 2025 führten die Community Manager:innen bis zum Stichtag (19. Februar " in text
    assert f"2025) {count} Erstgespräche" in text
    assert "Am 17. Februar 2025 fand das Statustreffen in Karlsruhe statt" in text
    assert "Am 6. und 7. Mai 2025 ist die KI-Challenge" in text
    assert "Auftaktveranstaltung der KI-Allianz Baden-Württemberg in Karlsruhe" not in text
