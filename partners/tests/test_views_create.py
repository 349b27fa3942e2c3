"""Recording a partner: choosing the organisation, the form, the region rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Organisation
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from partners.tests.views_support import D, create_data, png_upload

pytestmark = pytest.mark.django_db


def test_it_offers_to_create_a_missing_organisation(cm_client):
    response = cm_client.get(reverse("partners:partner_create"), {"q": "Gibt es nicht"})
    assert reverse("contacts:organisation_create") in response.content.decode()


def test_the_create_form_names_first_contacts_by_german_date(cm_client, region):
    organisation = OrganisationFactory(region=region)
    FirstContactFactory(organisation=organisation, region=region, date=D(2024, 3, 13))
    response = cm_client.get(reverse("partners:partner_create"), {"organisation": organisation.pk})
    assert "13. März 2024 · " in response.content.decode()


def test_it_searches_organisations_without_partnership(cm_client):
    OrganisationFactory(name="Werk150 Reutlingen")
    PartnerFactory(organisation__name="Werk Partner GmbH")
    response = cm_client.get(reverse("partners:partner_create"), {"q": "werk"})
    body = response.content.decode()
    assert "Werk150 Reutlingen" in body and "Werk Partner" not in body


def test_a_cm_creates_a_partner_in_own_region(cm_client, cm_user, region):
    organisation = OrganisationFactory(region=region)
    response = cm_client.post(
        reverse("partners:partner_create"),
        create_data(organisation, region, logo=png_upload()),
    )
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("partners:partner_detail", args=[partner.pk])
    assert partner.created_by == cm_user
    assert partner.logo.name.startswith("partners/logos/")
    assert partner.spans.get().since == D(2024, 5, 1)


def test_a_cm_cannot_assign_another_region_to_a_partner(cm_client, region, other_region):
    organisation = OrganisationFactory(region=region)
    response = cm_client.post(
        reverse("partners:partner_create"), create_data(organisation, other_region)
    )
    assert response.status_code == 200
    assert "Region Freiburg" in response.content.decode()
    assert not Partner.objects.exists()


def test_a_cm_cannot_make_another_regions_organisation_a_partner(cm_client, region, other_region):
    """Issue 11: ``POST /partners/new/?organisation=<foreign id>`` is refused,
    even with the manager's own region ticked."""
    organisation = OrganisationFactory(region=other_region)
    url = f"{reverse('partners:partner_create')}?organisation={organisation.pk}"
    response = cm_client.post(url, create_data(organisation, region, is_public="on"))
    assert response.status_code == 403
    assert not Partner.objects.exists()
    assert cm_client.get(url).status_code == 403


def test_a_cm_cannot_create_a_statewide_partner(cm_client, region):
    organisation = OrganisationFactory(region=region)
    response = cm_client.post(
        reverse("partners:partner_create"),
        create_data(organisation, region, is_statewide="on"),
    )
    assert "nur die Geschäftsstelle" in response.content.decode()
    assert not Partner.objects.exists()


def test_the_office_creates_a_statewide_partner(office_client):
    organisation = OrganisationFactory()
    data = create_data(organisation, organisation.region, is_statewide="on", regions=[])
    response = office_client.post(reverse("partners:partner_create"), data)
    assert response.status_code == 302
    assert Partner.objects.get().is_statewide


@pytest.mark.parametrize(
    "status",
    [Organisation.MembershipStatus.MEMBER, Organisation.MembershipStatus.COOPERATIVE_MEMBER],
)
def test_it_refuses_to_make_a_member_a_partner(office_client, region, status):
    organisation = OrganisationFactory(region=region, membership_status=status)
    response = office_client.post(
        reverse("partners:partner_create"), create_data(organisation, region)
    )
    assert response.status_code == 200
    assert "kann deshalb nicht Partner:in sein" in response.content.decode()
    assert not Partner.objects.exists()


def test_it_refuses_a_logo_that_is_not_an_image(office_client, region):
    organisation = OrganisationFactory(region=region)
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = office_client.post(
        reverse("partners:partner_create"), create_data(organisation, region, logo=fake)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    assert not Partner.objects.exists()


def test_it_refuses_a_logo_over_5_mb(office_client, region):
    organisation = OrganisationFactory(region=region)
    # A valid image padded past the limit (PNG readers ignore trailing bytes).
    big = png_upload()
    big = SimpleUploadedFile("logo.png", big.read() + b"\0" * (5 * 1024 * 1024), "image/png")
    response = office_client.post(
        reverse("partners:partner_create"), create_data(organisation, region, logo=big)
    )
    assert response.status_code == 200
    assert "zu groß (höchstens 5 MB)" in response.content.decode()
    assert not Partner.objects.exists()


def test_it_requires_a_region_or_statewide(office_client, region):
    organisation = OrganisationFactory(region=region)
    response = office_client.post(
        reverse("partners:partner_create"), create_data(organisation, region, regions=[])
    )
    assert "mindestens eine Region" in response.content.decode()
    assert not Partner.objects.exists()


def test_the_organisation_search_answers_htmx_with_the_matches_only(cm_client):
    OrganisationFactory(name="Werk150 Reutlingen")
    response = cm_client.get(
        reverse("partners:partner_create"), {"q": "werk"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Werk150 Reutlingen" in body and "<html" not in body


def test_a_user_without_regions_cannot_create_partners(client, region):
    from kiallianz.tests.factories import CommunityManagerFactory

    client.force_login(CommunityManagerFactory(username="cm-ohne-region"))
    organisation = OrganisationFactory(region=region)
    response = client.post(reverse("partners:partner_create"), create_data(organisation, region))
    assert response.status_code == 403
    assert not Partner.objects.exists()


def test_it_ignores_a_malformed_organisation_parameter(cm_client):
    response = cm_client.get(reverse("partners:partner_create"), {"organisation": "abc"})
    assert response.status_code == 200
