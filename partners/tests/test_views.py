import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from contacts.models import Organisation
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from partners.models import Partner, PartnershipSpan
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def png_upload(name="logo.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def create_data(organisation, region, **extra):
    data = {
        "organisation": organisation.pk,
        "since": "2024-05-01",
        "category": "network",
        "regions": [region.pk],
        "brings_expertise": "on",
        "contribution": "Expertise in Bildverarbeitung",
        "public_description": "Netzwerk",
    }
    data.update(extra)
    return data


def update_data(partner, **extra):
    data = {
        "version": partner.version,
        "category": partner.category,
        "regions": [r.pk for r in partner.regions.all()],
        "contribution": partner.contribution,
        "public_description": partner.public_description,
    }
    data.update(extra)
    return data


# --- list and detail -------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client):
    partner = PartnerFactory()
    for url in (
        reverse("partners:index"),
        reverse("partners:partner_detail", args=[partner.pk]),
        reverse("partners:partner_create"),
        reverse("partners:partner_update", args=[partner.pk]),
        reverse("partners:partner_end", args=[partner.pk]),
        reverse("partners:partner_reactivate", args=[partner.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_it_lists_partners_with_filters(cm_client, region, other_region):
    PartnerFactory(organisation__name="CyberForum e.V.", regions=[region])
    PartnerFactory(organisation__name="Cyber Valley", regions=[other_region])
    response = cm_client.get(reverse("partners:index"), {"region": other_region.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cyber Valley" in body and "CyberForum" not in body


def test_it_shows_and_applies_the_active_on_filter(cm_client, region):
    PartnerFactory(organisation__name="CyberForum e.V.", since=D(2023, 1, 1))
    PartnerFactory(organisation__name="Cyber Valley", since=D(2024, 9, 1))
    response = cm_client.get(reverse("partners:index"), {"active_on": "2024-06-30"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_active_on"' in body and "aktiv am" in body
    assert 'name="active_on" value="2024-06-30"' in body
    assert "CyberForum" in body and "Cyber Valley" not in body


def test_it_sorts_partner_names_regardless_of_case(cm_client):
    for name in ("Werk150", "de:hub Karlsruhe", "ARENA2036"):
        PartnerFactory(organisation__name=name)
    response = cm_client.get(reverse("partners:index"))
    names = [p.organisation.name for p in response.context["listing"].object_list]
    assert names == ["ARENA2036", "de:hub Karlsruhe", "Werk150"]
    response = cm_client.get(reverse("partners:index"), {"sort": "-name"})
    names = [p.organisation.name for p in response.context["listing"].object_list]
    assert names == ["Werk150", "de:hub Karlsruhe", "ARENA2036"]


def test_it_offers_to_create_a_missing_organisation(cm_client):
    response = cm_client.get(reverse("partners:partner_create"), {"q": "Gibt es nicht"})
    assert reverse("contacts:organisation_create") in response.content.decode()


def test_the_create_form_names_first_contacts_by_german_date(cm_client, region):
    organisation = OrganisationFactory(region=region)
    FirstContactFactory(organisation=organisation, region=region, date=D(2024, 3, 13))
    response = cm_client.get(reverse("partners:partner_create"), {"organisation": organisation.pk})
    assert "13. März 2024 · " in response.content.decode()


def test_it_escapes_free_text(cm_client):
    partner = PartnerFactory(contribution="<script>alert(1)</script>")
    response = cm_client.get(reverse("partners:partner_detail", args=[partner.pk]))
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_the_list_query_count_does_not_grow_with_rows(cm_client, count_queries, region):
    url = reverse("partners:index")
    PartnerFactory.create_batch(5, regions=[region])
    few = count_queries(cm_client, url, per_page=200)
    PartnerFactory.create_batch(95, regions=[region])
    many = count_queries(cm_client, url, per_page=200)
    assert Partner.objects.count() == 100
    assert few == many


def test_it_shows_events_rounds_and_first_contacts(cm_client, region):
    partner = PartnerFactory(regions=[region])
    organisation = partner.organisation
    EventFactory(title="KI-Night Karlsruhe", co_organisers=[organisation])
    involved = EventFactory(title="Messe Learntec")
    involved.organisations.add(organisation)
    EventFactory(title="Fremde Veranstaltung")
    ki_round = KIChallengeRoundFactory(title="KI-Challenge Smart Eco-Events")
    ki_round.partners.add(organisation)
    FirstContactFactory(organisation=organisation, date=D(2024, 2, 7))
    response = cm_client.get(reverse("partners:partner_detail", args=[partner.pk]))
    context = response.context
    assert [e.title for e in context["co_organised_events"]] == ["KI-Night Karlsruhe"]
    assert [e.title for e in context["involved_events"]] == ["Messe Learntec"]
    assert [r.title for r in context["ki_challenge_rounds"]] == ["KI-Challenge Smart Eco-Events"]
    body = response.content.decode()
    assert "7. Februar 2024" in body
    assert "Fremde Veranstaltung" not in body


# --- create ----------------------------------------------------------------


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


# --- update, end, reactivate ----------------------------------------------


def test_a_cm_changes_a_partner_of_own_region(cm_client, region):
    partner = PartnerFactory(regions=[region])
    response = cm_client.post(
        reverse("partners:partner_update", args=[partner.pk]),
        update_data(partner, category="media"),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.category == "media" and partner.version == 2


def test_a_cm_cannot_change_a_partner_of_another_region(cm_client, other_region):
    partner = PartnerFactory(regions=[other_region], category="network")
    for name in ("partner_update", "partner_end", "partner_reactivate"):
        assert cm_client.get(reverse(f"partners:{name}", args=[partner.pk])).status_code == 403
    response = cm_client.post(
        reverse("partners:partner_update", args=[partner.pk]),
        update_data(partner, category="media"),
    )
    assert response.status_code == 403
    response = cm_client.post(
        reverse("partners:partner_end", args=[partner.pk]),
        {"ended": "2024-12-31", "version": 1},
    )
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.category == "network" and partner.version == 1 and partner.is_active


def test_a_cm_cannot_change_a_statewide_partner(cm_client, region):
    partner = PartnerFactory(is_statewide=True, regions=[region])
    response = cm_client.post(
        reverse("partners:partner_end", args=[partner.pk]), {"ended": "2024-12-31", "version": 1}
    )
    assert response.status_code == 403
    assert PartnershipSpan.objects.get().ended is None


def test_the_office_changes_any_partner(office_client, other_region):
    partner = PartnerFactory(regions=[other_region])
    response = office_client.post(
        reverse("partners:partner_update", args=[partner.pk]),
        update_data(partner, is_public=""),
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert not partner.is_public


def test_it_refuses_a_stale_edit(cm_client, region):
    partner = PartnerFactory(regions=[region], category="network")
    data = update_data(partner, category="media")
    Partner.objects.filter(pk=partner.pk).update(version=2)
    response = cm_client.post(reverse("partners:partner_update", args=[partner.pk]), data)
    assert "inzwischen von jemand anderem" in response.content.decode()
    partner.refresh_from_db()
    assert partner.category == "network"


def test_it_ends_and_reactivates(cm_client, region):
    partner = PartnerFactory(regions=[region], since=D(2024, 3, 1))
    response = cm_client.post(
        reverse("partners:partner_end", args=[partner.pk]),
        {"ended": "2024-08-31", "reason": "Projekt beendet", "version": 1},
    )
    assert response.status_code == 302
    assert not Partner.objects.get().is_active
    response = cm_client.post(
        reverse("partners:partner_reactivate", args=[partner.pk]),
        {"since": "2024-11-01", "version": 2},
    )
    assert response.status_code == 302
    body = cm_client.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    assert "1. März 2024 bis 31. August 2024" in body
    assert "Projekt beendet" in body
    assert "seit 1. November 2024" in body


def test_it_refuses_ending_before_the_start(cm_client, region):
    partner = PartnerFactory(regions=[region], since=D(2024, 3, 1))
    response = cm_client.post(
        reverse("partners:partner_end", args=[partner.pk]),
        {"ended": "2024-02-28", "version": 1},
    )
    assert response.status_code == 200
    assert "nicht vor dem Beginn" in response.content.decode()
    assert PartnershipSpan.objects.get().ended is None


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


def test_it_replaces_and_clears_the_logo(cm_client, region):
    partner = PartnerFactory(regions=[region])
    url = reverse("partners:partner_update", args=[partner.pk])
    response = cm_client.post(url, update_data(partner, logo=png_upload()))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.logo.name.startswith("partners/logos/") and partner.logo.size > 0
    response = cm_client.post(url, update_data(partner, **{"logo-clear": "on"}))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert not partner.logo


def test_it_refuses_an_edit_without_version(cm_client, region):
    partner = PartnerFactory(regions=[region], category="network")
    data = update_data(partner, category="media")
    del data["version"]
    response = cm_client.post(reverse("partners:partner_update", args=[partner.pk]), data)
    assert response.status_code == 200
    partner.refresh_from_db()
    assert partner.category == "network"


def test_it_ignores_a_malformed_organisation_parameter(cm_client):
    response = cm_client.get(reverse("partners:partner_create"), {"organisation": "abc"})
    assert response.status_code == 200
