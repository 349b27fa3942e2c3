"""The partners pages for the three personas (``kiallianz/tests/personas.py``)."""

import pytest
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from kiallianz.tests.personas import (
    assert_create_page,
    assert_read_page,
    assert_three_personas,
    shown_form_data,
)
from partners.services import partner_end
from partners.tests.factories import PartnerFactory
from partners.tests.views_support import D, create_data

pytestmark = pytest.mark.django_db


def test_changing_a_partner_for_the_three_personas(region, cm_user, other_cm_user):
    partner = PartnerFactory(regions=[region])
    url = reverse("partners:partner_update", args=[partner.pk])
    data = shown_form_data(cm_user, url, public_description="Netzwerk für KI im Handwerk.")
    assert_three_personas(url, data, allowed=cm_user, refused=other_cm_user)
    partner.refresh_from_db()
    assert partner.public_description == "Netzwerk für KI im Handwerk."


def test_ending_a_partnership_for_the_three_personas(region, cm_user, other_cm_user):
    partner = PartnerFactory(regions=[region], since=D(2024, 1, 1))
    url = reverse("partners:partner_end", args=[partner.pk])
    data = shown_form_data(cm_user, url, ended="2024-12-31", reason="Fokus geändert")
    assert_three_personas(url, data, allowed=cm_user, refused=other_cm_user)
    partner.refresh_from_db()
    assert not partner.is_active


def test_reactivating_a_partnership_for_the_three_personas(region, cm_user, other_cm_user):
    partner = PartnerFactory(regions=[region], since=D(2024, 1, 1))
    partner_end(partner=partner, ended=D(2024, 6, 30))
    url = reverse("partners:partner_reactivate", args=[partner.pk])
    data = shown_form_data(cm_user, url, since="2024-09-01")
    assert_three_personas(url, data, allowed=cm_user, refused=other_cm_user)
    partner.refresh_from_db()
    assert partner.is_active


def test_creating_a_partner_for_the_three_personas(region, cm_user, other_cm_user):
    organisation = OrganisationFactory(region=region)
    assert_create_page(
        reverse("partners:partner_create"),
        create_data(organisation, region),
        allowed=cm_user,
        refused=other_cm_user,
    )
    assert organisation.partner.regions.get() == region


def test_the_pages_that_read_need_a_login_only(region, other_cm_user):
    partner = PartnerFactory(regions=[region])
    for url in [reverse("partners:index"), reverse("partners:partner_detail", args=[partner.pk])]:
        assert_read_page(url, reader=other_cm_user)
