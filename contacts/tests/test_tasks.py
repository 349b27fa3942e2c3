import datetime

import pytest
from django.core import mail
from django.utils import timezone

from contacts import services
from contacts.tasks import send_follow_up_digest, send_follow_up_digests
from contacts.tests.factories import FirstContactFactory


def digest_time() -> str:
    """Now, or 07:00 if it is Monday before the digest is due (deterministic)."""
    now = timezone.localtime()
    if now.weekday() == 0 and now.hour < 7:
        now = now.replace(hour=7, minute=0)
    return now.isoformat()


@pytest.fixture
def follow_ups(cm_user, other_cm_user, region, other_region):
    today = timezone.localdate()
    return {
        "overdue": FirstContactFactory(
            region=region,
            community_manager=cm_user,
            organisation__name="Überfällig GmbH",
            follow_up_date=today - datetime.timedelta(days=4),
            follow_up_note="Unterlagen schicken",
        ),
        "due": FirstContactFactory(
            region=region,
            community_manager=cm_user,
            organisation__name="Bald Fällig AG",
            follow_up_date=today + datetime.timedelta(days=2),
        ),
        "done": FirstContactFactory(
            region=region,
            community_manager=cm_user,
            organisation__name="Erledigt KG",
            follow_up_date=today,
            follow_up_done=True,
        ),
        "other": FirstContactFactory(
            region=other_region,
            organisation__region=other_region,
            community_manager=other_cm_user,
            organisation__name="Fremde Region GmbH",
            follow_up_date=today,
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_it_sends_each_manager_only_their_own_follow_ups(follow_ups, cm_user, other_cm_user):
    assert send_follow_up_digests.delay(digest_time()).get() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [cm_user.email, other_cm_user.email]
    )
    mine = next(m for m in mail.outbox if m.to == [cm_user.email])
    assert mine.subject == "Ihre Wiedervorlagen: 2 offen"
    assert "Überfällig GmbH" in mine.body and "Unterlagen schicken" in mine.body
    assert "Bald Fällig AG" in mine.body
    assert "Erledigt KG" not in mine.body
    assert "Fremde Region GmbH" not in mine.body
    assert f"/contacts/{follow_ups['overdue'].pk}/" in mine.body
    assert "Überfällig:" in mine.body  # German, whatever the active language


@pytest.mark.django_db
def test_it_sends_nothing_without_open_follow_ups(cm_user, region):
    FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=None)
    assert send_follow_up_digest.delay(cm_user.pk, digest_time()).get() is False
    assert services.follow_up_digest_send(manager_id=999_999) is False
    assert mail.outbox == []


@pytest.mark.worker
def test_it_sends_the_digest_through_the_real_worker(celery_worker, cm_user, region):
    FirstContactFactory(
        region=region,
        community_manager=cm_user,
        organisation__name="Worker GmbH",
        follow_up_date=timezone.localdate(),
    )
    # The worker process has its own mail backend; the result says it sent.
    assert send_follow_up_digest.delay(cm_user.pk, digest_time()).get(timeout=30) is True
