"""Retention of contact persons and first-contact notes (the register's
contacts categories; ``ContactsConfig.ready()`` imports this module).

A contact person expires ``RETENTION_CONTACT_PERSON_DAYS`` after their latest
activity: the latest first contact, the latest activity other apps report
(events: talks), or else the day they were entered. Valid consent, an
exemption registered by another app (partners: an active partnership), or
office's „aufbewahren, mit Begründung“ (``retention_kept_until``) keeps them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.retention import retention_category, retention_days
from contacts import text_index
from contacts.extensions import person_activity_expressions, retention_exemptions
from contacts.models import FirstContact, Person
from contacts.privacy import ANONYMISED_LAST_NAME, person_erase
from kiallianz.history import update_with_history
from kiallianz.versioning import check_version, save_versioned

DUE_WITHIN_DAYS = 30
NOTE_FIELDS = ("content", "occasion_note", "referral_note", "follow_up_note")


def _latest_first_contact():
    through = FirstContact.persons.through
    return Subquery(
        through.objects.filter(person_id=OuterRef("pk"))
        .order_by("-firstcontact__date")
        .values("firstcontact__date")[:1],
        output_field=DateField(),
    )


def persons_with_last_activity():
    entered = TruncDate("created_at")
    dates = [_latest_first_contact(), *person_activity_expressions()]
    return Person.objects.annotate(
        entered_on=entered,
        last_activity=Greatest(
            entered,
            *(Coalesce(expression, entered, output_field=DateField()) for expression in dates),
            output_field=DateField(),
        ),
    )


def _kept(today: datetime.date) -> Q:
    kept = (
        Q(last_name=ANONYMISED_LAST_NAME, first_name="", email="")
        | Q(
            legal_basis=Person.LegalBasis.CONSENT,
            consent_date__isnull=False,
            consent_withdrawn_on__isnull=True,
        )
        | Q(retention_kept_until__gte=today)
    )
    for exemption in retention_exemptions(today):
        kept |= exemption
    return kept


def persons_expired(today: datetime.date):
    cutoff = today - datetime.timedelta(days=retention_days("RETENTION_CONTACT_PERSON_DAYS"))
    return (
        persons_with_last_activity()
        .filter(last_activity__lt=cutoff)
        .exclude(pk__in=Person.objects.filter(_kept(today)).values("pk"))
    )


def persons_due(today: datetime.date, *, within_days: int = DUE_WITHIN_DAYS):
    """Persons anonymised within ``within_days`` unless someone keeps them."""
    days = retention_days("RETENTION_CONTACT_PERSON_DAYS")
    cutoff = today - datetime.timedelta(days=days)
    return (
        persons_with_last_activity()
        .filter(
            last_activity__gte=cutoff,
            last_activity__lt=cutoff + datetime.timedelta(days=within_days),
        )
        .exclude(pk__in=Person.objects.filter(_kept(today)).values("pk"))
        .select_related("organisation")
        .order_by("last_activity", "last_name", "id")
    )


def expires_on(person) -> datetime.date:
    days = retention_days("RETENTION_CONTACT_PERSON_DAYS")
    return person.last_activity + datetime.timedelta(days=days)


def person_retention_keep(
    *, person: Person, version: int, reason: str, until: datetime.date | None = None
) -> Person:
    """„Aufbewahren, mit Begründung“: keeps the person one more period; the
    reason is written into the history row of this change."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        check_version(person, version)
        today = timezone.localdate()
        until = until or today + datetime.timedelta(
            days=retention_days("RETENTION_CONTACT_PERSON_DAYS")
        )
        if until <= today:
            raise ValidationError({"until": _("Das Datum muss in der Zukunft liegen.")})
        person.retention_kept_until = until
        person._change_reason = str(_("Aufbewahrt: %(reason)s") % {"reason": reason})[:100]
        save_versioned(person, fields=["retention_kept_until"], version=version)
    return person


@retention_category(
    key="contact_persons",
    name=_("Ansprechpersonen"),
    purpose=_(
        "Kontaktpflege im Netzwerk der KI-Allianz und Nachweis der Erstgespräche "
        "gegenüber dem Fördergeber"
    ),
    legal_basis=_(
        "Art. 6 Abs. 1 lit. f DSGVO (berechtigtes Interesse), bei Einwilligung "
        "Art. 6 Abs. 1 lit. a DSGVO"
    ),
    recipients=_(
        "Geschäftsstelle und Community Manager:innen der KI-Allianz; im Bericht an "
        "den Fördergeber nur Zahlen"
    ),
    source=_("im Gespräch erhoben, von Visitenkarten oder aus Veranstaltungen"),
    period_setting="RETENTION_CONTACT_PERSON_DAYS",
    period_text=_(
        "Nach dem letzten Erstgespräch oder der letzten Veranstaltung; eine "
        "Einwilligung, eine aktive Partnerschaft oder eine begründete Aufbewahrung "
        "verlängert. Danach wird die Person anonymisiert, die Zahlen bleiben."
    ),
    order=10,
)
def _apply_persons(today: datetime.date, dry_run: bool) -> int:
    expired = persons_expired(today)
    if dry_run:
        return expired.count()
    count = 0
    for person in expired.only("pk", "version").iterator(chunk_size=200):
        person_erase(person=person, version=person.version, user=None)
        count += 1
    return count


@retention_category(
    key="first_contact_notes",
    name=_("Notizen zu Erstgesprächen"),
    purpose=_("Nachbereitung und Wiedervorlage von Erstgesprächen"),
    legal_basis=_("Art. 6 Abs. 1 lit. f DSGVO (berechtigtes Interesse)"),
    recipients=_("Geschäftsstelle und Community Manager:innen der KI-Allianz"),
    source=_("von der Community Manager:in nach dem Gespräch notiert"),
    period_setting="RETENTION_FIRST_CONTACT_NOTES_DAYS",
    period_text=_(
        "Nach dem Datum des Erstgesprächs werden Inhalte, Anlass, Vermittlung und "
        "Wiedervorlage geleert; das Erstgespräch zählt weiter."
    ),
    order=20,
)
def _apply_first_contact_notes(today: datetime.date, dry_run: bool) -> int:
    cutoff = today - datetime.timedelta(days=retention_days("RETENTION_FIRST_CONTACT_NOTES_DAYS"))
    has_notes = Q()
    for name in NOTE_FIELDS:
        has_notes |= ~Q(**{name: ""})
    expired = FirstContact.objects.filter(has_notes, date__lt=cutoff)
    if dry_run:
        return expired.count()
    with transaction.atomic():
        emptied = update_with_history(
            expired,
            reason=str(_("Aufbewahrungsfrist abgelaufen")),
            **dict.fromkeys(NOTE_FIELDS, ""),
        )
        if emptied:
            text_index.forget_removed_text()
    return emptied
