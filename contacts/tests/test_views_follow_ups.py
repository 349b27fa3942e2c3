"""„Meine Wiedervorlagen“ and marking a follow-up done."""

import datetime

import pytest
from django.urls import reverse

from contacts.tests.factories import FirstContactFactory
from contacts.tests.views_support import TODAY

pytestmark = pytest.mark.django_db


class TestFollowUps:
    def test_it_lists_only_my_open_due_follow_ups(self, cm_client, cm_user, other_cm_user, region):
        today = TODAY()
        overdue = FirstContactFactory(
            region=region,
            community_manager=cm_user,
            follow_up_date=today - datetime.timedelta(days=3),
        )
        due = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=today)
        FirstContactFactory(
            region=region, community_manager=cm_user, follow_up_date=today, follow_up_done=True
        )
        FirstContactFactory(
            region=region,
            community_manager=cm_user,
            follow_up_date=today + datetime.timedelta(days=30),
        )
        FirstContactFactory(region=region, community_manager=other_cm_user, follow_up_date=today)
        context = cm_client.get(reverse("contacts:follow_ups")).context
        assert context["overdue"] == [overdue]
        assert context["due"] == [due]

    def test_it_says_when_nothing_is_due(self, cm_client):
        body = cm_client.get(reverse("contacts:follow_ups")).content.decode()
        assert "Nichts überfällig." in body
        assert "In den nächsten Tagen ist nichts fällig." in body

    def test_it_marks_done(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        response = cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk]))
        assert response.status_code == 302
        fc.refresh_from_db()
        assert fc.follow_up_done

    def test_the_first_contact_page_marks_done_and_returns_there(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        page = reverse("contacts:first_contact_detail", args=[fc.pk])
        assert "Als erledigt markieren" in cm_client.get(page).content.decode()
        response = cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk]), {"next": page})
        assert response.status_code == 302 and response.url == page
        fc.refresh_from_db()
        assert fc.follow_up_done

    def test_it_never_returns_to_another_site(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        response = cm_client.post(
            reverse("contacts:follow_up_done", args=[fc.pk]), {"next": "https://evil.example/"}
        )
        assert response.url == reverse("contacts:follow_ups")

    def test_another_regions_manager_may_not_mark_done(self, cm_client, other_region):
        fc = FirstContactFactory(
            region=other_region, organisation__region=other_region, follow_up_date=TODAY()
        )
        assert cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk])).status_code == 403
        fc.refresh_from_db()
        assert not fc.follow_up_done

    def test_done_needs_post(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        assert cm_client.get(reverse("contacts:follow_up_done", args=[fc.pk])).status_code == 405
