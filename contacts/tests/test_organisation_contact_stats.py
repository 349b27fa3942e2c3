"""Each organisation's first-contact count and latest date, kept by the
database (migration contacts/0018_organisation_contact_stats), agree with a
recount after every kind of write; the organisation list sorts by them."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.importing import contacts_import
from contacts.merging import merge_fields, organisation_merge
from contacts.models import FirstContact, Organisation
from contacts.services import first_contact_update
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from kiallianz.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

D = datetime.date
FIXTURES = Path(__file__).parent / "fixtures"


def kept() -> dict[int, tuple[int, datetime.date | None]]:
    rows = Organisation.objects.values_list("pk", "first_contact_count", "last_contact_date")
    return {pk: (count, latest) for pk, count, latest in rows}


def recounted() -> dict[int, tuple[int, datetime.date | None]]:
    rows = Organisation.objects.annotate(
        count=Count("first_contacts"), latest=Max("first_contacts__date")
    ).values_list("pk", "count", "latest")
    return {pk: (count, latest) for pk, count, latest in rows}


@pytest.fixture
def organisations(region):
    return OrganisationFactory(region=region), OrganisationFactory(region=region)


def test_adding_redating_moving_and_deleting_first_contacts_recounts(organisations):
    first, second = organisations
    assert kept() == {first.pk: (0, None), second.pk: (0, None)}

    early = FirstContactFactory(organisation=first, date=D(2024, 3, 1))
    late = FirstContactFactory(organisation=first, date=D(2024, 9, 1))
    assert kept() == {first.pk: (2, D(2024, 9, 1)), second.pk: (0, None)}

    late.refresh_from_db()
    first_contact_update(first_contact=late, version=late.version, date=D(2024, 1, 15))
    assert kept()[first.pk] == (2, D(2024, 3, 1))

    early.refresh_from_db()
    first_contact_update(first_contact=early, version=early.version, organisation=second)
    assert kept() == {first.pk: (1, D(2024, 1, 15)), second.pk: (1, D(2024, 3, 1))}

    FirstContact.objects.filter(pk=late.pk).delete()
    assert kept() == {first.pk: (0, None), second.pk: (1, D(2024, 3, 1))}
    assert kept() == recounted()


def test_a_bulk_insert_and_a_bulk_delete_recount_every_organisation(organisations, cm_user):
    first, second = organisations
    rows = [
        FirstContact(
            organisation=organisation,
            region=organisation.region,
            community_manager=cm_user,
            date=D(2024, 1, day),
            content="Gespräch",
        )
        for day in range(1, 11)
        for organisation in (first, second)
    ]
    FirstContact.objects.bulk_create(rows)
    assert kept() == {first.pk: (10, D(2024, 1, 10)), second.pk: (10, D(2024, 1, 10))}

    FirstContact.objects.filter(organisation=first, date__gt=D(2024, 1, 3)).delete()
    assert kept() == {first.pk: (3, D(2024, 1, 3)), second.pk: (10, D(2024, 1, 10))}


def test_an_organisation_saved_from_a_stale_copy_keeps_its_figures(organisations):
    first, _second = organisations
    stale = Organisation.objects.get(pk=first.pk)
    FirstContactFactory(organisation=first, date=D(2024, 5, 2))
    assert (stale.first_contact_count, stale.last_contact_date) == (0, None)

    stale.name = "Umbenannt GmbH"
    stale.save()  # writes every column, the figures of before included

    assert kept()[first.pk] == (1, D(2024, 5, 2))


def test_a_merge_moves_the_figures_to_the_survivor(region, office_user):
    survivor = OrganisationFactory(region=region)
    merged = OrganisationFactory(region=region)
    FirstContactFactory(organisation=survivor, date=D(2024, 2, 1))
    FirstContactFactory(organisation=merged, date=D(2024, 8, 1))
    FirstContactFactory(organisation=merged, date=D(2023, 8, 1))

    organisation_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=[],
        survivor_version=survivor.version,
        merged_version=merged.version,
        user=office_user,
    )

    assert kept() == {survivor.pk: (3, D(2024, 8, 1))}


def test_the_figures_are_not_offered_for_a_merge(region):
    names = {field.name for field in merge_fields(Organisation)}
    assert "name" in names
    assert not names & {"first_contact_count", "last_contact_date"}


def test_an_import_counts_what_it_created(region, other_region, cm_user):
    OfferFactory(name="KI-Challenge", slug="ki-challenge")
    report = contacts_import(
        data=(FIXTURES / "excel-german.csv").read_bytes(),
        filename="excel-german.csv",
        user=cm_user,
        skip_invalid=True,
    )
    assert report.saved
    assert FirstContact.objects.exists()
    assert kept() == recounted()


def test_the_list_sorts_by_the_kept_figures_without_counting(office_client, region):
    few = OrganisationFactory(region=region, name="Wenige")
    many = OrganisationFactory(region=region, name="Viele")
    none = OrganisationFactory(region=region, name="Keine")
    FirstContactFactory(organisation=few, date=D(2024, 11, 2))
    for day in (D(2024, 1, 5), D(2024, 2, 5)):
        FirstContactFactory(organisation=many, date=day)
    url = reverse("contacts:organisation_list")

    with CaptureQueriesContext(connection) as queries:
        by_count = office_client.get(url, {"sort": "-first_contacts"}).context["listing"]
    by_latest = office_client.get(url, {"sort": "last_contact"}).context["listing"]

    assert list(by_count.object_list) == [many, few, none]
    assert [o.first_contact_count for o in by_count.object_list] == [2, 1, 0]
    dated = [o for o in by_latest.object_list if o.last_contact_date]
    assert dated == [many, few]
    page_sql = " ".join(
        q["sql"] for q in queries.captured_queries if "contacts_organisation" in q["sql"]
    )
    assert "COUNT(" not in page_sql.replace('COUNT(*) AS "__count"', "")
    assert "MAX(" not in page_sql


def test_an_import_in_chunks_counts_new_and_existing_organisations(region, cm_user, monkeypatch):
    """New organisations whose first contacts span chunks, and one that
    existed before, end with the figures a recount gives."""
    monkeypatch.setattr("contacts.importing.service.CHUNK_ROWS", 2)
    existing = OrganisationFactory(region=region, name="Bestand GmbH")
    FirstContactFactory(organisation=existing, date=D(2023, 5, 1))
    lines = [
        "Organisation;Region;Datum",
        "Alpha GmbH;Karlsruhe;01.02.2024",
        "Beta GmbH;Karlsruhe;03.02.2024",
        "Alpha GmbH;Karlsruhe;05.03.2024",
        "Bestand GmbH;Karlsruhe;07.04.2024",
        "Gamma GmbH;Karlsruhe;",
    ]
    report = contacts_import(data="\n".join(lines).encode(), filename="a.csv", user=cm_user)

    assert report.saved, report.errors
    by_name = {o.name: o.pk for o in Organisation.objects.all()}
    assert kept() == recounted()
    assert kept()[by_name["Alpha GmbH"]] == (2, D(2024, 3, 5))
    assert kept()[by_name["Bestand GmbH"]] == (2, D(2024, 4, 7))
    assert kept()[by_name["Gamma GmbH"]] == (0, None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes in this order")
def test_an_import_writes_each_new_organisation_once(region, cm_user):
    """On PostgreSQL the new organisations go in after their first contacts,
    counted as they are inserted: none is rewritten (with all its index
    entries) by the count trigger."""
    lines = ["Organisation;Region;Datum"]
    lines += [f"Firma {n} GmbH;Karlsruhe;0{1 + n % 9}.02.2024" for n in range(6)]
    before = _organisation_rows_written()
    contacts_import(data="\n".join(lines).encode(), filename="a.csv", user=cm_user)

    (inserted, updated), (inserted_before, updated_before) = _organisation_rows_written(), before
    assert (inserted - inserted_before, updated - updated_before) == (6, 0)
    assert all(count == 1 for count, _latest in kept().values())


def _organisation_rows_written() -> tuple[int, int]:
    """Rows inserted and updated in contacts_organisation by this backend
    and not yet reported (PostgreSQL 15 adds earlier transactions' counts
    until it reports them, which it does between transactions, never
    within one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'contacts_organisation'"
        )
        return cursor.fetchone()
