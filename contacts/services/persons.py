"""Writes on contact persons."""

from django.db import transaction

from contacts.models import Person
from contacts.services.cleaning import person_clean
from contacts.services.duplicates import duplicate_suggestions_schedule
from kiallianz.models import User
from kiallianz.versioning import model_update

# The fields a person form, the admin and the importer may set: written once.
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
    "notes",
)


def _stripped(fields: dict) -> dict:
    return {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}


@transaction.atomic
def person_create(*, user: User | None, last_name: str, **fields) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    person = Person(last_name=(last_name or "").strip(), created_by=user, **_stripped(fields))
    person_clean(person)
    person.full_clean()
    person.save()
    duplicate_suggestions_schedule()
    return person


@transaction.atomic
def person_update(*, person: Person, version: int | None, **fields) -> Person:
    model_update(
        person, data=_stripped(fields), allowed=PERSON_FIELDS, version=version, clean=person_clean
    )
    duplicate_suggestions_schedule()
    return person
