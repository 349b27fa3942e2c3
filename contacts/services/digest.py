"""The weekly follow-up digest mailed to community managers."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kiallianz.models import User

DIGEST_HORIZON_DAYS = 7


def digest_horizon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DIGEST_HORIZON_DAYS)


def _site_url() -> str:
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        return site_url.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    scheme = "http" if settings.DEBUG or host in ("127.0.0.1", "localhost") else "https"
    return f"{scheme}://{host}"


def follow_up_digest_send(*, manager_id: int, today: datetime.date | None = None) -> bool:
    """Email one manager their overdue and due follow-ups (German). Returns
    whether a mail was sent; only that manager's first contacts are in it."""
    from contacts.selectors import open_follow_ups

    manager = User.objects.filter(pk=manager_id, is_active=True).first()
    if manager is None or not manager.email:
        return False
    today = today or timezone.localdate()
    items = list(open_follow_ups(user_id=manager.pk, until=digest_horizon(today)))
    if not items:
        return False
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
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [manager.email])
    return True
