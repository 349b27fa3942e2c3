"""Writes on contact persons."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contacts.models import (
    Person,
)
from contacts.normalize import normalize_email, normalize_phone
from kiallianz.models import User
from kiallianz.versioning import check_version, save_versioned

PERSON_FIELDS = (
    "salutation",
    "title",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "linkedin_url",
    "organisation",
    "legal_basis",
    "consent_date",
    "consent_source",
    "do_not_contact",
    "consent_withdrawn_on",
    "consent_withdrawal_source",
    "objected_on",
    "objection_note",
    "notes",
)


def _clean_person(person: Person) -> None:
    person.email = normalize_email(person.email)
    person.phone = normalize_phone(person.phone)
    if person.legal_basis == Person.LegalBasis.CONSENT and not person.consent_date:
        raise ValidationError(
            {"consent_date": _("Bei einer Einwilligung bitte das Datum angeben.")}
        )
    if (
        person.consent_withdrawn_on
        and person.consent_date
        and person.consent_withdrawn_on < person.consent_date
    ):
        raise ValidationError(
            {"consent_withdrawn_on": _("Der Widerruf kann nicht vor der Einwilligung liegen.")}
        )
    person.full_clean()


@transaction.atomic
def person_create(*, user: User | None, last_name: str, **fields) -> Person:
    person = Person(last_name=(last_name or "").strip(), created_by=user)
    for field, value in fields.items():
        if field not in PERSON_FIELDS:
            raise TypeError(field)
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    _clean_person(person)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, version: int | None, **fields) -> Person:
    check_version(person, version)
    for field, value in fields.items():
        if field not in PERSON_FIELDS:
            raise TypeError(field)
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    _clean_person(person)
    save_versioned(person, version=person.version, fields=list(fields))
    return person
