"""Writes on first contacts: capture, edit, quality check, follow-ups."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.services.cleaning import first_contact_date_errors
from contacts.services.organisations import organisation_create
from contacts.services.persons import person_create
from kiallianz.models import Offer, Region, User
from kiallianz.versioning import bulk_update_versioned, bump_version, model_update

FIRST_CONTACT_FIELDS = (
    "date",
    "region",
    "organisation",
    "occasion",
    "occasion_note",
    "content",
    "referral_offer",
    "referral_note",
    "report_text",
    "follow_up_date",
    "follow_up_note",
)


def _clean_first_contact(first_contact: FirstContact) -> None:
    errors = first_contact_date_errors(first_contact.date)
    if errors:
        raise ValidationError(errors)


def _set_relations(
    first_contact: FirstContact,
    *,
    persons: Iterable[Person] | None,
    offers: Iterable[Offer] | None,
    potentials: Iterable[str] | None,
) -> None:
    if persons is not None:
        first_contact.persons.set(persons)
    if offers is not None:
        first_contact.offers.set(offers)
    if potentials is not None:
        wanted = set(potentials)
        unknown = wanted - set(CooperationPotential.values)
        if unknown:
            raise ValidationError({"potentials": _("Unbekanntes Kooperationspotenzial.")})
        first_contact.potentials.exclude(potential__in=wanted).delete()
        existing = set(first_contact.potentials.values_list("potential", flat=True))
        FirstContactPotential.objects.bulk_create(
            FirstContactPotential(first_contact=first_contact, potential=potential)
            for potential in sorted(wanted - existing)
        )


@transaction.atomic
def first_contact_create(
    *,
    user: User | None,
    date: datetime.date,
    region: Region,
    organisation: Organisation,
    community_manager: User | None = None,
    persons: Iterable[Person] = (),
    offers: Iterable[Offer] = (),
    potentials: Iterable[str] = (),
    **fields,
) -> FirstContact:
    first_contact = FirstContact(
        date=date,
        region=region,
        organisation=organisation,
        community_manager=community_manager or user,
        created_by=user,
    )
    unknown = set(fields) - set(FIRST_CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for field, value in fields.items():
        setattr(first_contact, field, value)
    _clean_first_contact(first_contact)
    first_contact.full_clean(exclude=["persons", "offers"])
    first_contact.save()
    _set_relations(first_contact, persons=persons, offers=offers, potentials=potentials)
    return first_contact


@transaction.atomic
def first_contact_update(
    *,
    first_contact: FirstContact,
    version: int | None,
    persons: Iterable[Person] | None = None,
    offers: Iterable[Offer] | None = None,
    potentials: Iterable[str] | None = None,
    **fields,
) -> FirstContact:
    model_update(
        first_contact,
        data=fields,
        allowed=FIRST_CONTACT_FIELDS,
        version=version,
        clean=_clean_first_contact,
        clean_exclude=["persons", "offers"],
    )
    _set_relations(first_contact, persons=persons, offers=offers, potentials=potentials)
    return first_contact


@transaction.atomic
def first_contact_set_quality_status(
    *,
    first_contact: FirstContact,
    reviewer: User,
    status: str,
    relevance: int | None = None,
) -> FirstContact:
    """Record a quality-check decision with reviewer and time."""
    if status not in FirstContact.QualityStatus.values:
        raise ValidationError({"quality_status": _("Unbekannter Qualitätsstatus.")})
    first_contact.quality_status = status
    if relevance is not None:
        first_contact.relevance = relevance
    first_contact.reviewed_by = reviewer
    first_contact.reviewed_at = timezone.now()
    first_contact.full_clean(exclude=["persons", "offers"])
    bump_version(
        first_contact, fields=["quality_status", "relevance", "reviewed_by", "reviewed_at"]
    )
    return first_contact


@transaction.atomic
def first_contacts_mark_checked(
    *, first_contact_ids: Iterable[int], reviewer: User, relevance: int | None
) -> int:
    """Bulk „geprüft“ for the quality queue; only contacts still new change."""
    if relevance is not None and relevance not in FirstContact.Relevance.values:
        raise ValidationError({"relevance": _("Die Relevanz muss zwischen 1 und 3 liegen.")})
    values = {
        "quality_status": FirstContact.QualityStatus.CHECKED,
        "reviewed_by": reviewer,
        "reviewed_at": timezone.now(),
    }
    if relevance is not None:
        values["relevance"] = relevance
    return bulk_update_versioned(
        FirstContact.objects.filter(
            pk__in=list(first_contact_ids), quality_status=FirstContact.QualityStatus.NEW
        ),
        **values,
    )


@transaction.atomic
def follow_up_mark_done(*, first_contact: FirstContact) -> FirstContact:
    first_contact.follow_up_done = True
    bump_version(first_contact, fields=["follow_up_done"])
    return first_contact


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}{field}": messages for field, messages in error.message_dict.items()}
        )
    return error


@transaction.atomic
def first_contact_capture(
    *,
    user: User,
    first_contact: FirstContact | None = None,
    version: int | None = None,
    organisation: Organisation | None,
    new_organisation: dict | None = None,
    persons: Iterable[Person] = (),
    new_persons: Iterable[dict] = (),
    **fields,
) -> FirstContact:
    """The capture screen in one transaction: a new organisation and new
    persons (if any) and the first contact, created or updated. Error keys
    of the new records are prefixed ``organisation__`` / ``person_<i>__``."""
    region = fields["region"]
    if new_organisation is not None:
        try:
            organisation = organisation_create(
                user=user, region=region, **{"name": "", **new_organisation}
            )
        except ValidationError as error:
            raise _prefixed(error, "organisation__") from None
    all_persons = list(persons)
    for index, person_fields in enumerate(new_persons):
        try:
            all_persons.append(person_create(user=user, organisation=organisation, **person_fields))
        except ValidationError as error:
            raise _prefixed(error, f"person_{index}__") from None
    if first_contact is None:
        return first_contact_create(
            user=user, organisation=organisation, persons=all_persons, **fields
        )
    return first_contact_update(
        first_contact=first_contact,
        version=version,
        organisation=organisation,
        persons=all_persons,
        **fields,
    )
