"""The register's own categories with a moved clock: history and login records."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.utils import timezone

from audit.retention import apply_retention, categories
from kiallianz.models import Region
from kiallianz.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 6, 1)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_history_older_than_the_period_is_deleted(settings):
    settings.RETENTION_HISTORY_DAYS = 100
    region = RegionFactory(name="Alt", slug="alt")
    Region.history.filter(id=region.pk).update(history_date=_at(TODAY - datetime.timedelta(101)))
    fresh = RegionFactory(name="Neu", slug="neu")
    Region.history.filter(id=fresh.pk).update(history_date=_at(TODAY - datetime.timedelta(99)))
    assert apply_retention(today=TODAY, dry_run=True)["history"] == 1
    assert apply_retention(today=TODAY)["history"] == 1
    assert list(Region.history.values_list("id", flat=True)) == [fresh.pk]
    # The records themselves stay.
    assert Region.objects.count() == 2


def test_old_sessions_and_login_attempts_are_deleted(settings):
    settings.RETENTION_LOGIN_RECORDS_DAYS = 90
    old, recent = TODAY - datetime.timedelta(91), TODAY - datetime.timedelta(10)
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=_at(old))
    Session.objects.create(session_key="b" * 32, session_data="", expire_date=_at(recent))
    for day in (old, recent):
        attempt = AccessAttempt.objects.create(
            username=f"x{day}",
            ip_address="127.0.0.1",
            user_agent="",
            http_accept="",
            path_info="/",
            get_data="",
            post_data="",
            failures_since_start=1,
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=_at(day))
    assert apply_retention(today=TODAY)["login_records"] == 2
    assert Session.objects.get().session_key == "b" * 32
    assert AccessAttempt.objects.count() == 1


def test_every_category_names_purpose_basis_recipients_source_and_period():
    keys = [category.key for category in categories()]
    assert keys == [
        "contact_persons",
        "first_contact_notes",
        "access_log",
        "history",
        "login_records",
        "report_exports",
    ]
    for category in categories():
        assert category.purpose and category.legal_basis and category.recipients
        assert category.source and category.period_text and category.days > 0
