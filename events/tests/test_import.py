"""Calendar import: Notion export and generic CSV, all or nothing."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.importing import FORMAT_CSV, FORMAT_NOTION, events_import
from events.models import Event, EventKind, EventStatus
from events.tests.factories import EventFactory
from kiallianz.tabular import TableError, xlsx_bytes
from kiallianz.tests.factories import RegionFactory

FIXTURES = Path(__file__).parent / "fixtures"
NOTION = FIXTURES / "notion_calendar.csv"
NOTION_BAD = FIXTURES / "notion_calendar_bad.csv"
GENERIC = FIXTURES / "events_generic.csv"
d = datetime.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db):
    return {
        name: RegionFactory(name=name, slug=name.lower())
        for name in ("Karlsruhe", "Stuttgart", "Freiburg", "Neckar-Alb")
    }


def _import(path: Path, file_format: str = FORMAT_NOTION, **options):
    return events_import(
        data=path.read_bytes(), filename=path.name, file_format=file_format, **options
    )


class TestNotionImport:
    def test_it_imports_english_and_german_dates(self, regions):
        report = _import(NOTION)
        assert report.ok and report.saved
        assert (report.created, report.updated, report.skipped) == (5, 0, 0)
        kickoff = Event.objects.get(title="Auftaktveranstaltung Karlsruhe")
        assert (kickoff.start_date, kickoff.start_time, kickoff.end_time) == (
            d(2024, 3, 13),
            datetime.time(18, 0),
            datetime.time(22, 0),
        )
        assert kickoff.region == regions["Karlsruhe"]
        assert kickoff.kind == EventKind.OWN_EVENT
        assert kickoff.status == EventStatus.HELD
        assert kickoff.actual_participants == 115
        assert kickoff.is_public
        assert kickoff.report_text == "Offizieller Start der KI-Allianz, mit dem CyberForum e.V."
        fair = Event.objects.get(title="Quantum Effects 2024")
        assert (fair.start_date, fair.end_date, fair.kind) == (
            d(2024, 10, 8),
            d(2024, 10, 9),
            EventKind.TRADE_FAIR,
        )
        night = Event.objects.get(title="KI-Night Reutlingen")
        assert (night.start_date, night.start_time) == (d(2024, 11, 14), datetime.time(18, 0))
        assert night.region == regions["Neckar-Alb"]

    def test_it_reads_statuses_internal_kinds_and_statewide_rows(self, regions):
        _import(NOTION)
        meeting = Event.objects.get(title="3. Statustreffen")
        assert (meeting.start_date, meeting.end_date) == (d(2025, 2, 17), d(2025, 2, 18))
        assert meeting.kind == EventKind.STATUS_MEETING
        assert meeting.region is None and meeting.area == Event.Area.STATEWIDE
        assert not meeting.is_public
        challenge = Event.objects.get(title="KI-Challenge Freiburg")
        assert challenge.status == EventStatus.PLANNED
        assert (challenge.expected_participants, challenge.actual_participants) == (40, None)
        assert challenge.is_public  # empty cell: public unless internal

    def test_it_creates_no_duplicates_on_reimport(self, regions):
        _import(NOTION)
        report = _import(NOTION)
        assert (report.created, report.updated, report.skipped) == (0, 0, 5)
        assert Event.objects.count() == 5

    def test_it_updates_a_changed_row_on_reimport(self, regions):
        _import(NOTION)
        changed = NOTION.read_bytes().replace(b",115,", b",120,")
        report = events_import(data=changed, file_format=FORMAT_NOTION)
        assert (report.created, report.updated, report.skipped) == (0, 1, 4)
        kickoff = Event.objects.get(title="Auftaktveranstaltung Karlsruhe")
        assert kickoff.actual_participants == 120
        assert (kickoff.version, kickoff.sequence) == (2, 1)
        assert Event.objects.count() == 5

    def test_it_matches_by_title_start_date_and_region(self, regions):
        EventFactory(
            title="Quantum Effects 2024",
            start_date=d(2024, 10, 8),
            region=regions["Karlsruhe"],
        )
        report = _import(NOTION)
        assert report.created == 5
        assert Event.objects.filter(title="Quantum Effects 2024").count() == 2

    def test_a_bad_row_imports_nothing_and_names_every_error(self, regions):
        report = _import(NOTION_BAD)
        assert not report.saved
        assert not Event.objects.exists()
        messages = {error.row: str(error) for error in report.errors}
        assert sorted(messages) == [3, 5, 6]
        assert "Unbekannte Region „Schwarzwald“" in messages[3]
        assert "Freiburg, Karlsruhe, Neckar-Alb, Stuttgart" in messages[3]
        assert "Spalte „Region“" in messages[3]
        assert "Das Ende liegt vor dem Beginn." in messages[5]
        assert "nicht negativ" in messages[6]

    def test_skip_invalid_imports_the_valid_rows(self, regions):
        report = _import(NOTION_BAD, skip_invalid=True)
        assert report.saved
        assert (report.created, report.skipped) == (2, 3)
        assert set(Event.objects.values_list("title", flat=True)) == {
            "Auftaktveranstaltung Karlsruhe",
            "Quantum Effects 2024",
        }

    def test_a_dry_run_saves_nothing(self, regions):
        report = _import(NOTION, dry_run=True)
        assert report.created == 5
        assert not report.saved
        assert not Event.objects.exists()

    def test_it_refuses_a_public_internal_meeting(self, regions):
        data = 'Name,Date,Art,Öffentlich\nStatustreffen,"May 8, 2024",Kick-off (intern),Yes\n'
        report = events_import(data=data.encode(), file_format=FORMAT_NOTION)
        assert [e.message for e in report.errors] == [
            "Interne Termine können nicht öffentlich sein."
        ]

    def test_it_refuses_the_same_event_twice_in_one_file(self, regions):
        row = 'KI-Night,"May 8, 2024",Karlsruhe,own_event\n'
        data = ("Name,Date,Region,Art\n" + row + row).encode()
        report = events_import(data=data, file_format=FORMAT_NOTION)
        assert [e.row for e in report.errors] == [3]
        assert "Zeile 2" in report.errors[0].message
        assert not Event.objects.exists()

    def test_it_needs_a_title_kind_and_date_column(self, regions):
        with pytest.raises(TableError, match="Pflichtspalte fehlt"):
            events_import(data=b"Name,Ort\nKI-Night,Karlsruhe\n", file_format=FORMAT_NOTION)

    def test_unknown_kind_and_bad_date_are_row_errors(self, regions):
        data = 'Name,Date,Art\nA,"May 8, 2024",Party\nB,gestern,own_event\n'
        report = events_import(data=data.encode(), file_format=FORMAT_NOTION)
        assert [e.row for e in report.errors] == [2, 3]
        assert "Unbekannte Art „Party“" in report.errors[0].message
        assert "keine gültige Datumsangabe" in report.errors[1].message

    def test_model_validation_errors_are_reported_per_row(self, regions):
        data = f'Name,Date,Art\n{"x" * 300},"May 8, 2024",own_event\n'
        report = events_import(data=data.encode(), file_format=FORMAT_NOTION)
        assert len(report.errors) == 1
        assert report.errors[0].column == "Name"
        assert "höchstens 255 Zeichen" in report.errors[0].message


class TestGenericCsvImport:
    def test_it_reads_german_headers_labels_and_times(self, regions):
        report = _import(GENERIC, FORMAT_CSV)
        assert report.ok and report.created == 3
        future = Event.objects.get(title="Digital for Future – Wege zur Transformation")
        assert future.kind == EventKind.OWN_EVENT
        assert (future.start_time, future.end_time) == (datetime.time(14), datetime.time(20))
        assert (future.venue, future.actual_participants) == ("Lokhalle", 100)
        assert future.region == regions["Freiburg"]
        fair = Event.objects.get(title="HANNOVER MESSE 2024")
        assert (fair.start_date, fair.end_date) == (d(2024, 4, 22), d(2024, 4, 26))
        assert fair.region is None and fair.area == Event.Area.STATEWIDE
        workshop = Event.objects.get(start_date=d(2025, 3, 20))
        assert workshop.kind == EventKind.WORKSHOP_NEW_TOPICS
        assert (workshop.status, workshop.expected_participants) == (EventStatus.PLANNED, 25)

    def test_it_accepts_english_headers_and_choice_keys(self, regions):
        data = (
            "title,kind,start,end,region,status,participants,public\n"
            "KI-Night,eigene veranstaltung,2024-05-08,2024-05-07,Karlsruhe,held,-1,maybe\n"
            "Workshop,FUNDING_WORKSHOP,2024-05-08,,Karlsruhe,Held,12,yes\n"
        )
        report = events_import(data=data.encode(), file_format=FORMAT_CSV)
        assert [e.row for e in report.errors] == [2]
        assert report.errors[0].column == "end"
        workshop = events_import(data=data.encode(), file_format=FORMAT_CSV, skip_invalid=True)
        assert workshop.created == 1
        assert Event.objects.get().kind == EventKind.FUNDING_WORKSHOP


class TestImportCommand:
    def test_it_imports_and_prints_the_counts(self, regions, office_user):
        out = StringIO()
        call_command(
            "import_events", str(NOTION), "--format", "notion", "--user", "office", stdout=out
        )
        assert "5 angelegt, 0 aktualisiert, 0 übersprungen" in out.getvalue()
        assert set(Event.objects.values_list("created_by__username", flat=True)) == {"office"}

    def test_it_fails_with_the_row_errors_when_a_row_is_bad(self, regions):
        err = StringIO()
        with pytest.raises(CommandError, match="Nichts importiert: 3 fehlerhafte"):
            call_command(
                "import_events",
                str(NOTION_BAD),
                "--format",
                "notion",
                stdout=StringIO(),
                stderr=err,
            )
        assert "Zeile 3, Spalte „Region“" in err.getvalue()
        assert "Zeile 5" in err.getvalue() and "Zeile 6" in err.getvalue()
        assert not Event.objects.exists()

    def test_a_dry_run_lists_errors_and_saves_nothing(self, regions):
        err = StringIO()
        with pytest.raises(CommandError):
            call_command(
                "import_events",
                str(NOTION_BAD),
                "--format",
                "notion",
                "--dry-run",
                stdout=StringIO(),
                stderr=err,
            )
        assert "Zeile 3" in err.getvalue()
        out = StringIO()
        call_command("import_events", str(NOTION), "--format", "notion", "--dry-run", stdout=out)
        assert "Probelauf, nichts gespeichert: 5 würden angelegt" in out.getvalue()
        assert not Event.objects.exists()

    def test_skip_invalid_imports_the_rest(self, regions):
        out = StringIO()
        call_command(
            "import_events",
            str(NOTION_BAD),
            "--format",
            "notion",
            "--skip-invalid",
            stdout=out,
            stderr=StringIO(),
        )
        assert "2 angelegt, 0 aktualisiert, 3 übersprungen" in out.getvalue()
        assert Event.objects.count() == 2

    def test_it_fails_when_every_row_is_invalid_even_with_skip_invalid(self, regions, tmp_path):
        lines = NOTION_BAD.read_text(encoding="utf-8-sig").splitlines()
        only_bad = "\n".join([lines[0], lines[2], lines[4], lines[5]]) + "\n"
        bad_file = tmp_path / "bad.csv"
        bad_file.write_text(only_bad, encoding="utf-8")
        with pytest.raises(CommandError, match="keine gültige Zeile"):
            call_command(
                "import_events",
                str(bad_file),
                "--format",
                "notion",
                "--skip-invalid",
                stdout=StringIO(),
                stderr=StringIO(),
            )
        assert not Event.objects.exists()

    def test_it_refuses_unknown_users_and_missing_files(self, regions):
        with pytest.raises(CommandError, match="Unbekannter Benutzer"):
            call_command("import_events", str(NOTION), "--user", "niemand")
        with pytest.raises(CommandError, match="gibt es nicht"):
            call_command("import_events", "/nicht/da.csv")


class TestXlsxImport:
    def test_it_reads_spreadsheet_dates_and_times(self, regions):
        data = xlsx_bytes(
            [
                (
                    "Termine",
                    ["Titel", "Art", "Beginn", "Ende", "Uhrzeit", "Region", "Teilnehmende"],
                    [
                        [
                            "KI-Night",
                            "Eigene Veranstaltung",
                            d(2024, 11, 14),
                            None,
                            datetime.time(18, 30),
                            "Neckar-Alb",
                            30,
                        ]
                    ],
                )
            ]
        )
        report = events_import(data=data, filename="termine.xlsx", file_format=FORMAT_CSV)
        assert report.ok and report.created == 1
        night = Event.objects.get()
        assert (night.start_date, night.end_date) == (d(2024, 11, 14), d(2024, 11, 14))
        assert night.start_time == datetime.time(18, 30)
        assert night.actual_participants == 30
