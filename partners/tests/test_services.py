import datetime

import pytest
from django.core.exceptions import ValidationError

from contacts.extensions import run_membership_checks
from contacts.models import Organisation
from contacts.services.organisations import organisation_update
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from partners.models import Partner, PartnerCategory, PartnershipSpan
from partners.services import (
    membership_check,
    partner_create,
    partner_end,
    partner_reactivate,
    partner_update,
)
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MEMBER = Organisation.MembershipStatus.MEMBER
COOPERATIVE = Organisation.MembershipStatus.COOPERATIVE_MEMBER


def test_it_creates_a_partner_with_an_open_span(region):
    organisation = OrganisationFactory(region=region)
    partner = partner_create(
        organisation=organisation,
        category=PartnerCategory.CHAMBER,
        since=D(2024, 5, 1),
        regions=[region],
        brings_network=True,
    )
    assert partner.is_active
    assert list(partner.regions.all()) == [region]
    assert partner.spans.get().since == D(2024, 5, 1)
    assert partner.permission_region_ids() == [region.id]


@pytest.mark.parametrize("status", [MEMBER, COOPERATIVE])
def test_it_refuses_to_make_a_member_a_partner(status):
    organisation = OrganisationFactory(membership_status=status)
    with pytest.raises(ValidationError) as error:
        partner_create(organisation=organisation, category="network", since=D(2024, 5, 1))
    assert "kann deshalb nicht Partner:in sein" in str(error.value.message_dict["organisation"])
    assert not Partner.objects.exists()


def test_it_refuses_a_second_partner_for_the_same_organisation():
    partner = PartnerFactory()
    with pytest.raises(ValidationError, match="bereits als Partner:in erfasst"):
        partner_create(organisation=partner.organisation, category="network", since=D(2024, 5, 1))
    assert Partner.objects.count() == 1


def test_it_refuses_a_first_contact_of_another_organisation():
    organisation = OrganisationFactory()
    other_contact = FirstContactFactory()
    with pytest.raises(ValidationError) as error:
        partner_create(
            organisation=organisation,
            category="network",
            since=D(2024, 5, 1),
            first_contact=other_contact,
        )
    assert "first_contact" in error.value.message_dict
    assert not Partner.objects.exists()


@pytest.mark.parametrize("status", [MEMBER, COOPERATIVE])
def test_it_refuses_making_an_active_partner_a_member_through_contacts(status):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as error:
        run_membership_checks(partner.organisation, status)
    assert "Beenden Sie zuerst die Partnerschaft" in str(
        error.value.message_dict["membership_status"]
    )


def test_it_allows_membership_after_the_partnership_ended():
    partner = PartnerFactory(since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    assert membership_check(partner.organisation, MEMBER) is None
    organisation = Organisation.objects.get(pk=partner.organisation_id)
    organisation_update(
        organisation=organisation, version=organisation.version, membership_status=MEMBER
    )
    organisation.refresh_from_db()
    assert organisation.membership_status == MEMBER


def test_it_allows_other_organisations_to_become_members():
    PartnerFactory()
    outsider = OrganisationFactory()
    organisation_update(organisation=outsider, version=outsider.version, membership_status=MEMBER)
    outsider.refresh_from_db()
    assert outsider.membership_status == MEMBER
    # A partner may go back to „kein Mitglied“ without ending the partnership.
    partner = PartnerFactory(organisation__membership_status=MEMBER)
    assert run_membership_checks(partner.organisation, Organisation.MembershipStatus.NONE) is None


def test_it_ends_and_keeps_the_history():
    partner = PartnerFactory(since=D(2024, 1, 1))
    span = partner_end(partner=partner, ended=D(2024, 6, 30), reason="Fokus geändert", version=1)
    partner.refresh_from_db()
    assert not partner.is_active
    assert span.ended == D(2024, 6, 30) and span.end_reason == "Fokus geändert"
    assert partner.version == 2
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_it_refuses_ending_before_the_start():
    partner = PartnerFactory(since=D(2024, 5, 1))
    with pytest.raises(ValidationError) as error:
        partner_end(partner=partner, ended=D(2024, 4, 30))
    assert "nicht vor dem Beginn" in str(error.value.message_dict["ended"])
    assert PartnershipSpan.objects.get().ended is None
    partner.refresh_from_db()
    assert partner.version == 1


def test_it_refuses_ending_twice():
    partner = PartnerFactory(since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    with pytest.raises(ValidationError, match="bereits beendet"):
        partner_end(partner=partner, ended=D(2024, 7, 30))


def test_it_reactivates_with_a_new_span():
    partner = PartnerFactory(since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    partner_reactivate(partner=partner, since=D(2024, 9, 1))
    partner.refresh_from_db()
    assert partner.is_active
    assert partner.spans.count() == 2


def test_it_refuses_reactivating_a_member():
    partner = PartnerFactory(since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    Organisation.objects.filter(pk=partner.organisation_id).update(membership_status=MEMBER)
    with pytest.raises(ValidationError, match="nicht Partner:in sein"):
        partner_reactivate(partner=partner, since=D(2024, 9, 1))
    assert partner.spans.count() == 1


def test_it_refuses_reactivating_inside_the_last_span():
    partner = PartnerFactory(since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    with pytest.raises(ValidationError, match="nach dem Ende"):
        partner_reactivate(partner=partner, since=D(2024, 6, 30))
    with pytest.raises(ValidationError, match="bereits aktiv"):
        partner_reactivate(partner=PartnerFactory(), since=D(2025, 1, 1))


def test_it_updates_with_the_current_version_only():
    partner = PartnerFactory(category=PartnerCategory.NETWORK)
    partner_update(partner=partner, version=1, category=PartnerCategory.MEDIA)
    partner.refresh_from_db()
    assert partner.category == PartnerCategory.MEDIA and partner.version == 2
    with pytest.raises(ValidationError, match="inzwischen von jemand anderem"):
        partner_update(partner=partner, version=1, category=PartnerCategory.CHAMBER)
    partner.refresh_from_db()
    assert partner.category == PartnerCategory.MEDIA


def test_statewide_partners_belong_to_the_office_only(region):
    partner = PartnerFactory(is_statewide=True, regions=[region])
    assert partner.permission_region_ids() == []
