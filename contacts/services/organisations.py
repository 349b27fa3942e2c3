"""Writes on organisations."""

from django.db import transaction

from contacts.extensions import run_membership_checks
from contacts.models import (
    Organisation,
)
from contacts.normalize import normalize_organisation_name
from kiallianz.models import User
from kiallianz.versioning import check_version, save_versioned

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "sector",
    "street",
    "postcode",
    "city",
    "region",
    "website",
    "size_class",
    "membership_status",
    "notes",
)


@transaction.atomic
def organisation_create(*, user: User | None, name: str, **fields) -> Organisation:
    organisation = Organisation(name=(name or "").strip(), created_by=user)
    for field, value in fields.items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(field)
        setattr(organisation, field, value)
    organisation.normalized_name = normalize_organisation_name(organisation.name)
    if organisation.membership_status != Organisation.MembershipStatus.NONE:
        run_membership_checks(organisation, organisation.membership_status)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int | None, **fields
) -> Organisation:
    check_version(organisation, version)
    old_status = organisation.membership_status
    changed = []
    for field, value in fields.items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(field)
        if field == "name":
            value = (value or "").strip()
        setattr(organisation, field, value)
        changed.append(field)
    organisation.normalized_name = normalize_organisation_name(organisation.name)
    if organisation.membership_status != old_status:
        # Other apps (partners) decide whether this status is allowed.
        run_membership_checks(organisation, organisation.membership_status)
    organisation.full_clean()
    save_versioned(organisation, version=organisation.version, fields=[*changed, "normalized_name"])
    return organisation
