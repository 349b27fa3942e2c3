"""Live values and placed blocks in the narratives (issue 10, items 1 and 2)."""

import datetime

import pytest

from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory
from reporting.models import Target
from reporting.report import values
from reporting.report.blocks import ReportContext
from reporting.report.narrative import check
from reporting.report.references import parse
from reporting.report.selectors import report_document
from reporting.report.services import section_update
from reporting.tests.factories import TargetFactory, WorkPackageFactory
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 2, 19)


def _write(edition, key, text):
    section = edition.sections.get(key=key)
    return section_update(section=section, version=section.version, narrative=text)


def _document(edition, as_of=None):
    return report_document(edition=edition, as_of=as_of)


def _section(document, key):
    return next(item for item in document.sections if item.section.key == key)


def _html(document, key):
    return str(_section(document, key).narrative_html)


# --- Parsing ------------------------------------------------------------------


def test_it_parses_values_with_arguments_and_positions():
    references, problems = parse(
        "Erste Zeile.\n"
        "Wir führten [[wert:erstgespraeche region=karlsruhe zeitraum=gesamt]] Gespräche."
    )
    assert problems == []
    [reference] = references
    assert (reference.kind, reference.key) == ("wert", "erstgespraeche")
    assert reference.args == {"region": "karlsruhe", "zeitraum": "gesamt"}
    assert (reference.position.line, reference.position.column) == (2, 13)


def test_it_reads_quoted_arguments():
    [reference], _problems = parse('[[wert:ziel key="mindestens-120" feld=status]]')
    assert reference.args == {"key": "mindestens-120", "feld": "status"}


def test_it_names_line_and_column_of_an_unknown_value_in_german():
    _references, problems = check("Text.\n\nSeit [[wert:erstgespraeche_jahr]] Tagen.")
    [problem] = problems
    assert (problem.position.line, problem.position.column) == (3, 6)
    assert "Unbekannter Wert „erstgespraeche_jahr“" in problem.message
    assert "Meinten Sie „erstgespraeche“?" in problem.message
    assert problem.describe().startswith("Zeile 3, Spalte 6: ")


def test_it_refuses_a_bad_argument_value_naming_the_allowed_ones(region):
    _references, problems = check("[[wert:erstgespraeche region=mars zeitraum=ewig]]")
    [problem] = problems
    assert "„mars“ ist kein erlaubter Wert für „region“. Erlaubt: karlsruhe." in problem.message
    assert "„ewig“ ist kein erlaubter Wert für „zeitraum“" in problem.message


def test_it_refuses_an_argument_the_value_does_not_know():
    _references, problems = check("[[wert:stichtag region=karlsruhe]]")
    assert "„stichtag“ kennt kein Argument „region“" in problems[0].message


def test_it_reports_an_unclosed_reference_and_an_unknown_kind():
    _references, problems = check("Am [[wert:stichtag und\n[[zahl:x]]")
    messages = [problem.message for problem in problems]
    assert any("„[[“ ohne schließendes „]]“" in message for message in messages)
    assert any("keine gültige Angabe" in message for message in messages)


def test_it_requires_a_block_to_stand_alone_on_its_line():
    _references, problems = check("Siehe [[block:meetings]] unten.")
    assert "Ein Block muss allein in einer eigenen Zeile stehen" in problems[0].message


def test_it_refuses_an_unknown_block_and_an_argument_the_block_lacks():
    _references, problems = check("[[block:treffen]]\n\n[[block:target_status region=x]]")
    assert "Unbekannter Block „treffen“" in problems[0].message
    assert "„target_status“ kennt kein Argument „region“" in problems[1].message


# --- Values -----------------------------------------------------------------------


def test_it_formats_german_dates_and_numbers():
    assert values.format_date(datetime.date(2025, 2, 19)) == "19. Februar 2025"
    assert values.format_date(datetime.date(2024, 3, 1)) == "1. März 2024"
    assert values.format_number(1234567) == "1.234.567"
    assert values.format_number(42) == "42"


def test_it_counts_first_contacts_per_year_total_and_region(region, other_region):
    edition = make_edition()
    karlsruhe = OrganisationFactory(region=region)
    FirstContactFactory(organisation=karlsruhe, region=region, date=datetime.date(2024, 3, 1))
    FirstContactFactory(organisation=karlsruhe, region=region, date=datetime.date(2023, 11, 2))
    FirstContactFactory(region=other_region, date=datetime.date(2024, 7, 1))
    FirstContactFactory(region=other_region, date=datetime.date(2025, 1, 10))
    ctx = ReportContext(edition=edition, as_of=AS_OF)
    assert values.compute("erstgespraeche", ctx).number == 2
    assert values.compute("erstgespraeche", ctx, zeitraum="gesamt").number == 4
    assert values.compute("erstgespraeche", ctx, region="karlsruhe").number == 1
    assert values.compute("erstgespraeche", ctx, region="freiburg", zeitraum="gesamt").number == 2


def test_it_counts_events_held_and_planned_relative_to_the_as_of_date(region, other_region):
    edition = make_edition()
    EventFactory(region=region, start_date=datetime.date(2024, 3, 13))
    EventFactory(region=other_region, start_date=datetime.date(2024, 11, 27))
    EventFactory(region=region, kind=EventKind.TRADE_FAIR, start_date=datetime.date(2024, 10, 8))
    EventFactory(
        region=region, kind=EventKind.STATUS_MEETING, start_date=datetime.date(2024, 10, 30)
    )
    # Held in the records, but after an earlier as-of date it is planned.
    EventFactory(region=region, start_date=datetime.date(2025, 2, 1))
    EventFactory(region=region, start_date=datetime.date(2025, 6, 1), status=EventStatus.PLANNED)
    ctx = ReportContext(edition=edition, as_of=AS_OF)
    assert values.compute("veranstaltungen", ctx).number == 3
    assert values.compute("veranstaltungen", ctx, zeitraum="bis_stichtag").number == 4
    assert values.compute("veranstaltungen", ctx, art="own_event", region="karlsruhe").number == 1
    assert values.compute("veranstaltungen", ctx, art="status_meeting").number == 1
    assert values.compute("veranstaltungen", ctx, status="geplant").number == 1
    earlier = ReportContext(edition=edition, as_of=datetime.date(2024, 12, 31))
    assert values.compute("veranstaltungen", earlier, status="geplant").number == 2


def test_it_gives_a_targets_status_and_value(region):
    edition = make_edition()
    package = WorkPackageFactory(project=edition.project, number=2)
    TargetFactory(
        work_package=package,
        title="Mindestens 2 Erstgespräche",
        metric_key="first_contacts",
        target_value=2,
        due_kind=Target.DueKind.END,
    )
    FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
    FirstContactFactory(region=region, date=datetime.date(2024, 4, 1))
    ctx = ReportContext(edition=edition, as_of=AS_OF)
    key = "mindestens-2-erstgesprache"
    assert values.compute("ziel", ctx, key=key, feld="wert").text == "2"
    assert values.compute("ziel", ctx, key=key, feld="status").text == "erreicht"
    assert values.compute("ziel", ctx, key=key, feld="faellig").text == "30. September 2026"


def test_the_cheat_sheet_lists_every_value_with_its_arguments(region):
    sheet = {entry["key"]: entry for entry in values.cheat_sheet()}
    assert {"stichtag", "erstgespraeche", "partner_aktiv", "veranstaltungen", "ziel"} <= set(sheet)
    region_arg = next(a for a in sheet["erstgespraeche"]["args"] if a["name"] == "region")
    assert ("karlsruhe", "Karlsruhe") in region_arg["choices"]


# --- In the document --------------------------------------------------------------


def test_rendering_at_another_as_of_date_changes_every_stand(region):
    edition = make_edition()
    _write(
        edition,
        "introduction",
        "Stand: [[wert:stichtag]].\n\nZum aktuellen Stand ([[wert:stichtag]]) gab es "
        "[[wert:erstgespraeche zeitraum=bis_stichtag]] Erstgespräche.",
    )
    FirstContactFactory(region=region, date=datetime.date(2024, 12, 1))
    FirstContactFactory(region=region, date=datetime.date(2025, 1, 15))
    late = _html(_document(edition), "introduction")
    early = _html(_document(edition, as_of=datetime.date(2024, 12, 31)), "introduction")
    assert late.count("19. Februar 2025") == 2
    assert "31. Dezember 2024" not in late
    assert early.count("31. Dezember 2024") == 2
    assert "19. Februar 2025" not in early
    assert '<span class="live-value">2</span> Erstgespräche' in late
    assert '<span class="live-value">1</span> Erstgespräche' in early


def test_a_changed_record_changes_the_prose(region):
    edition = make_edition()
    _write(edition, "ap3", "Insgesamt [[wert:teilnehmende]] Teilnehmende.")
    event = EventFactory(region=region, actual_participants=115)
    assert "115</span> Teilnehmende" in _html(_document(edition), "ap3")
    event.actual_participants = 150
    event.save(update_fields=["actual_participants"])
    assert "150</span> Teilnehmende" in _html(_document(edition), "ap3")


def test_values_are_escaped_and_markdown_stays_sanitised(region):
    edition = make_edition()
    package = WorkPackageFactory(project=edition.project, number=1)
    TargetFactory(work_package=package, title="<script>alert(1)</script> Ziel")
    _write(
        edition,
        "introduction",
        "**Ziel:** [[wert:ziel key=scriptalert1script-ziel feld=titel]] <script>x()</script>",
    )
    html = _html(_document(edition), "introduction")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ziel" in html
    assert "<strong>Ziel:</strong>" in html


def test_a_bad_reference_shows_a_visible_german_error_and_a_warning():
    edition = make_edition()
    _write(edition, "ap1", "Wir hatten [[wert:kontakte]] Kontakte.")
    document = _document(edition)
    html = _html(document, "ap1")
    assert "[[wert:kontakte]]" not in html
    assert '<span class="reference-error">[Fehler: Unbekannter Wert „kontakte“.' in html
    assert any(
        warning.startswith(
            "Abschnitt 2. Arbeitspaket 1: Koordination und Projektorganisation, "
            "Zeile 1, Spalte 12: Unbekannter Wert „kontakte“"
        )
        for warning in document.warnings
    )


def test_a_block_placed_in_the_prose_renders_there_and_is_not_appended_again(region, other_region):
    edition = make_edition()
    EventFactory(title="Auftakt Karlsruhe", region=region, start_date=datetime.date(2024, 3, 13))
    EventFactory(
        title="Digital for Future", region=other_region, start_date=datetime.date(2024, 11, 27)
    )
    _write(
        edition,
        "ap3-events-by-region",
        "Vor der Liste.\n\n[[block:events_by_region region=freiburg]]\n\nNach der Liste.",
    )
    document = _document(edition)
    section = _section(document, "ap3-events-by-region")
    kinds = ["block" if part.block else "text" for part in section.parts]
    assert kinds == ["text", "block", "text"]
    [placed] = [part.block for part in section.parts if part.block]
    assert placed.args == {"region": "freiburg"}
    titles = [e.title for group in placed.data["groups"] for e in group["held"]]
    assert titles == ["Digital for Future"]
    # The section still lists events_by_region in block_keys; it is placed, so not appended.
    assert section.appended == []
    assert "Nach der Liste." in str(section.parts[2].html)


def test_block_keys_still_append_blocks_not_placed_in_the_prose(region):
    edition = make_edition()
    EventFactory(title="Kick-off", kind=EventKind.KICK_OFF, start_date=datetime.date(2024, 5, 8))
    document = _document(edition)
    section = _section(document, "ap1-meetings")
    assert [block.key for block in section.appended] == ["meetings"]
    assert [block.key for block in section.blocks] == ["meetings"]


def test_a_placed_block_filters_by_kind_and_status(region):
    edition = make_edition()
    EventFactory(title="Messe", kind=EventKind.TRADE_FAIR, region=region)
    EventFactory(title="Vortrag", kind=EventKind.TALK, region=region)
    EventFactory(
        title="Messe 2025",
        kind=EventKind.TRADE_FAIR,
        region=region,
        start_date=datetime.date(2025, 5, 1),
        status=EventStatus.PLANNED,
    )
    _write(edition, "ap3-communication", "[[block:events art=trade_fair status=geplant]]")
    section = _section(_document(edition), "ap3-communication")
    [block] = [part.block for part in section.parts if part.block]
    assert block.data["held"] == []
    assert [event.title for event in block.data["planned"]] == ["Messe 2025"]


def test_the_pdf_html_carries_resolved_values_and_placed_blocks(region):
    from reporting.report.rendering import render_html

    edition = make_edition()
    EventFactory(title="Auftakt Karlsruhe", region=region, start_date=datetime.date(2024, 3, 13))
    _write(
        edition,
        "ap3-events",
        "Bis zum [[wert:stichtag]] fanden [[wert:veranstaltungen]] Veranstaltungen statt:\n\n"
        "[[block:events region=karlsruhe]]",
    )
    html = render_html(_document(edition))
    assert 'Bis zum <span class="live-value">19. Februar 2025</span> fanden' in html
    assert "Auftakt Karlsruhe" in html
    assert "[[" not in html


def test_the_xlsx_has_a_sheet_per_placed_block(region):
    import io

    from openpyxl import load_workbook

    from reporting.report.exporters import get_exporter

    edition = make_edition()
    _write(
        edition,
        "ap1-meetings",
        "[[block:meetings status=durchgefuehrt]]\n\nGeplant:\n\n[[block:meetings status=geplant]]",
    )
    _name, _mime, content = get_exporter("xlsx").render(edition, AS_OF)
    titles = load_workbook(io.BytesIO(content)).sheetnames
    meeting_sheets = [title for title in titles if title.startswith("2.1 ")]
    assert meeting_sheets == ["2.1 durchgefuehrt Interne Treff", "2.1 geplant Interne Treffen (Ki"]
