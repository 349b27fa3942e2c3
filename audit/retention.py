"""The retention register: each category of personal data, why it is kept,
on which legal basis, for how long, and what happens when that time is up.

The register lives in code and is shown to office staff
(``audit:retention_register``). Periods come from settings (see the README's
table); each category's ``apply(today, dry_run)`` anonymises or deletes what
has expired and returns the count. Apps that hold the data register their
categories with ``@retention_category`` in a module their ``AppConfig.ready()``
imports (contacts: persons and first-contact notes; reporting: report
exports), so audit imports no app. A category whose rows are simply deleted
once older than its period uses ``@deleted_after_period`` (audit's own).
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


def retention_category(**description) -> Callable:
    """Registers the decorated ``apply(today, dry_run)`` as the category the
    keywords describe (every field of ``RetentionCategory`` but ``apply``)."""

    def decorate(apply: Callable[[datetime.date, bool], int]) -> Callable:
        register_category(RetentionCategory(apply=apply, **description))
        return apply

    return decorate


def deleted_after_period(**description) -> Callable:
    """A category whose rows are deleted once older than its period: the
    decorated ``expired(cutoff)`` returns the querysets of the rows older than
    ``cutoff``; a dry run counts them."""

    def decorate(expired: Callable[[datetime.datetime], list]) -> Callable:
        def apply(today: datetime.date, dry_run: bool) -> int:
            cutoff = cutoff_datetime(today, retention_days(description["period_setting"]))
            querysets = expired(cutoff)
            return sum(rows.count() if dry_run else rows.delete()[0] for rows in querysets)

        register_category(RetentionCategory(apply=apply, **description))
        return expired

    return decorate


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


@deleted_after_period(
    key="access_log",
    name=_("Zugriffsprotokoll"),
    purpose=_("Nachweis, wer personenbezogene Daten angesehen oder exportiert hat"),
    legal_basis=_("Art. 5 Abs. 2 und Art. 32 DSGVO (Rechenschaft, Sicherheit)"),
    recipients=_("Geschäftsstelle"),
    source=_("von der Anwendung bei jedem Zugriff erzeugt"),
    period_setting="RETENTION_ACCESS_LOG_DAYS",
    period_text=_("Einträge werden nach Ablauf der Frist gelöscht."),
    order=30,
)
def _expired_access_log(cutoff: datetime.datetime) -> list:
    from audit.models import AccessLogEntry

    return [AccessLogEntry.objects.filter(at__lt=cutoff)]


def history_models() -> list:
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None) is None
        and hasattr(model, "instance_type")
        and hasattr(model, "history_date")
    ]


@deleted_after_period(
    key="history",
    name=_("Änderungsverlauf"),
    purpose=_("Nachvollziehbarkeit von Änderungen gegenüber Fördergeber und Betroffenen"),
    legal_basis=_("Art. 6 Abs. 1 lit. c und f DSGVO (Nachweispflicht im Förderprojekt)"),
    recipients=_("Geschäftsstelle; Community Manager:innen für lesbare Datensätze"),
    source=_("von der Anwendung bei jeder Änderung erzeugt"),
    period_setting="RETENTION_HISTORY_DAYS",
    period_text=_("Ältere Verlaufseinträge werden gelöscht."),
    order=40,
)
def _expired_history(cutoff: datetime.datetime) -> list:
    return [model.objects.filter(history_date__lt=cutoff) for model in history_models()]


@deleted_after_period(
    key="login_records",
    name=_("Anmeldedaten"),
    purpose=_("Sitzungen und Schutz vor Anmeldeangriffen"),
    legal_basis=_("Art. 6 Abs. 1 lit. f DSGVO (Sicherheit des Systems)"),
    recipients=_("Administrator:innen"),
    source=_("bei der Anmeldung erzeugt"),
    period_setting="RETENTION_LOGIN_RECORDS_DAYS",
    period_text=_("Abgelaufene Sitzungen und Anmeldeversuche werden gelöscht."),
    order=50,
)
def _expired_login_records(cutoff: datetime.datetime) -> list:
    expired = [Session.objects.filter(expire_date__lt=cutoff)]
    if apps.is_installed("axes"):
        # Lockout records of django-axes: attempts, successful and failed logins.
        for model in apps.get_app_config("axes").get_models():
            if any(field.name == "attempt_time" for field in model._meta.fields):
                expired.append(model.objects.filter(attempt_time__lt=cutoff))
    return expired
