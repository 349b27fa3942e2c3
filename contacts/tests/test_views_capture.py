"""The capture screen: new and edited first contacts."""

import pytest
from django.urls import reverse

from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.views_support import TODAY, capture_data
from kiallianz.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


class TestCapture:
    def test_it_defaults_date_and_region_and_offers_only_own_regions(
        self, cm_client, region, other_region
    ):
        form = cm_client.get(reverse("contacts:first_contact_create")).context["form"]
        assert form.initial["date"] == TODAY()
        assert form.initial["region"] == region.pk
        assert list(form.fields["region"].queryset) == [region]

    def test_it_creates_a_first_contact_with_a_new_organisation_and_person(
        self, cm_client, cm_user, region
    ):
        offer = OfferFactory(name="KI-Challenge")
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, offers=[offer.pk])
        )
        fc = FirstContact.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("contacts:first_contact_detail", args=[fc.pk])
        assert fc.organisation.name == "Neue Werkstatt GmbH"
        assert fc.community_manager == cm_user
        assert fc.persons.get().phone == "+49 721 1234567"
        assert list(fc.offers.all()) == [offer]

    def test_it_keeps_the_report_text_of_a_referral(self, cm_client, region):
        offer = OfferFactory(name="KI-Innovation Lab")
        data = capture_data(region, referral_offer=offer.pk, report_text="Interesse an KI.")
        assert cm_client.post(reverse("contacts:first_contact_create"), data).status_code == 302
        fc = FirstContact.objects.get()
        assert (fc.referral_offer, fc.report_text) == (offer, "Interesse an KI.")
        page = cm_client.get(reverse("contacts:first_contact_detail", args=[fc.pk])).text
        assert "Interesse an KI." in page

    def test_it_links_an_existing_organisation_and_person(self, cm_client, region):
        organisation = OrganisationFactory(region=region)
        person = PersonFactory(organisation=organisation)
        data = capture_data(
            region,
            create_organisation="",
            organisation=str(organisation.pk),
            persons=[str(person.pk)],
            **{"person-0-first_name": "", "person-0-last_name": "", "person-0-email": ""},
        )
        data["person-0-phone"] = data["person-0-function"] = ""
        assert cm_client.post(reverse("contacts:first_contact_create"), data).status_code == 302
        fc = FirstContact.objects.get()
        assert fc.organisation == organisation
        assert list(fc.persons.all()) == [person]

    def test_it_warns_about_duplicates_before_saving(self, cm_client, region):
        existing = OrganisationFactory(name="Neue Werkstatt AG", region=region)
        colleague = PersonFactory(email="mia@neue-werkstatt.example.org")
        url = reverse("contacts:first_contact_create")
        response = cm_client.post(url, capture_data(region))
        assert response.status_code == 200
        assert not FirstContact.objects.exists()
        assert Organisation.objects.count() == 2  # existing + colleague's
        html = response.content.decode()
        assert "Mögliche Dubletten" in html
        assert reverse("contacts:organisation_detail", args=[existing.pk]) in html
        assert reverse("contacts:person_detail", args=[colleague.pk]) in html
        # Pick the existing organisation and person instead.
        response = cm_client.post(
            url,
            capture_data(region, use_organisation=str(existing.pk), use_person_0=str(colleague.pk)),
        )
        assert response.status_code == 302
        fc = FirstContact.objects.get()
        assert fc.organisation == existing
        assert list(fc.persons.all()) == [colleague]
        assert Person.objects.count() == 1

    def test_it_creates_the_new_record_when_confirmed(self, cm_client, region):
        OrganisationFactory(name="Neue Werkstatt AG", region=region)
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, confirm_new="1")
        )
        assert response.status_code == 302
        assert Organisation.objects.filter(normalized_name="neue werkstatt").count() == 2

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"person-0-email": "kein-at"}, "email", "gültige E-Mail-Adresse"),
            ({"person-0-phone": "12345"}, "phone", "keine gültige Telefonnummer"),
            ({"new_org_name": "  "}, "new_org_name", "Namen der Organisation"),
            ({"date": "2999-01-01"}, "date", "nicht in der Zukunft"),
            ({"create_organisation": ""}, "organisation_query", "Organisation aus"),
        ],
    )
    def test_it_refuses_bad_input_with_a_german_message(
        self, cm_client, region, overrides, field, message
    ):
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, **overrides)
        )
        assert response.status_code == 200
        form = response.context["form"]
        person_form = response.context["formset"].forms[0]
        errors = form.errors.get(field) or person_form.errors.get(field)
        assert errors and message in " ".join(errors)
        assert message in response.content.decode()
        assert not FirstContact.objects.exists()
        assert not Organisation.objects.exists()
        assert not Person.objects.exists()

    def test_it_refuses_a_forged_region_with_403(self, cm_client, region, other_region):
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(other_region)
        )
        assert response.status_code == 403
        assert not FirstContact.objects.exists()
        assert not Organisation.objects.exists()

    def test_it_refuses_new_persons_in_another_regions_organisation(
        self, cm_client, region, other_region
    ):
        """Issue 11: ``POST /contacts/new/`` with a foreign organisation and
        new person rows creates nobody."""
        foreign = OrganisationFactory(region=other_region)
        data = capture_data(region, create_organisation="", organisation=str(foreign.pk))
        data["confirm_new"] = "1"
        response = cm_client.post(reverse("contacts:first_contact_create"), data)
        assert response.status_code == 403
        assert not Person.objects.exists()
        assert not FirstContact.objects.exists()

    def test_a_first_contact_with_another_regions_organisation_is_allowed(
        self, cm_client, region, other_region
    ):
        foreign = OrganisationFactory(region=other_region)
        data = capture_data(
            region,
            create_organisation="",
            organisation=str(foreign.pk),
            **{f"person-0-{f}": "" for f in ("first_name", "last_name", "email", "phone")},
        )
        data["person-0-function"] = ""
        response = cm_client.post(reverse("contacts:first_contact_create"), data)
        assert response.status_code == 302
        assert FirstContact.objects.get().organisation == foreign
        assert not Person.objects.exists()

    def test_office_may_capture_in_any_region(self, office_client, other_region):
        response = office_client.post(
            reverse("contacts:first_contact_create"), capture_data(other_region)
        )
        assert response.status_code == 302
        assert FirstContact.objects.get().region == other_region

    def test_autocomplete_finds_organisations(self, cm_client, region):
        OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
        OrganisationFactory(name="Telenot", region=region)
        response = cm_client.get(
            reverse("contacts:organisation_autocomplete"), {"organisation_query": "koch"}
        )
        assert "KOCH Freiburg GmbH" in response.content.decode()
        assert "Telenot" not in response.content.decode()

    def test_live_duplicate_hint_answers(self, cm_client, region):
        OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
        response = cm_client.get(
            reverse("contacts:organisation_duplicates"), {"new_org_name": "Koch Freiburg"}
        )
        assert "KOCH Freiburg GmbH" in response.content.decode()
        assert cm_client.get(reverse("contacts:organisation_duplicates")).status_code == 200


class TestEditFirstContact:
    def edit_data(self, fc, **overrides):
        data = capture_data(
            fc.region,
            create_organisation="",
            organisation=str(fc.organisation_id),
            version=str(fc.version),
            content="Geändert",
            **{"person-0-first_name": "", "person-0-last_name": "", "person-0-email": ""},
        )
        data["person-0-phone"] = data["person-0-function"] = ""
        data.update(overrides)
        return data

    def test_a_manager_edits_in_own_region(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert cm_client.get(url).status_code == 200
        assert cm_client.post(url, self.edit_data(fc)).status_code == 302
        fc.refresh_from_db()
        assert (fc.content, fc.version) == ("Geändert", 2)

    def test_a_manager_may_not_edit_another_region(self, cm_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert cm_client.get(url).status_code == 403
        assert cm_client.post(url, self.edit_data(fc)).status_code == 403
        fc.refresh_from_db()
        assert fc.content != "Geändert"

    def test_an_edit_without_version_is_refused(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        data = self.edit_data(fc)
        del data["version"]
        response = cm_client.post(reverse("contacts:first_contact_edit", args=[fc.pk]), data)
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        fc.refresh_from_db()
        assert fc.content != "Geändert"

    def test_a_manager_may_not_move_a_contact_to_another_region(
        self, cm_client, region, other_region
    ):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        response = cm_client.post(url, self.edit_data(fc, region=str(other_region.pk)))
        assert response.status_code == 403
        fc.refresh_from_db()
        assert (fc.region, fc.version) == (region, 1)

    def test_office_edits_everywhere(self, office_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert office_client.post(url, self.edit_data(fc)).status_code == 302

    def test_it_refuses_a_stale_edit(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        FirstContact.objects.filter(pk=fc.pk).update(version=2)
        response = cm_client.post(url, self.edit_data(fc))
        assert response.status_code == 200
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        fc.refresh_from_db()
        assert fc.content != "Geändert"


def test_capture_page_has_no_cdn(cm_client):
    html = cm_client.get(reverse("contacts:first_contact_create")).content.decode()
    assert "https://" not in html.replace("https://{", "")


def test_new_first_contact_from_the_organisation_page_is_prefilled(cm_client, region):
    organisation = OrganisationFactory(region=region, name="Vioonic GmbH")
    response = cm_client.get(
        reverse("contacts:first_contact_create"), {"organisation": organisation.pk}
    )
    assert response.context["chosen_organisation"] == organisation
    assert 'value="Vioonic GmbH"' in response.content.decode()
