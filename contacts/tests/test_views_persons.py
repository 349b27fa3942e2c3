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
