"""The lists of first contacts, organisations and persons, and their downloads."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.views_support import LIST_URLS
from kiallianz.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


class TestLists:
    def test_it_filters_by_the_public_get_parameters(self, cm_client, region, other_region):
        inside = FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
        FirstContactFactory(region=region, date=datetime.date(2025, 1, 1))
        FirstContactFactory(region=other_region, date=datetime.date(2024, 3, 1))
        response = cm_client.get(
            reverse("contacts:index"),
            {"region": region.pk, "date_after": "2024-01-01", "date_before": "2024-12-31"},
        )
        assert list(response.context["listing"].object_list) == [inside]

    def test_it_filters_by_potential_offer_status_kind_manager_and_text(self, cm_client, region):
        offer = OfferFactory(name="KI-Innovation Lab")
        person = PersonFactory(last_name="Zauberhaft")
        match = FirstContactFactory(
            region=region,
            potentials=["speaker"],
            offers=[offer],
            persons=[person],
            quality_status="checked",
            organisation__kind="startup",
            organisation__name="Vioonic GmbH",
        )
        other = FirstContactFactory(region=region, content="etwas anderes")
        url = reverse("contacts:index")
        for params in [
            {"potential": "speaker"},
            {"offer": offer.pk},
            {"quality_status": "checked"},
            {"checked_only": "1"},
            {"organisation_kind": "startup"},
            {"community_manager": match.community_manager_id},
            {"q": "zauberhaft"},
            {"q": "vioonic"},
        ]:
            rows = list(cm_client.get(url, params).context["listing"].object_list)
            assert rows == [match], params
        assert other in cm_client.get(url, {"q": "anderes"}).context["listing"].object_list

    def test_it_shows_german_dates_and_helpful_empty_states(self, cm_client, region):
        empty = cm_client.get(reverse("contacts:index")).content.decode()
        assert "Noch keine Erstgespräche erfasst." in empty
        assert reverse("contacts:first_contact_create") in empty
        FirstContactFactory(region=region, date=datetime.date(2024, 3, 13))
        listed = cm_client.get(reverse("contacts:index")).content.decode()
        assert "13. März 2024" in listed
        filtered = cm_client.get(reverse("contacts:index"), {"q": "nichts dergleichen"})
        assert "Keine Erstgespräche passen zu diesen Filtern." in filtered.content.decode()

    def test_a_row_shows_its_persons_offers_potentials_and_status(self, cm_client, region):
        FirstContactFactory(
            region=region,
            persons=[
                PersonFactory(title="Dr.", first_name="Ada", last_name="Zauberhaft"),
                PersonFactory(first_name="Ben", last_name="Ahorn"),
            ],
            offers=[OfferFactory(name="KI-Innovation Lab"), OfferFactory(name="KI-Lotsen")],
            potentials=["speaker", "media_partner"],
            quality_status="in_ecosystem",
        )
        html = cm_client.get(reverse("contacts:index")).content.decode()
        assert "Ben Ahorn, Dr. Ada Zauberhaft" in html
        assert "KI-Innovation Lab, KI-Lotsen" in html or "KI-Lotsen, KI-Innovation Lab" in html
        assert "Speaker:in" in html and "Medienpartner:in" in html
        assert "ins Ökosystem aufgenommen" in html
        cm_client.cookies["django_language"] = "en"
        try:
            english = cm_client.get(reverse("contacts:index")).content.decode()
        finally:
            translation.activate("de")
        assert "taken into the ecosystem" in english and "Media partner" in english

    @pytest.mark.parametrize("name", ["contacts:organisation_list", "contacts:person_list"])
    def test_an_empty_filtered_list_offers_to_reset_the_filters(self, cm_client, name):
        unfiltered = cm_client.get(reverse(name)).content.decode()
        filtered = cm_client.get(reverse(name), {"q": "nichts dergleichen"}).content.decode()
        assert "Filter zurücksetzen" not in unfiltered
        assert "Filter zurücksetzen" in filtered

    def test_it_sorts(self, cm_client, region):
        early = FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
        late = FirstContactFactory(region=region, date=datetime.date(2024, 9, 1))
        rows = cm_client.get(reverse("contacts:index"), {"sort": "date"}).context["listing"]
        assert list(rows.object_list) == [early, late]

    @pytest.mark.parametrize(
        ("name", "organisation_of"),
        [
            ("contacts:index", lambda row: row.organisation),
            ("contacts:quality_queue", lambda row: row.organisation),
            ("contacts:person_list", lambda row: row.organisation),
        ],
    )
    def test_sorted_by_organisation_it_follows_the_organisation_list(
        self, office_client, region, name, organisation_of
    ):
        # Stored in an order that neither the plain name nor the id sorts
        # right: „AHK“ before „Ackermann“ byte by byte, „Ö…“ after „Z…“.
        for organisation_name in ["Zeppelin GmbH", "Öko-Institut e.V.", "AHK China", "Ackermann"]:
            organisation = OrganisationFactory(name=organisation_name, region=region)
            person = PersonFactory(organisation=organisation)
            FirstContactFactory(region=region, organisation=organisation, persons=[person])
        expected = ["Ackermann", "AHK China", "Öko-Institut e.V.", "Zeppelin GmbH"]
        organisations = office_client.get(reverse("contacts:organisation_list"))
        assert [o.name for o in organisations.context["listing"].object_list] == expected

        for sort, order in (("organisation", expected), ("-organisation", expected[::-1])):
            rows = office_client.get(reverse(name), {"sort": sort}).context["listing"]
            assert [organisation_of(row).name for row in rows.object_list] == order

    @pytest.mark.parametrize("name", LIST_URLS)
    def test_query_count_does_not_grow_with_rows(self, cm_client, region, count_queries, name):
        offers = [OfferFactory(), OfferFactory()]

        def add(n):
            for _ in range(n):
                organisation = OrganisationFactory(region=region)
                person = PersonFactory(organisation=organisation)
                FirstContactFactory(
                    region=region,
                    organisation=organisation,
                    persons=[person],
                    offers=offers,
                    potentials=["speaker", "other"],
                )

        add(5)
        few = count_queries(cm_client, reverse(name), per_page=200)
        add(195)
        many = count_queries(cm_client, reverse(name), per_page=200)
        assert few == many

    def test_organisation_and_person_lists_filter(self, cm_client, region, other_region):
        mine = OrganisationFactory(region=region, kind="municipality", name="Gemeinde Jagstzell")
        OrganisationFactory(region=other_region)
        FirstContactFactory(organisation=mine, region=region, potentials=["funding_project"])
        person = PersonFactory(organisation=mine, last_name="Beispiel")
        PersonFactory()
        orgs = cm_client.get(
            reverse("contacts:organisation_list"),
            {"organisation_kind": "municipality", "potential": "funding_project"},
        ).context["listing"]
        assert list(orgs.object_list) == [mine]
        persons = cm_client.get(reverse("contacts:person_list"), {"q": "jagstzell"}).context[
            "listing"
        ]
        assert list(persons.object_list) == [person]

    def test_it_exports_the_filtered_list_as_csv_and_xlsx(self, cm_client, region, other_region):
        FirstContactFactory(region=region, organisation__name="=Formel AG", content="Inhalt")
        FirstContactFactory(region=other_region, organisation__region=other_region)
        response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["Datum", "Region", "Organisation"]
        assert len(rows) == 2
        assert rows[1][2] == "'=Formel AG"  # no formula injection
        response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert sheet.max_row == 2
        for name in ("contacts:organisation_list", "contacts:person_list"):
            assert cm_client.get(reverse(name), {"format": "xlsx"}).status_code == 200


class TestListSearch:
    """?q= on each list: the same hits as a substring search of every column
    named, each record once, counted right, on any page."""

    def test_a_first_contact_is_found_by_each_column_once(self, office_client, region):
        person = PersonFactory(first_name="Quirin", last_name="Zedernholz", email="qz@heureka.de")
        by_all = FirstContactFactory(
            region=region,
            organisation__name="Heureka Zedernholz GmbH",
            content="Heureka",
            occasion_note="Messe Zedernholz",
            persons=[person, PersonFactory(last_name="Zedernholz")],
        )
        by_note = FirstContactFactory(region=region, occasion_note="Stand von ZEDERNHOLZ")
        by_email = FirstContactFactory(
            region=region, persons=[PersonFactory(email="z@zedernholz.de")]
        )
        FirstContactFactory(region=region, content="nichts")
        url = reverse("contacts:index")
        listing = office_client.get(url, {"q": "zedernholz"}).context["listing"]
        assert listing.page.paginator.count == 3
        assert sorted(fc.pk for fc in listing.object_list) == sorted(
            [by_all.pk, by_note.pk, by_email.pk]
        )
        assert [
            fc.pk for fc in office_client.get(url, {"q": "Quirin"}).context["listing"].object_list
        ] == [by_all.pk]
        assert list(office_client.get(url, {"q": "heureka.de"}).context["listing"].object_list) == [
            by_all
        ]

    def test_search_pages_split_the_hits_in_the_list_order(self, office_client, region):
        hits = [
            FirstContactFactory(
                region=region, content=f"Suchwort {n}", date=datetime.date(2024, 1, n + 1)
            )
            for n in range(7)
        ]
        FirstContactFactory(region=region, content="anderes")
        url = reverse("contacts:index")
        pages = [
            office_client.get(url, {"q": "suchwort", "per_page": 3, "page": n}).context["listing"]
            for n in (1, 2, 3, 9)
        ]
        assert [fc for page in pages[:3] for fc in page.object_list] == hits[::-1]
        assert pages[3].page.number == 3 and list(pages[3].object_list) == [hits[0]]
        assert {page.page.paginator.count for page in pages} == {7}

    def test_the_search_counts_its_hits_among_what_the_other_filters_leave(
        self, office_client, region, other_region, monkeypatch
    ):
        """The text search runs after the other filters and counts its hits
        there (the paginator takes that count): three hits in one region do
        not cap a list of the other region's one."""
        from kiallianz import lists

        monkeypatch.setattr(lists, "SEARCH_HIT_CAP", 2)
        for _ in range(3):
            FirstContactFactory(region=region, content="Lärchenholz")
        elsewhere = FirstContactFactory(region=other_region, content="Lärchenholz")
        url = reverse("contacts:index")
        listing = office_client.get(url, {"q": "lärchenholz", "region": other_region.pk}).context[
            "listing"
        ]
        assert list(listing.object_list) == [elsewhere]
        assert listing.page.paginator.count == 1 and not listing.page.paginator.capped
        assert listing.page.paginator.counted_hits == 1
        everywhere = office_client.get(url, {"q": "lärchenholz"}).context["listing"]
        assert everywhere.page.paginator.count == 2 and everywhere.page.paginator.capped

    @pytest.mark.parametrize("cap", [1000, 2])
    def test_more_hits_than_the_cap_are_the_same_records_in_the_same_order(
        self, office_client, region, monkeypatch, cap
    ):
        """Past SEARCH_HIT_CAP (here patched to 2) the search takes its other
        form (an OR walked in the list's order instead of a UNION): the same
        records on each page, and the list says there are more."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from kiallianz import lists

        organisation = OrganisationFactory(name="Zirbelkiefer GmbH", region=region)
        person = PersonFactory(email="a@zirbelkiefer.de", organisation=organisation)
        contacts = [
            FirstContactFactory(
                region=region, content="Zirbelkiefer", date=datetime.date(2024, 5, 1)
            ),
            FirstContactFactory(
                region=region, organisation=organisation, date=datetime.date(2024, 4, 1)
            ),
            FirstContactFactory(region=region, persons=[person], date=datetime.date(2024, 3, 1)),
            FirstContactFactory(
                region=region,
                organisation=organisation,
                persons=[person],
                occasion_note="Zirbelkiefer",
                date=datetime.date(2024, 2, 1),
            ),
        ]
        PersonFactory(last_name="Zirbelkiefer")
        FirstContactFactory(region=region, content="Fichte")
        monkeypatch.setattr(lists, "SEARCH_HIT_CAP", cap)

        with CaptureQueriesContext(connection) as queries:
            first = office_client.get(
                reverse("contacts:index"), {"q": "zirbelkiefer", "per_page": 1}
            ).context["listing"]
        # Read before the next request, which empties the connection's query log.
        page_query = next(
            q["sql"]
            for q in queries.captured_queries
            if '"contacts_firstcontact"."version"' in q["sql"]
        )
        second = office_client.get(
            reverse("contacts:index"), {"q": "zirbelkiefer", "per_page": 1, "page": 2}
        ).context["listing"]
        persons = office_client.get(reverse("contacts:person_list"), {"q": "zirbelkiefer"}).context[
            "listing"
        ]

        assert [*first.object_list, *second.object_list] == contacts[:2]
        capped = cap < len(contacts)
        assert first.page.paginator.capped == capped
        assert first.page.paginator.count == min(cap, len(contacts))
        assert persons.page.paginator.count == min(cap, 2)
        assert (" UNION " in page_query) == (not capped)

    def test_persons_are_found_by_their_organisation_and_their_own_columns(self, office_client):
        organisation = OrganisationFactory(name="Wolkenkuckucksheim AG")
        staff = [
            PersonFactory(organisation=organisation, last_name=f"Mitarbeiter {n}") for n in range(2)
        ]
        named = PersonFactory(last_name="Wolkenkuckuck", organisation=organisation)
        PersonFactory(last_name="Anders")
        listing = office_client.get(
            reverse("contacts:person_list"), {"q": "wolkenkuckuck"}
        ).context["listing"]
        assert listing.page.paginator.count == 3
        assert sorted(p.pk for p in listing.object_list) == sorted(p.pk for p in [*staff, named])

    def test_organisations_are_found_by_name_city_and_website(self, office_client):
        found = [
            OrganisationFactory(name="Kranichstein Labor"),
            OrganisationFactory(city="Kranichstein"),
            OrganisationFactory(website="https://kranichstein.example"),
        ]
        OrganisationFactory(name="Anderswo")
        listing = office_client.get(
            reverse("contacts:organisation_list"), {"q": "KRANICHSTEIN"}
        ).context["listing"]
        assert sorted(o.pk for o in listing.object_list) == sorted(o.pk for o in found)
        assert all(o.first_contact_count == 0 for o in listing.object_list)

    @pytest.mark.parametrize("name", LIST_URLS)
    def test_a_deep_page_issues_the_queries_of_the_first(
        self, cm_client, region, count_queries, name
    ):
        for _ in range(12):
            organisation = OrganisationFactory(region=region, name="Tiefe Seite GmbH")
            FirstContactFactory(
                region=region,
                organisation=organisation,
                persons=[PersonFactory(organisation=organisation)],
            )
        for params in ({}, {"q": "tiefe"}):
            first = count_queries(cm_client, reverse(name), per_page=2, **params)
            assert count_queries(cm_client, reverse(name), per_page=2, page=5, **params) == first
