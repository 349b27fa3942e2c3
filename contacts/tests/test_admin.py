import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts import extensions, services
from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from kiallianz.tests.factories import AdminUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdminUserFactory(username="admin"))
    return client


def test_the_admin_lists_contacts(admin_client, region):
    FirstContactFactory(region=region)
    for model in ("organisation", "person", "firstcontact", "duplicatedismissal"):
        assert admin_client.get(reverse(f"admin:contacts_{model}_changelist")).status_code == 200
    assert FirstContact._meta.verbose_name == "Erstgespräch"


def test_the_admin_runs_membership_checks(admin_client, region, monkeypatch):
    monkeypatch.setattr(extensions, "_membership_checks", [])

    def refuse(organisation, new_status):
        if new_status == "member":
            raise ValidationError("Aktive Partner:in kann nicht Mitglied werden.")

    extensions.register_membership_check(refuse)
    organisation = OrganisationFactory(region=region, name="Partner GmbH")
    data = {
        "name": "Partner GmbH",
        "kind": "company",
        "region": region.pk,
        "membership_status": "member",
        "record_version": organisation.version,
        "persons-TOTAL_FORMS": "0",
        "persons-INITIAL_FORMS": "0",
    }
    url = reverse("admin:contacts_organisation_change", args=[organisation.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Aktive Partner:in kann nicht Mitglied werden." in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).membership_status == "none"
    response = admin_client.post(
        url, {**data, "name": "Partner Neu GmbH", "membership_status": "none"}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.normalized_name, organisation.version) == ("partner neu", 2)


def _organisation_data(organisation, **changes) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "region": organisation.region_id,
        "membership_status": organisation.membership_status,
        "record_version": organisation.version,
        "persons-TOTAL_FORMS": "0",
        "persons-INITIAL_FORMS": "0",
        **changes,
    }


def test_a_stale_admin_save_is_refused_with_the_ui_message(admin_client, region):
    organisation = OrganisationFactory(region=region, name="Alt GmbH")
    data = _organisation_data(organisation, name="Admin GmbH")
    # Someone saves in the UI after the admin page was rendered.
    services.organisation_update(organisation=organisation, version=1, name="UI GmbH")
    url = reverse("admin:contacts_organisation_change", args=[organisation.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.name, stored.version) == ("UI GmbH", 2)


def test_an_admin_save_without_a_version_is_refused(admin_client, region):
    organisation = OrganisationFactory(region=region, name="Alt GmbH")
    data = _organisation_data(organisation, name="Neu GmbH")
    del data["record_version"]
    url = reverse("admin:contacts_organisation_change", args=[organisation.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation.pk).name == "Alt GmbH"


def test_the_admin_cleans_persons_like_the_services(admin_client, region):
    organisation = OrganisationFactory(region=region)
    data = {
        "last_name": "Muster",
        "organisation": organisation.pk,
        "email": " Max@Example.ORG ",
        "phone": "0721 123456",
        "legal_basis": "legitimate_interest",
    }
    response = admin_client.post(reverse("admin:contacts_person_add"), data)
    assert response.status_code == 302
    person = Person.objects.get(last_name="Muster")
    assert (person.email, person.phone, person.created_by.username) == (
        "max@example.org",
        "+49 721 123456",
        "admin",
    )
    change_url = reverse("admin:contacts_person_change", args=[person.pk])
    response = admin_client.post(
        change_url,
        {**data, "legal_basis": "consent", "consent_date": "", "record_version": person.version},
    )
    assert response.status_code == 200
    assert "Bei einer Einwilligung bitte das Datum angeben." in response.content.decode()
    assert Person.objects.get(pk=person.pk).legal_basis == "legitimate_interest"


def test_the_admin_refuses_a_first_contact_in_the_future(admin_client, region):
    first_contact = FirstContactFactory(region=region)
    url = reverse("admin:contacts_firstcontact_change", args=[first_contact.pk])
    page = admin_client.get(url)
    data = {
        **{k: v for k, v in page.context["adminform"].form.initial.items() if v is not None},
        "date": "2999-01-01",
        "record_version": first_contact.version,
        "potentials-TOTAL_FORMS": "0",
        "potentials-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Ein Erstgespräch kann nicht in der Zukunft liegen." in response.content.decode()
    assert FirstContact.objects.get(pk=first_contact.pk).date == first_contact.date
