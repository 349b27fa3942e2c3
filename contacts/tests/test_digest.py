"""The weekly digest is sent exactly once per manager and ISO week.

Times are passed in; nothing waits for a clock.
"""

import datetime
import smtplib
import zoneinfo

import pytest
from django.core import mail

from contacts.models import DigestDelivery
from contacts.services import digest
from contacts.tasks import send_follow_up_digest, send_follow_up_digests
from contacts.tests.factories import FirstContactFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Monday of ISO week 2026-W48, when the digest becomes due.
MONDAY_0700 = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)


@pytest.fixture
def open_follow_up(cm_user, region):
    return FirstContactFactory(
        region=region,
        community_manager=cm_user,
        organisation__name="Überfällig GmbH",
        follow_up_date=MONDAY_0700.date() - datetime.timedelta(days=2),
    )


@pytest.fixture
def smtp_down(monkeypatch):
    calls = {"count": 0}

    def refuse(*args, **kwargs):
        calls["count"] += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(digest, "send_mail", refuse)
    return calls


def test_a_digest_triggered_twice_sends_once(open_follow_up, cm_user):
    now = MONDAY_0700.isoformat()
    assert send_follow_up_digests.delay(now).get() == 1
    assert send_follow_up_digests.delay(now).get() == 0
    # A redelivered per-manager task decides on the same marker.
    assert send_follow_up_digest.delay(cm_user.pk, now).get() is False

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cm_user.email]
    marker = DigestDelivery.objects.get()
    assert marker.week == "2026-W48" and marker.sent_at == MONDAY_0700
    assert marker.follow_up_count == 1


def test_nothing_is_sent_before_monday_seven_and_the_next_week_gets_its_own(open_follow_up):
    assert (
        send_follow_up_digests.delay(
            (MONDAY_0700 - datetime.timedelta(minutes=1)).isoformat()
        ).get()
        == 0
    )
    assert mail.outbox == []
    send_follow_up_digests.delay(MONDAY_0700.isoformat()).get()
    next_monday = MONDAY_0700 + datetime.timedelta(days=7)
    send_follow_up_digests.delay(next_monday.isoformat()).get()
    assert len(mail.outbox) == 2
    assert sorted(DigestDelivery.objects.values_list("week", flat=True)) == [
        "2026-W48",
        "2026-W49",
    ]


def test_a_missed_week_is_caught_up_at_the_next_start(open_follow_up):
    # Everything was down on Monday; the first sweep on Wednesday sends.
    wednesday = MONDAY_0700 + datetime.timedelta(days=2, hours=3)
    assert send_follow_up_digests.delay(wednesday.isoformat()).get() == 1
    assert len(mail.outbox) == 1
    assert DigestDelivery.objects.get().week == "2026-W48"


def test_a_failed_mail_is_retried_with_growing_pauses_and_sent_once(
    open_follow_up, cm_user, smtp_down, monkeypatch
):
    now = MONDAY_0700
    assert digest.follow_up_digest_send(manager_id=cm_user.pk, now=now) is False
    marker = DigestDelivery.objects.get()
    assert marker.attempts == 1 and marker.sent_at is None
    assert marker.next_attempt_at == now + datetime.timedelta(minutes=5)
    assert marker.last_error == "SMTPServerDisconnected"

    # During the pause the sweep leaves the manager alone.
    assert digest.digest_managers_due(now=now + datetime.timedelta(minutes=4)) == []
    assert digest.follow_up_digest_send(manager_id=cm_user.pk, now=now) is False
    assert smtp_down["count"] == 1

    later = now + datetime.timedelta(minutes=5)
    assert digest.digest_managers_due(now=later) == [cm_user.pk]
    digest.follow_up_digest_send(manager_id=cm_user.pk, now=later)
    marker.refresh_from_db()
    assert marker.attempts == 2
    assert marker.next_attempt_at == later + datetime.timedelta(minutes=10)

    monkeypatch.undo()
    recovered = later + datetime.timedelta(minutes=10)
    assert digest.follow_up_digest_send(manager_id=cm_user.pk, now=recovered) is True
    assert digest.follow_up_digest_send(manager_id=cm_user.pk, now=recovered) is False
    assert len(mail.outbox) == 1


def test_retries_stop_after_six_hours(open_follow_up, cm_user, smtp_down):
    now = MONDAY_0700
    while True:
        digest.follow_up_digest_send(manager_id=cm_user.pk, now=now)
        marker = DigestDelivery.objects.get()
        if marker.gave_up_at:
            break
        now = marker.next_attempt_at
    assert now - MONDAY_0700 <= datetime.timedelta(hours=6)
    assert marker.attempts == smtp_down["count"] == 7  # pauses 5+10+…+160 min
    assert digest.digest_managers_due(now=now + datetime.timedelta(hours=1)) == []
