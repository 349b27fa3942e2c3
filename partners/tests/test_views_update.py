"""Changing, ending and re-activating a partner."""

import pytest
from django.urls import reverse

from partners.models import Partner, PartnershipSpan
from partners.tests.factories import PartnerFactory
from partners.tests.views_support import D, png_upload, update_data

pytestmark = pytest.mark.django_db


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
