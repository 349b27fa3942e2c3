"""Person pages: detail, create, edit, autocomplete."""

import datetime

import pytest
from django.urls import reverse

from contacts.models import Person
from contacts.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


class TestPersonPages:
    def test_the_page_shows_legal_basis_and_do_not_contact(self, cm_client, region):
        person = PersonFactory(
            legal_basis="consent",
            consent_date=datetime.date(2024, 5, 17),
            consent_source="Visitenkarte",
            do_not_contact=True,
        )
        html = cm_client.get(reverse("contacts:person_detail", args=[person.pk])).content.decode()
        assert "Diese Person möchte nicht kontaktiert werden." in html
        assert "17. Mai 2024" in html and "Visitenkarte" in html

    def test_a_manager_creates_persons_in_own_organisations_only(
        self, cm_client, region, other_region
    ):
        mine = OrganisationFactory(region=region)
        theirs = OrganisationFactory(region=other_region)
        url = reverse("contacts:person_create")
        data = {"last_name": "Muster", "legal_basis": "legitimate_interest"}
        assert cm_client.post(url, {**data, "organisation": mine.pk}).status_code == 302
        assert cm_client.post(url, {**data, "organisation": theirs.pk}).status_code == 403
        assert list(Person.objects.values_list("organisation_id", flat=True)) == [mine.pk]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("email", "nope", "gültige E-Mail-Adresse"),
            ("phone", "0", "keine gültige Telefonnummer"),
        ],
    )
    def test_it_refuses_bad_input(self, cm_client, region, field, value, message):
        organisation = OrganisationFactory(region=region)
        response = cm_client.post(
            reverse("contacts:person_create"),
            {
                "last_name": "Muster",
                "legal_basis": "legitimate_interest",
                "organisation": organisation.pk,
                field: value,
            },
        )
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Person.objects.exists()

    def test_a_manager_edits_own_and_not_other_persons(self, cm_client, region, other_region):
        mine = PersonFactory(organisation=OrganisationFactory(region=region))
        theirs = PersonFactory(
            organisation=OrganisationFactory(region=other_region), last_name="Fremd"
        )
        data = {"last_name": "Neu", "legal_basis": "legitimate_interest", "version": "1"}
        response = cm_client.post(
            reverse("contacts:person_edit", args=[mine.pk]),
            {**data, "organisation": mine.organisation_id},
        )
        assert response.status_code == 302
        response = cm_client.post(
            reverse("contacts:person_edit", args=[theirs.pk]),
            {**data, "organisation": theirs.organisation_id},
        )
        assert response.status_code == 403
        theirs.refresh_from_db()
        assert theirs.last_name == "Fremd"


def test_person_autocomplete_finds_persons_by_name_or_email(cm_client):
    PersonFactory(first_name="Kim", last_name="Beispiel", email="kim@firma.example.org")
    PersonFactory(first_name="Max", last_name="Anders")
    url = reverse("contacts:person_autocomplete")
    for query in ("kim beisp", "firma.example"):
        html = cm_client.get(url, {"person_query": query}).content.decode()
        assert "Kim Beispiel" in html and "Max Anders" not in html


class TestPersonListOrder:
    """The list sorts by last name case-insensitively with umlauts spelt out
    (as in name lists: „Müller“ as „Mueller“), then by first name; the same
    on SQLite and PostgreSQL, and from an index."""

    NAMES = [
        ("zander", "Zoe"),
        ("Adler", "Bea"),
        ("Müller", "Anna"),
        ("Mueller", "Bernd"),
        ("müller", "carl"),
        ("Muff", "Dora"),
        ("Özdemir", "Emre"),
        ("Ostermann", "Frida"),
        ("Strauß", "Gert"),
        ("Strauss", "Anton"),
        ("adler", "Axel"),
    ]
    EXPECTED = [
        "Axel adler",
        "Bea Adler",
        "Anna Müller",
        "Bernd Mueller",
        "carl müller",
        "Dora Muff",
        "Emre Özdemir",
        "Frida Ostermann",
        "Anton Strauss",
        "Gert Strauß",
        "Zoe zander",
    ]

    @pytest.fixture
    def persons(self, region):
        organisation = OrganisationFactory(region=region)
        for last_name, first_name in self.NAMES:
            PersonFactory(last_name=last_name, first_name=first_name, organisation=organisation)
        return organisation

    def _names(self, client, **params):
        listing = client.get(reverse("contacts:person_list"), params).context["listing"]
        return [person.full_name for person in listing.object_list]

    def test_by_last_name_ignoring_case_and_spelling_out_umlauts(self, office_client, persons):
        assert self._names(office_client) == self.EXPECTED
        assert self._names(office_client, sort="-name") == self.EXPECTED[::-1]

    def test_every_page_continues_the_order(self, office_client, persons):
        pages = [self._names(office_client, per_page=4, page=n) for n in (1, 2, 3)]
        assert [name for page in pages for name in page] == self.EXPECTED

    def test_an_organisations_persons_and_the_autocomplete_sort_alike(self, persons):
        from contacts import selectors

        names = [p.full_name for p in selectors.persons_of_organisation(organisation_id=persons.pk)]
        assert names == self.EXPECTED
        found = [p.full_name for p in selectors.person_search(query="ll", limit=20)]
        assert found == [name for name in self.EXPECTED if "ll" in name]

    def test_the_admin_and_every_default_order_sort_alike(self, admin_client, persons):
        assert [p.full_name for p in Person.objects.all()] == self.EXPECTED
        changelist = admin_client.get(reverse("admin:contacts_person_changelist"))
        rows = changelist.context["cl"].result_list
        assert [p.full_name for p in rows] == self.EXPECTED

    def test_the_page_ids_are_read_in_the_order_of_the_index(self, persons):
        """Deep pages walk the index ``person_name_order`` instead of sorting."""
        from django.db import connection

        from contacts.views.persons import PERSON_SORTS
        from kiallianz.lists import _directed

        ordering = [_directed(key, False) for key in (*PERSON_SORTS["name"], "pk")]
        page_ids = Person.objects.order_by(*ordering).values("pk")[100:125]
        sql, params = page_ids.query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
                cursor.execute(f"EXPLAIN {sql}", params)
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "person_name_order" in plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan
