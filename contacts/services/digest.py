"""The weekly follow-up digest mailed to community managers, exactly once.

A sent-marker row (DigestDelivery) per manager and ISO week is written in
the same transaction as the decision to send, under a row lock: a second
run finds it and sends nothing. Beat runs the sweep every few minutes, so
a run lost while the broker was down is made up by the next one, and a
week missed entirely (everything stopped on Monday) is sent at the next
start. SMTP errors are retried with growing pauses for up to 6 hours.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contacts.models import DigestDelivery
from kiallianz.models import User

logger = logging.getLogger(__name__)

DIGEST_HORIZON_DAYS = 7
# The digest of a week is due from Monday 07:00 (Europe/Berlin).
DIGEST_WEEKDAY = 0
DIGEST_HOUR = 7
# After a failed mail: wait 5, 10, 20, 40, 80, 160 minutes; give up once the
# next attempt would fall beyond 6 hours after the first failure.
RETRY_FIRST_PAUSE = datetime.timedelta(minutes=5)
RETRY_WINDOW = datetime.timedelta(hours=6)
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def digest_horizon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DIGEST_HORIZON_DAYS)


def iso_week(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_week_due(now: datetime.datetime) -> str | None:
    """The ISO week whose digest is due at ``now``; None before Monday 07:00."""
    local = timezone.localtime(now)
    if local.weekday() == DIGEST_WEEKDAY and local.hour < DIGEST_HOUR:
        return None
    return iso_week(local.date())


def retry_pause(attempts: int) -> datetime.timedelta:
    return RETRY_FIRST_PAUSE * 2 ** max(attempts - 1, 0)


def _site_url() -> str:
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        return site_url.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    scheme = "http" if settings.DEBUG or host in ("127.0.0.1", "localhost") else "https"
    return f"{scheme}://{host}"


def digest_managers_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Managers whose digest of this week is due: open follow-ups, no
    marker that says sent or given up, no retry pause running."""
    from contacts.selectors import managers_with_open_follow_ups

    now = now or timezone.now()
    week = digest_week_due(now)
    if week is None:
        return []
    candidates = managers_with_open_follow_ups(until=digest_horizon(timezone.localtime(now).date()))
    finished = set(
        DigestDelivery.objects.filter(week=week, manager_id__in=candidates)
        .filter(Q(sent_at__isnull=False) | Q(gave_up_at__isnull=False) | Q(next_attempt_at__gt=now))
        .values_list("manager_id", flat=True)
    )
    return [manager_id for manager_id in candidates if manager_id not in finished]


def follow_up_digest_send(*, manager_id: int, now: datetime.datetime | None = None) -> bool:
    """Email one manager their overdue and due follow-ups (German), at most
    once per ISO week. Returns whether a mail was sent; only that manager's
    first contacts are in it. A failed mail is recorded for a later retry."""
    from contacts.selectors import open_follow_ups

    now = now or timezone.now()
    week = digest_week_due(now)
    manager = User.objects.filter(pk=manager_id, is_active=True).first()
    if week is None or manager is None or not manager.email:
        return False
    today = timezone.localtime(now).date()
    try:
        with transaction.atomic():
            marker, _created = DigestDelivery.objects.select_for_update().get_or_create(
                manager=manager, week=week
            )
            if marker.sent_at or marker.gave_up_at:
                return False
            if marker.next_attempt_at and marker.next_attempt_at > now:
                return False
            items = list(open_follow_ups(user_id=manager.pk, until=digest_horizon(today)))
            if not items:
                return False  # nothing this time; the marker stays open
            subject, body = _compose(manager=manager, items=items, today=today)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [manager.email])
            marker.sent_at = now
            marker.follow_up_count = len(items)
            marker.next_attempt_at = None
            marker.save(update_fields=["sent_at", "follow_up_count", "next_attempt_at"])
    except MAIL_ERRORS as error:
        _record_failure(manager=manager, week=week, now=now, error=error)
        return False
    logger.info("Wochenübersicht gesendet: manager_id=%s week=%s", manager.pk, week)
    return True


def _compose(*, manager: User, items: list, today: datetime.date) -> tuple[str, str]:
    base = _site_url()
    with translation.override("de"):
        context = {
            "manager": manager,
            "overdue": [fc for fc in items if fc.follow_up_date < today],
            "due": [fc for fc in items if fc.follow_up_date >= today],
            "today": today,
            "base_url": base,
            "follow_ups_url": base + reverse("contacts:follow_ups"),
        }
        subject = _("Ihre Wiedervorlagen: %(count)s offen") % {"count": len(items)}
        body = render_to_string("contacts/email/follow_up_digest.txt", context)
    return subject, body


@transaction.atomic
def _record_failure(
    *, manager: User, week: str, now: datetime.datetime, error: BaseException
) -> None:
    marker, _created = DigestDelivery.objects.select_for_update().get_or_create(
        manager=manager, week=week
    )
    marker.attempts += 1
    marker.first_failed_at = marker.first_failed_at or now
    marker.last_error = type(error).__name__[:100]
    next_attempt = now + retry_pause(marker.attempts)
    if next_attempt - marker.first_failed_at > RETRY_WINDOW:
        marker.gave_up_at = now
        marker.next_attempt_at = None
        logger.error(
            "Wochenübersicht aufgegeben nach %s Fehlversuchen: manager_id=%s week=%s error=%s",
            marker.attempts,
            manager.pk,
            week,
            marker.last_error,
        )
    else:
        marker.next_attempt_at = next_attempt
        logger.warning(
            "Wochenübersicht nicht gesendet, neuer Versuch ab %s: manager_id=%s week=%s error=%s",
            next_attempt.isoformat(),
            manager.pk,
            week,
            marker.last_error,
        )
    marker.save()
