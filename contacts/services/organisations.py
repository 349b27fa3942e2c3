"""Writes on organisations."""

from django.db import transaction

from contacts.extensions import run_membership_checks
from contacts.models import Organisation
from contacts.services.cleaning import organisation_normalize
from contacts.services.duplicates import duplicate_suggestions_schedule
from kiallianz.models import User
from kiallianz.versioning import model_update

# The fields an organisation form, the admin and the importer may set: written once.
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


def organisation_check_membership(organisation: Organisation, old_status: str | None) -> None:
    """Other apps (partners) decide whether a new membership status is allowed."""
    if organisation.membership_status != (old_status or Organisation.MembershipStatus.NONE):
        run_membership_checks(organisation, organisation.membership_status)


@transaction.atomic
def organisation_create(*, user: User | None, name: str, **fields) -> Organisation:
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    organisation = Organisation(name=name, created_by=user, **fields)
    organisation_normalize(organisation)
    organisation_check_membership(organisation, None)
    organisation.full_clean()
    organisation.save()
    duplicate_suggestions_schedule()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int | None, **fields
) -> Organisation:
    old_status = organisation.membership_status

    def clean(instance: Organisation) -> None:
        organisation_normalize(instance)
        organisation_check_membership(instance, old_status)

    model_update(
        organisation,
        data=fields,
        allowed=ORGANISATION_FIELDS,
        version=version,
        clean=clean,
        also_save=["normalized_name"],
    )
    duplicate_suggestions_schedule()
    return organisation
