"""Forms that come back with errors name them at the top, each linked to its
field, and the fields point back at their error text (issue 16)."""

import pytest
from django.urls import reverse

from contacts.models import FirstContact
from contacts.tests.factories import OrganisationFactory
from contacts.tests.views_support import capture_data
from kiallianz.tests.a11y import error_summary

pytestmark = pytest.mark.django_db


def test_the_empty_capture_form_links_the_organisation_search(cm_client, region):
    response = cm_client.post(
        reverse("contacts:first_contact_create"),
        capture_data(region, create_organisation="", new_org_name="", **{"person-0-last_name": ""}),
    )
    assert response.status_code == 200
    links = error_summary(response.text)
    assert (
        "#id_organisation_query",
        "Organisation suchen: Bitte wählen Sie eine Organisation aus oder legen Sie eine neue an.",
    ) in links
    # The new person's missing surname, from the formset, links to its field.
    assert ("#id_person-0-last_name", "Nachname: Bitte geben Sie den Nachnamen ein.") in links
    assert not FirstContact.objects.exists()


def test_errors_in_the_folded_section_open_it_and_are_linked(cm_client, region):
    response = cm_client.post(
        reverse("contacts:first_contact_create"),
        capture_data(region, date="2999-01-01", occasion="gibt-es-nicht"),
    )
    links = dict(error_summary(response.text))
    assert set(links) == {"#id_date", "#id_occasion"}
    assert 'id="capture-more" open' in response.text


def test_the_organisation_form_links_the_missing_name(cm_client, region):
    response = cm_client.post(
        reverse("contacts:organisation_create"),
        {"name": "", "kind": "company", "region": str(region.pk), "membership_status": "none"},
    )
    assert response.status_code == 200
    assert ("#id_name", "Name: Dieses Feld ist zwingend erforderlich.") in error_summary(
        response.text
    )


def test_the_person_form_links_a_bad_email_and_phone(cm_client, region):
    organisation = OrganisationFactory(region=region)
    response = cm_client.post(
        reverse("contacts:person_create"),
        {
            "organisation": str(organisation.pk),
            "first_name": "Mia",
            "last_name": "Muster",
            "email": "keine-adresse",
            "phone": "abc",
            "legal_basis": "legitimate_interest",
        },
    )
    assert response.status_code == 200
    links = dict(error_summary(response.text))
    assert links["#id_email"] == "E-Mail: Bitte gültige E-Mail-Adresse eingeben."
    assert "#id_phone" in links


def test_a_valid_form_has_no_summary(cm_client, region):
    response = cm_client.get(reverse("contacts:first_contact_create"))
    assert "form-error-summary" not in response.text
    assert 'aria-invalid="true"' not in response.text
