"""The retention register: each category of personal data, why it is kept,
on which legal basis, for how long, and what happens when that time is up.

The register lives in code and is shown to office staff
(``audit:retention_register``). Periods come from settings (see the README's
table); each category's ``apply(today, dry_run)`` anonymises or deletes what
has expired and returns the count. Apps that hold the data register their
categories from ``AppConfig.ready()`` (contacts: persons and first-contact
notes; reporting: report exports), so audit imports no app.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kiallianz.history import history_actor

# Defaults in days; each can be overridden by the setting named in the category.
DEFAULT_PERIODS = {
    "RETENTION_CONTACT_PERSON_DAYS": 3 * 365,
    "RETENTION_FIRST_CONTACT_NOTES_DAYS": 3 * 365,
    "RETENTION_ACCESS_LOG_DAYS": 2 * 365,
    "RETENTION_HISTORY_DAYS": 6 * 365,
    "RETENTION_LOGIN_RECORDS_DAYS": 90,
}
SYSTEM_ACTOR = "apply_retention"


@dataclass(frozen=True)
class RetentionCategory:
    key: str
    name: str
    purpose: str
    legal_basis: str
    recipients: str
    source: str
    period_setting: str
    period_text: str
    apply: Callable[[datetime.date, bool], int]
    order: int = 100

    @property
    def days(self) -> int:
        return retention_days(self.period_setting)


_categories: dict[str, RetentionCategory] = {}


def retention_days(setting_name: str) -> int:
    return int(getattr(settings, setting_name, DEFAULT_PERIODS.get(setting_name, 0)))


def register_category(category: RetentionCategory) -> None:
    _categories[category.key] = category


def categories() -> list[RetentionCategory]:
    return sorted(_categories.values(), key=lambda c: (c.order, c.key))


def apply_retention(*, today: datetime.date | None = None, dry_run: bool = False) -> dict:
    """Run every category; returns {category key: count}. Changes are recorded
    in the history under the system actor „apply_retention“."""
    today = today or timezone.localdate()
    counts = {}
    with history_actor(label=SYSTEM_ACTOR):
        for category in categories():
            counts[category.key] = category.apply(today, dry_run)
    return counts


def cutoff_datetime(today: datetime.date, days: int) -> datetime.datetime:
    start = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min)
    return timezone.make_aware(start)


# --- The categories audit itself holds -----------------------------------------


def _apply_access_log(today: datetime.date, dry_run: bool) -> int:
    from audit.models import AccessLogEntry

    expired = AccessLogEntry.objects.filter(
        at__lt=cutoff_datetime(today, retention_days("RETENTION_ACCESS_LOG_DAYS"))
    )
    return expired.count() if dry_run else expired.delete()[0]


def history_models() -> list:
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None) is None
        and hasattr(model, "instance_type")
        and hasattr(model, "history_date")
    ]


def _apply_history(today: datetime.date, dry_run: bool) -> int:
    cutoff = cutoff_datetime(today, retention_days("RETENTION_HISTORY_DAYS"))
    total = 0
    for model in history_models():
        expired = model.objects.filter(history_date__lt=cutoff)
        total += expired.count() if dry_run else expired.delete()[0]
    return total


def _apply_login_records(today: datetime.date, dry_run: bool) -> int:
    cutoff = cutoff_datetime(today, retention_days("RETENTION_LOGIN_RECORDS_DAYS"))
    expired = Session.objects.filter(expire_date__lt=cutoff)
    total = expired.count() if dry_run else expired.delete()[0]
    if apps.is_installed("axes"):
        # Lockout records of django-axes: attempts, successful and failed logins.
        for model in apps.get_app_config("axes").get_models():
            if any(field.name == "attempt_time" for field in model._meta.fields):
                old = model.objects.filter(attempt_time__lt=cutoff)
                total += old.count() if dry_run else old.delete()[0]
    return total


def register_core_categories() -> None:
    register_category(
        RetentionCategory(
            key="access_log",
            name=_("Zugriffsprotokoll"),
            purpose=_("Nachweis, wer personenbezogene Daten angesehen oder exportiert hat"),
            legal_basis=_("Art. 5 Abs. 2 und Art. 32 DSGVO (Rechenschaft, Sicherheit)"),
            recipients=_("Geschäftsstelle"),
            source=_("von der Anwendung bei jedem Zugriff erzeugt"),
            period_setting="RETENTION_ACCESS_LOG_DAYS",
            period_text=_("Einträge werden nach Ablauf der Frist gelöscht."),
            apply=_apply_access_log,
            order=30,
        )
    )
    register_category(
        RetentionCategory(
            key="history",
            name=_("Änderungsverlauf"),
            purpose=_("Nachvollziehbarkeit von Änderungen gegenüber Fördergeber und Betroffenen"),
            legal_basis=_("Art. 6 Abs. 1 lit. c und f DSGVO (Nachweispflicht im Förderprojekt)"),
            recipients=_("Geschäftsstelle; Community Manager:innen für lesbare Datensätze"),
            source=_("von der Anwendung bei jeder Änderung erzeugt"),
            period_setting="RETENTION_HISTORY_DAYS",
            period_text=_("Ältere Verlaufseinträge werden gelöscht."),
            apply=_apply_history,
            order=40,
        )
    )
    register_category(
        RetentionCategory(
            key="login_records",
            name=_("Anmeldedaten"),
            purpose=_("Sitzungen und Schutz vor Anmeldeangriffen"),
            legal_basis=_("Art. 6 Abs. 1 lit. f DSGVO (Sicherheit des Systems)"),
            recipients=_("Administrator:innen"),
            source=_("bei der Anmeldung erzeugt"),
            period_setting="RETENTION_LOGIN_RECORDS_DAYS",
            period_text=_("Abgelaufene Sitzungen und Anmeldeversuche werden gelöscht."),
            apply=_apply_login_records,
            order=50,
        )
    )
