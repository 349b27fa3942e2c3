import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts import extensions
from contacts.models import FirstContact, Organisation
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
    assert organisation.normalized_name == "partner neu"
