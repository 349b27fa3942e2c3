import datetime
import re

import pytest
from django.test import override_settings

from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from reporting.report import fetcher
from reporting.report.exporters import get_exporter
from reporting.report.markdown import render_narrative
from reporting.report.services import section_update
from reporting.tests.factories import TargetFactory, WorkPackageFactory
from reporting.tests.test_report_factories import make_edition, make_photo, pdf_pages

pytestmark = pytest.mark.django_db

CHAPTERS = [
    "1. Einleitung",
    "2. Arbeitspaket 1: Koordination und Projektorganisation",
    "2.1. Jour Fixes, Kick-Off und Projekttreffen",
    "2.2. Monitoring und Berichtswesen",
    "3. Arbeitspaket 2: Netzwerkmanagement",
    "3.1. Erstgespräche",
    "3.2. Planung und Umsetzung der KI-Challenge",
    "3.3. Gewinnung neuer Partner:innen",
    "4. Arbeitspaket 3: Veranstaltungsmanagement und Marketing",
    "4.1. Gemeinsamer Veranstaltungskalender",
    "4.2. Veranstaltungen",
    "4.2.1. Durchgeführte Veranstaltungen nach Standort",
    "4.3. Kommunikation und Öffentlichkeitsarbeit",
    "5. Arbeitspaket 4: Technologietransfer",
    "5.1. Neue Themen und Projektideen",
    "6. Arbeitspaket 5: Internationalisierung",
    "7. Ausblick",
]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.fixture
def report_pdf(region, other_region):
    edition = make_edition()
    long_text = "\n\n".join(["Ein Absatz über die Arbeit in den Regionen. " * 12] * 4)
    for section in edition.sections.all():
        section_update(section=section, version=section.version, narrative=long_text)
    intro = edition.sections.get(key="introduction")
    section_update(
        section=intro,
        version=intro.version,
        narrative="Einleitungstext.\n\n<script>alert('x')</script><b onclick='x()'>fett</b>",
    )
    auftakt = EventFactory(
        title="Auftakt Karlsruhe",
        region=region,
        start_date=datetime.date(2024, 3, 13),
        report_text="Offizieller Startpunkt mit ca. 115 Teilnehmenden.",
    )
    digital = EventFactory(
        title="Digital for Future", region=other_region, start_date=datetime.date(2024, 11, 27)
    )
    fair = EventFactory(
        title="Quantum Effects",
        kind=EventKind.TRADE_FAIR,
        region=region,
        start_date=datetime.date(2024, 10, 8),
    )
    EventFactory(
        title="KI-Hackathon Nordschwarzwald",
        kind=EventKind.HACKATHON,
        region=region,
        start_date=datetime.date(2025, 6, 20),
        status=EventStatus.PLANNED,
    )
    KIChallengeRoundFactory(
        region=region,
        title="KI-Challenge Karlsruhe: Smart Eco-Events",
        theme="Smart Eco-Events",
        start_date=datetime.date(2025, 5, 6),
        end_date=datetime.date(2025, 5, 7),
        venue="Schloss Ettlingen",
        city="Ettlingen",
        report_text="Auftakt im Schloss Ettlingen.",
    )
    EventFactory(
        title="Jahreswechsel-Hackathon",
        kind=EventKind.HACKATHON,
        region=other_region,
        start_date=datetime.date(2024, 12, 30),
        end_date=datetime.date(2025, 1, 2),
    )
    network = WorkPackageFactory(project=edition.project, number=2, title="Netzwerkmanagement")
    TargetFactory(
        work_package=network,
        title="Mindestens 60 Erstgespräche im Jahr 2024",
        target_value=60,
        due_end_of_2024=True,
    )
    TargetFactory(
        work_package=WorkPackageFactory(project=edition.project, number=1, title="Koordination"),
        title="Monitoring-Konzept liegt vor",
        manual_done=True,
    )
    make_photo(auftakt, caption="Erstes Gruppenfoto", position=0)
    make_photo(auftakt, caption="Vorstellung der KI-Allianz", position=1)
    make_photo(digital, caption="Podiumsdiskussion Digital for Future")
    make_photo(fair, caption="Am Stand der Quantum Effects", missing=True)
    _filename, mimetype, content, warnings = get_exporter("pdf").render_with_warnings(
        edition, edition.as_of
    )
    assert mimetype == "application/pdf"
    return content, warnings


def test_it_renders_the_cover_and_chapters_in_order(report_pdf):
    content, _warnings = report_pdf
    pages = pdf_pages(content)
    assert content.startswith(b"%PDF")
    assert "Zwischenverwendungsnachweis" in pages[0] and "VorgangID 2782027" in pages[0]
    assert "Anlage 1" in pages[0]
    body = _flat(" ".join(pages[2:]))
    positions = [body.find(chapter) for chapter in CHAPTERS]
    assert all(p >= 0 for p in positions), dict(zip(CHAPTERS, positions, strict=True))
    assert positions == sorted(positions)


def test_it_prints_toc_page_numbers_matching_the_headings(report_pdf):
    pages = pdf_pages(report_pdf[0])
    toc_entries = {}
    for line in _lines(pages[1]):
        match = re.match(r"^(\d+(?:\.\d+)*\. .+?) ?\.{3,} ?(\d+)$", line)
        if match:
            toc_entries[match.group(1).strip()] = int(match.group(2))
    assert set(toc_entries) == set(CHAPTERS)
    for chapter, page_number in toc_entries.items():
        heading_pages = [
            index + 1 for index, text in enumerate(pages) if index >= 2 and chapter in _flat(text)
        ]
        assert heading_pages == [page_number], chapter
    assert len(set(toc_entries.values())) > 3  # really spread over pages


def test_it_numbers_figures_continuously_and_marks_a_missing_one(report_pdf):
    content, warnings = report_pdf
    text = " ".join(" ".join(pdf_pages(content)).split())
    numbers = [int(n) for n in re.findall(r"Bild (\d+):", text)]
    assert numbers == [1, 2, 3, 4]
    assert "Bild 1: Erstes Gruppenfoto" in text
    assert "Bild 4: Am Stand der Quantum Effects" in text
    assert "Bild nicht verfügbar" in text
    assert any("Bilddatei fehlt" in warning for warning in warnings)


def test_it_shows_facts_headers_footers_and_german_dates(report_pdf):
    pages = pdf_pages(report_pdf[0])
    text = " ".join(" ".join(pages).split())
    assert "13. März 2024" in text
    assert "Offizieller Startpunkt mit ca. 115 Teilnehmenden." in text
    assert "KI-Hackathon Nordschwarzwald" in text and "geplant" in text
    assert "Stichtag der Zahlen: 19. Februar 2025" in text
    assert f"Seite 3 von {len(pages)}" in pages[2]
    assert "Community Management" in pages[3]  # running header


def test_it_prints_the_target_status_with_german_labels(report_pdf):
    text = _flat(" ".join(pdf_pages(report_pdf[0])))
    table = text[text.find("2.2. Monitoring und Berichtswesen", text.find("2.2. Monitoring") + 1) :]
    assert "Ziele Arbeitspaket 1: Koordination" in table
    assert "Monitoring-Konzept liegt vor" in table and "erledigt" in table and "erreicht" in table
    assert "Ziele Arbeitspaket 2: Netzwerkmanagement" in table
    assert "Mindestens 60 Erstgespräche im Jahr 2024" in table and "verfehlt" in table
    # The first-contact block names the target too.
    assert "Ziel laut Förderantrag: Mindestens 60 Erstgespräche im Jahr 2024" in text


def test_it_writes_ki_challenge_rounds_and_date_ranges_like_the_source_report(report_pdf):
    text = _flat(" ".join(pdf_pages(report_pdf[0])))
    assert (
        "Karlsruhe: 6.–7. Mai 2025, Schloss Ettlingen, Thema „Smart Eco-Events“ (geplant)" in text
    )
    assert text.count("Smart Eco-Events") == 1
    assert "Auftakt im Schloss Ettlingen." in text
    assert "30. Dezember 2024 – 2. Januar 2025" in text


def test_it_strips_script_and_html_from_narratives(report_pdf):
    text = " ".join(pdf_pages(report_pdf[0]))
    assert "Einleitungstext." in text
    assert "alert" not in text and "<script>" not in text


def test_it_sanitises_markdown_narratives():
    html = render_narrative(
        "**fett** <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[Link](javascript:alert(1))"
    )
    assert "<strong>fett</strong>" in html
    assert "script" not in html and "onerror" not in html and "javascript" not in html
    assert "<img" not in html


def test_it_exports_the_figures_as_a_workbook(region):
    import io

    from openpyxl import load_workbook

    edition = make_edition()
    EventFactory(title="Auftakt Karlsruhe", region=region, start_date=datetime.date(2024, 3, 13))
    TargetFactory(
        work_package=WorkPackageFactory(project=edition.project, number=2),
        title="Zehn Erstgespräche",
    )
    filename, mimetype, content = get_exporter("xlsx").render(edition, edition.as_of)
    assert filename.endswith(".xlsx") and "spreadsheetml" in mimetype
    workbook = load_workbook(io.BytesIO(content))
    assert len(workbook.sheetnames) == sum(
        len(section.block_keys) for section in edition.sections.all()
    )
    sheet = next(ws for ws in workbook.worksheets if ws.title.startswith("4.2.1"))
    assert [cell.value for cell in sheet[2]][2] == "Auftakt Karlsruhe"
    targets = next(ws for ws in workbook.worksheets if ws.title.startswith("2.2"))
    assert [cell.value for cell in targets[1]][:2] == ["Arbeitspaket", "Ziel"]
    assert [cell.value for cell in targets[2]][1:3] == [
        "Zehn Erstgespräche",
        datetime.datetime.combine(edition.project.end_date, datetime.time()),
    ]


class TestUrlFetcher:
    def test_it_refuses_network_urls(self):
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch("http://example.com/logo.png")
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch("https://example.com/static/reporting/report.css")

    def test_it_refuses_file_urls(self):
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch("file:///etc/passwd")

    def test_it_refuses_paths_outside_media_root(self, settings, tmp_path):
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch(f"{fetcher.BASE_URL}media/../../../../etc/passwd")
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch(f"{fetcher.BASE_URL}media/%2e%2e/%2e%2e/etc/passwd")
        with pytest.raises(fetcher.RefusedURL):
            fetcher.ReportURLFetcher().fetch(f"{fetcher.BASE_URL}etc/passwd")

    def test_it_serves_our_static_and_media_files(self, settings, tmp_path):
        response = fetcher.ReportURLFetcher().fetch(
            f"{fetcher.BASE_URL}static/reporting/report.css"
        )
        assert b"@page" in response.read()
        media = tmp_path / "media-root"
        (media / "events").mkdir(parents=True)
        (media / "events" / "a.jpg").write_bytes(b"jpeg")
        with override_settings(MEDIA_ROOT=str(media)):
            response = fetcher.ReportURLFetcher().fetch(f"{fetcher.BASE_URL}media/events/a.jpg")
            assert response.read() == b"jpeg"
