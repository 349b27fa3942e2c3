import pytest
from django.urls import reverse

from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import AdminUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdminUserFactory(username="admin"))
    return client


def test_the_admin_pages_for_events_and_rounds_open(admin_client, region):
    event = EventFactory(region=region)
    challenge_round = KIChallengeRoundFactory(region=region)
    for url in (
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_add"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_kichallengeround_changelist"),
        reverse("admin:events_kichallengeround_change", args=[challenge_round.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_an_admin_edit_raises_the_sequence(admin_client, region):
    event = EventFactory(region=region, title="Alt")
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        title="Neu",
        start_date="2024-10-10",
        end_date="2024-10-10",
        region=region.pk,
        **{
            f"{prefix}-{suffix}": value
            for prefix in ("work_packages", "photos")
            for suffix, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    )
    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert (event.title, event.sequence, event.version) == ("Neu", 1, 2)
