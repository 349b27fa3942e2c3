"""Reads for the capture screen: what „Anlass“ to offer a manager today."""

import datetime
import uuid

from django.utils import timezone

from contacts.extensions import capture_events_of_day
from contacts.models import FirstContact


def occasion_defaults(*, user, today: datetime.date | None = None) -> dict:
    """The occasion a new capture starts with.

    A manager at a fair captures many contacts in a row: the occasion of their
    last capture today wins; otherwise an event running today in their regions;
    otherwise the form's default."""
    today = today or timezone.localdate()
    last = (
        FirstContact.objects.filter(created_by=user, created_at__date=today)
        .order_by("-created_at", "-id")
        .values("occasion", "occasion_note")
        .first()
    )
    if last is not None:
        return {"occasion": last["occasion"], "occasion_note": last["occasion_note"]}
    events = capture_events_of_day(user, today)
    if events:
        return {"occasion": events[0]["occasion"], "occasion_note": events[0]["title"]}
    return {}


def events_of_day(*, user, today: datetime.date | None = None) -> list[dict]:
    return capture_events_of_day(user, today or timezone.localdate())


def first_contact_by_client_key(*, user, client_key: str) -> FirstContact | None:
    """The first contact this user already saved under ``client_key``."""
    try:
        key = uuid.UUID(str(client_key))
    except ValueError:
        return None
    return FirstContact.objects.filter(client_key=key, created_by=user).first()
