"""Organisation pages: detail, create, edit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts import extensions
from contacts.models import Organisation
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


class TestOrganisationPages:
    def test_the_page_shows_timeline_persons_status_and_panels(
        self, cm_client, region, monkeypatch
    ):
        monkeypatch.setattr(extensions, "_organisation_panels", {})
        extensions.register_organisation_panel(
            extensions.OrganisationPanel(
                "test",
                "contacts/partials/person_choices.html",
                lambda org, user: {"persons": [PersonFactory.build(last_name="Panelperson", pk=1)]},
            )
        )
        organisation = OrganisationFactory(region=region, membership_status="member")
        FirstContactFactory(
            region=region, organisation=organisation, date=datetime.date(2024, 3, 13)
        )
        PersonFactory(organisation=organisation, last_name="Musterfrau")
        html = cm_client.get(
            reverse("contacts:organisation_detail", args=[organisation.pk])
        ).content.decode()
        assert "13. März 2024" in html
        assert "Musterfrau" in html
        assert "Mitglied" in html
        assert 'data-panel="test"' in html
        assert "Panelperson" in html

    def org_data(self, organisation, **overrides):
        data = {
            "name": organisation.name,
            "kind": organisation.kind,
            "region": str(organisation.region_id),
            "membership_status": organisation.membership_status,
            "version": str(organisation.version),
            "website": "",
        }
        data.update(overrides)
        return data

    def test_a_manager_creates_in_own_region_only(self, cm_client, region, other_region):
        url = reverse("contacts:organisation_create")
        response = cm_client.post(
            url,
            {
                "name": "Eigen GmbH",
                "kind": "company",
                "region": region.pk,
                "membership_status": "none",
            },
        )
        assert response.status_code == 302
        response = cm_client.post(
            url,
            {
                "name": "Fremd GmbH",
                "kind": "company",
                "region": other_region.pk,
                "membership_status": "none",
            },
        )
        assert response.status_code == 403
        assert list(Organisation.objects.values_list("name", flat=True)) == ["Eigen GmbH"]

    def test_it_refuses_an_empty_name(self, cm_client, region):
        response = cm_client.post(
            reverse("contacts:organisation_create"),
            {"name": "", "kind": "company", "region": region.pk, "membership_status": "none"},
        )
        assert response.status_code == 200
        assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
        assert not Organisation.objects.exists()

    def test_membership_check_errors_show_on_the_form(self, cm_client, region, monkeypatch):
        monkeypatch.setattr(extensions, "_membership_checks", [])

        def refuse(organisation, new_status):
            raise ValidationError(
                {"membership_status": "Aktive Partner:in kann nicht Mitglied werden."}
            )

        extensions.register_membership_check(refuse)
        organisation = OrganisationFactory(region=region)
        response = cm_client.post(
            reverse("contacts:organisation_edit", args=[organisation.pk]),
            self.org_data(organisation, membership_status="member"),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["membership_status"] == [
            "Aktive Partner:in kann nicht Mitglied werden."
        ]
        organisation.refresh_from_db()
        assert organisation.membership_status == "none"

    def test_a_manager_may_not_edit_another_regions_organisation(self, cm_client, other_region):
        organisation = OrganisationFactory(region=other_region, name="Fremd GmbH")
        url = reverse("contacts:organisation_edit", args=[organisation.pk])
        assert cm_client.get(url).status_code == 403
        assert cm_client.post(url, self.org_data(organisation, name="Meins")).status_code == 403
        organisation.refresh_from_db()
        assert organisation.name == "Fremd GmbH"

    def test_it_refuses_a_stale_edit(self, cm_client, region):
        organisation = OrganisationFactory(region=region, name="Alt GmbH")
        Organisation.objects.filter(pk=organisation.pk).update(version=5)
        response = cm_client.post(
            reverse("contacts:organisation_edit", args=[organisation.pk]),
            self.org_data(organisation, name="Neu GmbH", version="1"),
        )
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        organisation.refresh_from_db()
        assert organisation.name == "Alt GmbH"


def test_the_organisation_page_has_a_fixed_query_count(cm_client, region, count_queries):
    organisation = OrganisationFactory(region=region)
    offer = OfferFactory()
    url = reverse("contacts:organisation_detail", args=[organisation.pk])

    def add(n):
        for day in range(n):
            FirstContactFactory(
                region=region,
                organisation=organisation,
                date=datetime.date(2024, 3, 1) + datetime.timedelta(days=day + add.offset),
                offers=[offer],
                referral_offer=offer,
                persons=[PersonFactory(organisation=organisation)],
                potentials=["speaker"],
            )
        add.offset += n

    add.offset = 0
    add(2)
    few = count_queries(cm_client, url)
    add(20)
    assert count_queries(cm_client, url) == few


def test_the_list_sorts_by_name_ignoring_case_and_spelling_umlauts_out(office_client, region):
    for name in [
        "Zeppelin GmbH",
        "Österreich Werbung",
        "AHK Greater China",
        "Obst AG",
        "abc Start-up",
        "Ackermann GmbH",
        "Ölmühle Müller",
        "Öko-Institut e.V.",
    ]:
        OrganisationFactory(name=name)
    url = reverse("contacts:organisation_list")

    ascending = [o.name for o in office_client.get(url).context["listing"].object_list]
    descending = [
        o.name for o in office_client.get(url, {"sort": "-name"}).context["listing"].object_list
    ]

    expected = [
        "abc Start-up",
        "Ackermann GmbH",
        "AHK Greater China",
        "Obst AG",
        "Öko-Institut e.V.",
        "Ölmühle Müller",
        "Österreich Werbung",
        "Zeppelin GmbH",
    ]
    assert ascending == expected
    assert descending == expected[::-1]
