import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import FirstContactFactory
from reporting import selectors
from reporting.tests.factories import FundingProjectFactory


@pytest.mark.django_db
def test_it_picks_the_most_recently_started_project_unless_asked():
    older = FundingProjectFactory(start_date=datetime.date(2021, 1, 1))
    newer = FundingProjectFactory(start_date=datetime.date(2024, 1, 1))
    assert selectors.funding_project_current() == newer
    assert selectors.funding_project_current(project_id=older.pk) == older
    assert selectors.funding_project_current(project_id=0) is None


@pytest.mark.django_db
def test_it_leaves_thematic_and_inactive_regions_out_of_the_matrix(region, other_region):
    from kiallianz.tests.factories import RegionFactory

    RegionFactory(name="Internationalisierung", is_thematic=True)
    RegionFactory(name="Alt", is_active=False)
    assert selectors.regions_for_matrix() == [other_region, region]


@pytest.mark.django_db
def test_it_counts_the_users_due_follow_ups(cm_user, other_cm_user, region):
    today = datetime.date(2024, 6, 1)
    FirstContactFactory(community_manager=cm_user, region=region, follow_up_date=today)
    FirstContactFactory(
        community_manager=cm_user, region=region, follow_up_date=datetime.date(2024, 7, 1)
    )
    FirstContactFactory(community_manager=other_cm_user, region=region, follow_up_date=today)
    FirstContactFactory(
        community_manager=cm_user, region=region, follow_up_date=today, follow_up_done=True
    )
    assert selectors.due_follow_up_count(user=cm_user, today=today) == 1


@pytest.mark.django_db
def test_the_follow_up_count_matches_the_list_it_links_to(cm_client, cm_user, region):
    """Issue 16 defect 2: the dashboard said 3 while „Meine Wiedervorlagen“ listed 5."""
    today = timezone.localdate()
    for days in (-3, 0, 2, 7, 8):
        FirstContactFactory(
            community_manager=cm_user,
            region=region,
            follow_up_date=today + datetime.timedelta(days=days),
        )
    response = cm_client.get(reverse("contacts:follow_ups"))
    listed = len(response.context["overdue"]) + len(response.context["due"])
    assert listed == 4
    assert selectors.due_follow_up_count(user=cm_user, today=today) == listed
