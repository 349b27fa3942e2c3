"""The cleaning rules every write path of contacts applies: the capture
screen and edit forms (through the services), the Django admin and the
spreadsheet importer (per row, before its bulk writes).

Plain functions without database access, so that an importer can call them
for thousands of rows without losing speed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person
from contacts.normalize import normalize_email, normalize_organisation_name, normalize_phone

FUTURE_FIRST_CONTACT_MESSAGE = _("Ein Erstgespräch kann nicht in der Zukunft liegen.")
CONSENT_DATE_MESSAGE = _("Bei einer Einwilligung bitte das Datum angeben.")


def first_contact_date_errors(date: datetime.date | None, *, today=None) -> dict:
    """The „no first contact in the future“ rule: ``{"date": message}`` or ``{}``."""
    today = today or timezone.localdate()
    if date and date > today:
        return {"date": [FUTURE_FIRST_CONTACT_MESSAGE]}
    return {}


def person_normalize(person: Person) -> None:
    """Email lower-case, phone in international form (a ValidationError on
    ``phone`` when it cannot be read as a phone number)."""
    person.email = normalize_email(person.email)
    person.phone = normalize_phone(person.phone)


def person_consent_errors(legal_basis: str | None, consent_date: datetime.date | None) -> dict:
    """A consent needs its date: ``{"consent_date": message}`` or ``{}``."""
    if legal_basis == Person.LegalBasis.CONSENT and not consent_date:
        return {"consent_date": [CONSENT_DATE_MESSAGE]}
    return {}


def person_withdrawal_errors(person: Person) -> dict:
    """A withdrawal cannot precede the consent it withdraws."""
    withdrawn, given = person.consent_withdrawn_on, person.consent_date
    if withdrawn and given and withdrawn < given:
        return {"consent_withdrawn_on": [_("Der Widerruf kann nicht vor der Einwilligung liegen.")]}
    return {}


def person_clean(person: Person) -> None:
    """Every rule of a person but the database checks of ``full_clean``."""
    person_normalize(person)
    errors = person_consent_errors(person.legal_basis, person.consent_date)
    errors.update(person_withdrawal_errors(person))
    if errors:
        raise ValidationError(errors)


def organisation_normalize(organisation: Organisation) -> None:
    """Trimmed name and the matching key the duplicate finder uses."""
    organisation.name = (organisation.name or "").strip()
    organisation.normalized_name = normalize_organisation_name(organisation.name)
