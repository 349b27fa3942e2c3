"""The quality-check queue of the office."""

import datetime

import pytest
from django.urls import reverse

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory

pytestmark = pytest.mark.django_db


class TestQualityQueue:
    def test_managers_are_refused(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        assert cm_client.get(reverse("contacts:quality_queue")).status_code == 403
        response = cm_client.post(
            reverse("contacts:quality_queue"), {"first_contacts": [fc.pk], "relevance": "3"}
        )
        assert response.status_code == 403
        response = cm_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]), {"quality_status": "checked"}
        )
        assert response.status_code == 403
        fc.refresh_from_db()
        assert fc.quality_status == "new" and fc.reviewed_by is None

    def test_office_checks_in_bulk(self, office_client, office_user, region):
        first, second = FirstContactFactory(region=region), FirstContactFactory(region=region)
        done = FirstContactFactory(region=region, quality_status="checked")
        listing = office_client.get(reverse("contacts:quality_queue")).context["listing"]
        assert set(listing.object_list) == {first, second}
        response = office_client.post(
            reverse("contacts:quality_queue"), {"first_contacts": [first.pk], "relevance": "3"}
        )
        assert response.status_code == 302
        first.refresh_from_db()
        assert (first.quality_status, first.relevance, first.reviewed_by) == (
            "checked",
            3,
            office_user,
        )
        assert FirstContact.objects.get(pk=second.pk).quality_status == "new"
        assert FirstContact.objects.get(pk=done.pk).reviewed_by is None

    def test_the_queue_filters_by_region(self, office_client, region, other_region):
        mine = FirstContactFactory(region=region)
        FirstContactFactory(region=other_region, organisation__region=other_region)
        listing = office_client.get(
            reverse("contacts:quality_queue"), {"region": region.pk}
        ).context["listing"]
        assert list(listing.object_list) == [mine]

    def test_office_changes_one_status(self, office_client, office_user, region):
        fc = FirstContactFactory(region=region, quality_status="checked")
        response = office_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]),
            {"quality_status": "in_ecosystem", "relevance": "2"},
        )
        assert response.status_code == 302
        fc.refresh_from_db()
        assert (fc.quality_status, fc.relevance, fc.reviewed_by) == ("in_ecosystem", 2, office_user)

    def test_queue_query_count_is_fixed(self, office_client, region, count_queries):
        FirstContactFactory.create_batch(3, region=region, potentials=["speaker"])
        few = count_queries(office_client, reverse("contacts:quality_queue"), per_page=200)
        FirstContactFactory.create_batch(30, region=region, potentials=["speaker"])
        assert count_queries(office_client, reverse("contacts:quality_queue"), per_page=200) == few


class TestQualityQueueKeepsTheOfficesPlace:
    """Issue 16 defect 4."""

    def test_bulk_check_returns_to_the_same_filter_with_a_singular_message(
        self, office_client, region
    ):
        fc = FirstContactFactory(region=region)
        url = f"{reverse('contacts:quality_queue')}?region={region.pk}&sort=organisation"
        response = office_client.post(url, {"first_contacts": [fc.pk], "relevance": "3"})
        assert response.status_code == 302
        assert response["Location"] == url
        page = office_client.get(response["Location"])
        assert [str(m) for m in page.context["messages"]] == [
            "1 Erstgespräch als geprüft markiert."
        ]
        fc.refresh_from_db()
        assert fc.quality_status == "checked"

    def test_it_shows_the_count_and_the_newest_first(self, office_client, region):
        older = FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
        newer = FirstContactFactory(region=region, date=datetime.date(2024, 9, 1))
        FirstContactFactory(region=region, quality_status="checked")
        response = office_client.get(reverse("contacts:quality_queue"))
        assert list(response.context["listing"].object_list) == [newer, older]
        assert '<span id="queue-count">2 ungeprüfte Erstgespräche</span>' in response.text

    def test_a_single_review_returns_to_the_same_filter(self, office_client, region):
        fc = FirstContactFactory(region=region)
        queue = f"{reverse('contacts:quality_queue')}?region={region.pk}&sort=organisation"
        assert f'name="next" value="{queue.replace("&", "&amp;")}"' in office_client.get(queue).text
        response = office_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]),
            {"quality_status": "checked", "relevance": "3", "next": queue},
        )
        assert response["Location"] == queue

    def test_a_single_review_never_leaves_the_site(self, office_client, region):
        fc = FirstContactFactory(region=region)
        response = office_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]),
            {"quality_status": "checked", "relevance": "3", "next": "https://evil.example/"},
        )
        assert response["Location"] == reverse("contacts:first_contact_detail", args=[fc.pk])
