"""The partner list and a partner's page."""

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from partners.tests.views_support import D

pytestmark = pytest.mark.django_db


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
