"""The contacts list downloads: one class per list, headers and rows together."""

import datetime

import pytest

from contacts import selectors
from contacts.exporters import (
    FirstContactListExporter,
    OrganisationListExporter,
    PersonListExporter,
)
from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, PersonFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 10, 1)


@pytest.mark.parametrize(
    ("exporter", "queryset"),
    [
        (FirstContactListExporter(), lambda: selectors.first_contact_list(filters={})[1]),
        (OrganisationListExporter(), lambda: selectors.organisation_list(filters={})[1]),
        (PersonListExporter(), lambda: selectors.person_list(filters={})[1]),
    ],
)
def test_every_row_has_a_cell_per_header(exporter, queryset, region):
    person = PersonFactory(do_not_contact=True)
    FirstContactFactory(region=region, organisation=person.organisation, persons=[person])
    rows = list(exporter.rows(queryset()))
    assert len(rows) == 1
    assert len(rows[0]) == len(exporter.headers())


def test_it_renders_csv_and_xlsx_with_a_dated_file_name(region):
    PersonFactory(last_name="Muster", do_not_contact=True)
    exporter = PersonListExporter()
    queryset = Person.objects.select_related("organisation")
    name, content_type, content = exporter.render(queryset, "csv", day=DAY)
    assert (name, content_type) == ("personen-2024-10-01.csv", "text/csv; charset=utf-8")
    text = content.decode("utf-8-sig").splitlines()
    assert text[0].startswith("Nachname;Vorname")
    assert text[1].startswith("Muster;") and text[1].endswith(";ja")
    name, content_type, content = exporter.render(queryset, "xlsx", day=DAY)
    assert name == "personen-2024-10-01.xlsx" and "spreadsheetml" in content_type
    assert content.startswith(b"PK")
    with pytest.raises(ValueError):
        exporter.render(queryset, "pdf", day=DAY)


def test_choice_labels_are_shown_not_codes(region):
    FirstContactFactory(region=region, quality_status=FirstContact.QualityStatus.CHECKED)
    queryset = selectors.first_contact_list(filters={})[1]
    row = next(FirstContactListExporter().rows(queryset))
    assert "geprüft" in row
    organisation_row = next(
        OrganisationListExporter().rows(selectors.organisation_list(filters={})[1])
    )
    assert str(Organisation.Kind.COMPANY.label) in organisation_row
