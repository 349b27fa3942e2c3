"""Who reaches the contact pages, error pages and escaping."""

import pytest
from django.urls import reverse

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.views_support import LIST_URLS, capture_data

pytestmark = pytest.mark.django_db


class TestAccess:
    @pytest.mark.parametrize(
        "name",
        [
            *LIST_URLS,
            "contacts:first_contact_create",
            "contacts:follow_ups",
            "contacts:quality_queue",
            "contacts:organisation_create",
            "contacts:person_create",
        ],
    )
    def test_it_sends_anonymous_users_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_it_sends_anonymous_posts_to_login_and_saves_nothing(self, client, region):
        response = client.post(reverse("contacts:first_contact_create"), capture_data(region))
        assert response.status_code == 302
        assert not FirstContact.objects.exists()

    def test_every_signed_in_user_reads_every_page(self, cm_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        person = PersonFactory(organisation=fc.organisation)
        for url in [
            reverse("contacts:first_contact_detail", args=[fc.pk]),
            reverse("contacts:organisation_detail", args=[fc.organisation_id]),
            reverse("contacts:person_detail", args=[person.pk]),
        ]:
            assert cm_client.get(url).status_code == 200


class TestErrorPages:
    def test_a_forbidden_page_explains_itself_in_german(self, cm_client):
        response = cm_client.get(reverse("contacts:quality_queue"))
        assert response.status_code == 403
        body = response.content.decode()
        assert "Keine Berechtigung" in body
        assert reverse("contacts:index") in body  # the usual navigation stays

    def test_a_missing_record_says_so_in_german(self, cm_client):
        response = cm_client.get(reverse("contacts:first_contact_detail", args=[999999]))
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.content.decode()


class TestEscaping:
    def test_free_text_is_escaped(self, cm_client, region):
        evil = "<script>alert('x')</script>"
        organisation = OrganisationFactory(region=region, name=evil, notes=evil)
        person = PersonFactory(organisation=organisation, last_name=evil, notes=evil)
        fc = FirstContactFactory(
            region=region, organisation=organisation, persons=[person], content=evil
        )
        for url in [
            reverse("contacts:index"),
            reverse("contacts:first_contact_detail", args=[fc.pk]),
            reverse("contacts:organisation_detail", args=[organisation.pk]),
            reverse("contacts:person_detail", args=[person.pk]),
            reverse("contacts:organisation_list"),
            reverse("contacts:person_list"),
        ]:
            html = cm_client.get(url).content.decode()
            assert evil not in html, url
            assert "&lt;script&gt;" in html, url
