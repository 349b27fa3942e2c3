import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from contacts.importing import contacts_import, import_template_csv
from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.history import history_actor
from kiallianz.tabular import xlsx_bytes
from kiallianz.tests.factories import CommunityManagerFactory, OfferFactory

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[2]


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _counts():
    return Organisation.objects.count(), Person.objects.count(), FirstContact.objects.count()


@pytest.fixture
def regions(region, other_region):
    OfferFactory(name="KI-Challenge", slug="ki-challenge")
    return region, other_region


def test_it_imports_the_messy_german_excel_csv_with_skip_invalid(regions, cm_user):
    report = contacts_import(
        data=(FIXTURES / "excel-german.csv").read_bytes(),
        filename="excel-german.csv",
        user=cm_user,
        skip_invalid=True,
    )
    assert report.saved
    assert [(e.row, e.column) for e in report.errors] == [(5, "Firma")]
    assert "Organisation fehlt" in report.errors[0].message
    mueller = Organisation.objects.get(normalized_name="mueller praezisionstechnik")
    assert mueller.name == "Müller Präzisionstechnik GmbH"
    assert mueller.region.name == "Karlsruhe"
    juergen = Person.objects.get(email="j.mueller@mueller-praezision.de")
    assert (juergen.first_name, juergen.last_name, juergen.organisation) == (
        "Jürgen",
        "Müller",
        mueller,
    )
    # Two persons of the same organisation on the same day: one meeting.
    contact = FirstContact.objects.get(organisation=mueller)
    assert contact.date == datetime.date(2024, 3, 12)
    assert set(contact.persons.values_list("last_name", flat=True)) == {"Müller", "Schäfer"}
    assert contact.occasion == FirstContact.Occasion.TRADE_FAIR
    assert "„KI-Challenge“" in contact.content
    assert contact.community_manager == cm_user
    strassenbau = Organisation.objects.get(name="Straßenbau Öhringen e.V.")
    assert strassenbau.region.name == "Freiburg"
    assert not strassenbau.first_contacts.exists()
    assert report.counts["organisations"].created == 3
    assert report.counts["first_contacts"].created == 2
    assert report.counts["first_contacts"].updated == 1


def test_it_imports_nothing_when_a_row_is_invalid(regions, cm_user):
    report = contacts_import(
        data=(FIXTURES / "excel-german.csv").read_bytes(), filename="x.csv", user=cm_user
    )
    assert not report.saved
    assert report.invalid_rows == 1
    assert _counts() == (0, 0, 0)


def test_it_reads_windows_1252_with_commas(regions, cm_user):
    report = contacts_import(
        data=(FIXTURES / "windows-1252.csv").read_bytes(), filename="alt.csv", user=cm_user
    )
    assert report.ok and report.saved
    person = Person.objects.get(email="renee@suesswaren.de")
    assert (person.first_name, person.last_name) == ("Renée", "Größ")
    assert "5 €" in FirstContact.objects.get(organisation__name="Bäckerei Schwäbisch KG").content


def test_it_reads_xlsx_with_real_dates(regions, cm_user):
    data = xlsx_bytes(
        [
            (
                "Kontakte",
                ["Unternehmen", "Vorname", "Name", "Mail", "Date", "PLZ", "Telefon"],
                [
                    [
                        "Ölmühle Ulm GmbH",
                        "Eva",
                        "Öz",
                        "eva@oelmuehle.de",
                        datetime.date(2024, 2, 1),
                        79098,
                        # Excel drops the leading zero of "0721 123456".
                        721123456,
                    ],
                ],
            )
        ]
    )
    report = contacts_import(data=data, filename="kontakte.xlsx", user=cm_user)
    assert report.saved, report.errors
    organisation = Organisation.objects.get()
    assert organisation.postcode == "79098"
    contact = FirstContact.objects.get()
    assert contact.date == datetime.date(2024, 2, 1)
    assert contact.region.name == "Karlsruhe"  # the importing user's region
    assert contact.persons.get().phone == "+49 721 123456"


def test_it_creates_no_duplicates_on_reimport(regions, cm_user):
    data = (FIXTURES / "excel-german.csv").read_bytes()
    contacts_import(data=data, user=cm_user, skip_invalid=True)
    before = _counts()
    report = contacts_import(data=data, user=cm_user, skip_invalid=True)
    assert _counts() == before
    assert report.created == 0 and report.updated == 0
    assert report.counts["first_contacts"].skipped == 3


def test_it_matches_existing_records_by_normalised_name_and_email(regions, cm_user):
    organisation = OrganisationFactory(name="Maddox AI GmbH", city="")
    person = PersonFactory(email="Anna@Maddox.ai", organisation=organisation, phone="")
    FirstContactFactory(organisation=organisation, date=datetime.date(2024, 1, 5), persons=[person])
    report = contacts_import(
        data=_csv(
            "Organisation,E-Mail,Vorname,Nachname,Telefon,Ort,Datum",
            "maddox-ai gmbh,anna@maddox.ai,Anna,Alt,0711 123456,Stuttgart,05.01.2024",
        ),
        user=cm_user,
    )
    assert report.saved
    assert _counts() == (1, 1, 1)
    organisation.refresh_from_db()
    person.refresh_from_db()
    assert organisation.city == "Stuttgart"  # empty values are filled in
    assert person.phone == "+49 711 123456"  # normalised like in the forms
    assert person.last_name != "Alt"  # existing values are never overwritten
    assert report.counts["organisations"].updated == 1
    assert report.counts["first_contacts"].skipped == 1


def test_it_takes_the_community_manager_column_over_the_user(regions, office_user):
    other = CommunityManagerFactory(username="cm-freiburg", first_name="Fritz", last_name="Frei")
    report = contacts_import(
        data=_csv(
            "Organisation;Datum;Region;Community Manager",
            "A GmbH;01.02.2024;Freiburg;Fritz Frei",
            "B GmbH;01.02.2024;Freiburg;cm-freiburg",
            "C GmbH;01.02.2024;Freiburg;",
        ),
        user=office_user,
    )
    assert report.saved
    managers = dict(FirstContact.objects.values_list("organisation__name", "community_manager"))
    assert managers == {"A GmbH": other.pk, "B GmbH": other.pk, "C GmbH": office_user.pk}


def test_it_imports_offers_and_potentials(regions, cm_user):
    OfferFactory(name="Datenplattform", slug="datenplattform")
    report = contacts_import(data=import_template_csv(), user=cm_user)
    assert report.ok, report.errors
    contact = FirstContact.objects.get()
    assert set(contact.offers.values_list("name", flat=True)) == {"KI-Challenge", "Datenplattform"}
    assert set(contact.potentials.values_list("potential", flat=True)) == {
        "speaker",
        "member_prospect",
    }
    assert contact.community_manager == cm_user


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (";01.02.2024;Karlsruhe;", "Organisation", "Der Name der Organisation fehlt."),
        (
            "A GmbH;01.02.2024;Mars;",
            "Region",
            "Unbekannte Region „Mars“. Erlaubt: Freiburg, Karlsruhe.",
        ),
        (
            "A GmbH;01.02.2024;;kaputt@;Muster",
            "E-Mail",
            "„kaputt@“ ist keine gültige E-Mail-Adresse.",
        ),
        ("A GmbH;01.02.2099;;", "Datum", "Ein Erstgespräch kann nicht in der Zukunft liegen."),
        (
            "A GmbH;31.02.2024;;",
            "Datum",
            "„31.02.2024“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).",
        ),
        (
            "A GmbH;01.02.2024;;;" + "M" * 121,
            "Nachname",
            "Bitte sicherstellen, dass der Wert aus höchstens 120 Zeichen besteht. "
            "(Er besteht aus 121 Zeichen.)",
        ),
    ],
)
def test_it_reports_bad_input_in_german_and_saves_nothing(regions, cm_user, line, column, message):
    report = contacts_import(
        data=_csv("Organisation;Datum;Region;E-Mail;Nachname", "Gute GmbH;01.02.2024;;", line),
        user=cm_user,
    )
    assert not report.saved
    assert [(e.row, e.column, e.message) for e in report.errors] == [(3, column, message)]
    assert _counts() == (0, 0, 0)


def test_it_needs_a_region_for_a_first_contact(office_user, region):
    report = contacts_import(data=_csv("Organisation;Datum", "A GmbH;01.02.2024"), user=office_user)
    assert not report.saved
    assert "Keine Region" in report.errors[0].message


def test_dry_run_reports_counts_and_saves_nothing(regions, cm_user):
    report = contacts_import(
        data=(FIXTURES / "windows-1252.csv").read_bytes(), user=cm_user, dry_run=True
    )
    assert report.dry_run and report.ok and not report.saved
    assert report.counts["first_contacts"].created == 2
    assert _counts() == (0, 0, 0)


def test_it_refuses_a_file_without_organisation_column(regions, cm_user):
    with pytest.raises(ValidationError, match="Spalte „Organisation“ fehlt"):
        contacts_import(data=_csv("Name,Datum", "x,01.01.2024"), user=cm_user)


def test_the_documented_template_is_the_downloadable_one():
    assert (PROJECT / "docs" / "import-template.csv").read_bytes() == import_template_csv()


def _rows(count: int, start: int = 0) -> bytes:
    return _csv(
        "Organisation;Vorname;Nachname;E-Mail;Telefon;Datum;Region;Angebote;Potenzial",
        *(
            f"Firma {n};V;N{n};p{n}@example.com;0721 {n:06d};01.02.2024;Karlsruhe;"
            "KI-Challenge;Speaker"
            for n in range(start, start + count)
        ),
    )


@pytest.mark.parametrize("dry_run", [True, False])
def test_it_runs_the_same_queries_for_5_and_for_30_rows(regions, cm_user, dry_run):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        contacts_import(data=_rows(5), user=cm_user, dry_run=dry_run)
    with CaptureQueriesContext(connection) as large:
        contacts_import(data=_rows(30, start=100), user=cm_user, dry_run=dry_run)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_it_matches_across_chunks(regions, cm_user, monkeypatch):
    monkeypatch.setattr("contacts.importing.service.CHUNK_ROWS", 2)
    report = contacts_import(
        data=_csv(
            "Organisation;Ort;Vorname;Nachname;E-Mail;Datum",
            "Alpha GmbH;;Ada;A;ada@alpha.de;01.02.2024",
            "Beta GmbH;;Bea;B;bea@beta.de;01.02.2024",
            "alpha gmbh;Ulm;Ada;A;ada@alpha.de;01.02.2024",
            "Alpha GmbH;;Alf;A;alf@alpha.de;01.02.2024",
            "Alpha GmbH;;Ada;A;ada@alpha.de;02.02.2024",
        ),
        user=cm_user,
    )
    assert report.saved, report.errors
    assert _counts() == (2, 3, 3)
    alpha = Organisation.objects.get(name="Alpha GmbH")
    assert alpha.city == "Ulm"
    assert alpha.version == 2  # filled in from a later chunk: a new version
    meeting = FirstContact.objects.get(organisation=alpha, date=datetime.date(2024, 2, 1))
    assert set(meeting.persons.values_list("first_name", flat=True)) == {"Ada", "Alf"}
    assert report.counts["organisations"].updated == 1
    assert report.counts["first_contacts"].updated == 1
    assert report.counts["first_contacts"].skipped == 1


def test_a_reimport_in_chunks_changes_nothing(regions, cm_user, monkeypatch):
    monkeypatch.setattr("contacts.importing.service.CHUNK_ROWS", 7)
    contacts_import(data=_rows(20), user=cm_user)
    before = _counts()
    contact = FirstContact.objects.order_by("id").first()
    assert contact.persons.count() == 1
    assert set(contact.offers.values_list("slug", flat=True)) == {"ki-challenge"}
    assert list(contact.potentials.values_list("potential", flat=True)) == ["speaker"]
    report = contacts_import(data=_rows(20), user=cm_user)
    assert _counts() == before == (20, 20, 20)
    assert report.created == 0 and report.updated == 0


def test_it_normalises_phones_like_the_forms_and_names_a_bad_one(regions, cm_user):
    report = contacts_import(
        data=_csv(
            "Organisation;Nachname;Telefon",
            "A GmbH;Muster;0721 123456",
            "B GmbH;Kaputt;0711 1",
        ),
        user=cm_user,
    )
    assert not report.saved
    assert [(e.row, e.column) for e in report.errors] == [(3, "Telefon")]
    assert "keine gültige Telefonnummer" in report.errors[0].message
    assert _counts() == (0, 0, 0)


def test_skip_invalid_leaves_out_the_whole_invalid_row(regions, cm_user):
    report = contacts_import(
        data=_csv(
            "Organisation;Nachname;Telefon;Datum",
            "A GmbH;Muster;0721 123456;01.02.2024",
            "B GmbH;Kaputt;0711 1;01.02.2024",
        ),
        user=cm_user,
        skip_invalid=True,
    )
    assert report.saved and report.invalid_rows == 1
    assert list(Organisation.objects.values_list("name", flat=True)) == ["A GmbH"]
    assert Person.objects.get().phone == "+49 721 123456"


def test_it_refuses_a_file_over_the_row_cap_while_reading(regions, cm_user, monkeypatch):
    monkeypatch.setattr("kiallianz.tabular.MAX_IMPORT_ROWS", 3)
    with pytest.raises(ValidationError, match="mehr als 3 Zeilen"):
        contacts_import(data=_rows(5), user=cm_user)
    assert _counts() == (0, 0, 0)


def test_it_reads_back_cells_guarded_against_formula_injection(regions, cm_user):
    contacts_import(
        data=_csv("Organisation;Nachname;Telefon", "A GmbH;Muster;'+49 721 123456"), user=cm_user
    )
    assert Person.objects.get().phone == "+49 721 123456"


def test_it_records_the_history_of_every_imported_record(regions, cm_user):
    with history_actor(user=cm_user):
        contacts_import(
            data=(FIXTURES / "excel-german.csv").read_bytes(),
            filename="excel-german.csv",
            user=cm_user,
            skip_invalid=True,
        )
    for model in (Organisation, Person, FirstContact):
        created = model.history.filter(history_type="+")
        assert created.count() == model.objects.count() > 0
        assert set(created.values_list("id", flat=True)) == set(
            model.objects.values_list("id", flat=True)
        )
        # Each history row holds what the record was inserted with.
        tracked = [field.attname for field in created.model.tracked_fields]
        stored = {row[0]: row for row in model.objects.values_list(*tracked)}
        for row in created.values_list(*tracked):
            assert row == stored[row[0]]
        assert set(created.values_list("history_user_id", flat=True)) == {cm_user.pk}


def test_an_import_refreshes_the_planner_statistics_once_committed(
    regions, cm_user, django_capture_on_commit_callbacks
):
    from django.db import connection

    from kiallianz.services import database_statistics_refresh

    data = (FIXTURES / "excel-german.csv").read_bytes()
    with django_capture_on_commit_callbacks() as callbacks:
        contacts_import(data=data, filename="x.csv", user=cm_user, dry_run=True)
    assert database_statistics_refresh not in callbacks  # a dry run keeps nothing

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = contacts_import(data=data, filename="x.csv", user=cm_user, skip_invalid=True)
    assert report.saved
    assert database_statistics_refresh in callbacks
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cursor.fetchall()}
        assert {"contacts_firstcontact", "contacts_organisation", "contacts_person"} <= analysed


def test_the_errors_speak_the_callers_language(regions, cm_user, monkeypatch):
    from django.utils import translation

    monkeypatch.setattr("contacts.importing.service.CHUNK_ROWS", 1)
    data = _csv("Organisation;Nachname", "A GmbH;Muster", ";Ohne", ";Auch ohne")
    with translation.override("en"):
        report = contacts_import(data=data, user=cm_user)
    assert [str(error.message) for error in report.errors] == [
        "The organisation's name is missing."
    ] * 2
    assert _counts() == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_a_committed_import_invalidates_the_cached_pages(regions, cm_user, monkeypatch):
    # On PostgreSQL the new records go in by COPY, which no execute wrapper
    # sees: the import reports its writes to the data generation itself.
    # (The duplicate suggestions it schedules would write, and so bump, too.)
    from kiallianz import caching

    monkeypatch.setattr("contacts.importing.service.duplicate_suggestions_schedule", lambda: None)
    before = caching.data_generation()
    report = contacts_import(data=_rows(3), user=cm_user)
    assert report.saved and report.created
    assert caching.data_generation() > before
