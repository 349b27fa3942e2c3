import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from contacts.importing import contacts_import, import_template_csv
from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.tabular import xlsx_bytes
from kiallianz.tests.factories import CommunityManagerFactory, OfferFactory, RegionFactory

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
                        7211234,
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
    assert contact.persons.get().phone == "7211234"


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
            "maddox-ai gmbh,anna@maddox.ai,Anna,Alt,0711 1,Stuttgart,05.01.2024",
        ),
        user=cm_user,
    )
    assert report.saved
    assert _counts() == (1, 1, 1)
    organisation.refresh_from_db()
    person.refresh_from_db()
    assert organisation.city == "Stuttgart"  # empty values are filled in
    assert person.phone == "0711 1"
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
        ("A GmbH;01.02.2099;;", "Datum", "Das Datum 01.02.2099 liegt in der Zukunft."),
        (
            "A GmbH;31.02.2024;;",
            "Datum",
            "„31.02.2024“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).",
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


def test_it_uses_a_fixed_number_of_queries_per_row(regions, cm_user, django_assert_max_num_queries):
    def rows(count):
        return _csv(
            "Organisation;Vorname;Nachname;E-Mail;Datum;Region",
            *(f"Firma {n};V;N{n};p{n}@example.com;01.02.2024;Karlsruhe" for n in range(count)),
        )

    RegionFactory(name="Stuttgart", slug="stuttgart")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        contacts_import(data=rows(5), user=cm_user, dry_run=True)
    with CaptureQueriesContext(connection) as large:
        contacts_import(data=rows(25), user=cm_user, dry_run=True)
    per_row = (len(large.captured_queries) - len(small.captured_queries)) / 20
    # Writes only (savepoint, three inserts, the person link): no lookups.
    assert per_row <= 8


def test_it_reads_back_cells_guarded_against_formula_injection(regions, cm_user):
    contacts_import(
        data=_csv("Organisation;Nachname;Telefon", "A GmbH;Muster;'+49 721 1"), user=cm_user
    )
    assert Person.objects.get().phone == "+49 721 1"
