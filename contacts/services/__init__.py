"""Writes on organisations, persons and first contacts, and the follow-up digest.

Every write runs ``full_clean()`` then ``save()`` in a transaction. Updates
take the ``version`` the form was rendered from (optimistic locking).
Access is checked by the views through ``kiallianz.permissions``.
"""

from contacts.services.digest import (
    DIGEST_HORIZON_DAYS,
    digest_horizon,
    digest_managers_due,
    follow_up_digest_send,
)
from contacts.services.duplicates import (
    duplicate_pair_dismiss,
    duplicate_suggestions_refresh,
    duplicate_suggestions_schedule,
)
from contacts.services.first_contacts import (
    FIRST_CONTACT_FIELDS,
    first_contact_capture,
    first_contact_create,
    first_contact_set_quality_status,
    first_contact_update,
    first_contacts_mark_checked,
    follow_up_mark_done,
)
from contacts.services.organisations import (
    ORGANISATION_FIELDS,
    organisation_create,
    organisation_update,
)
from contacts.services.persons import PERSON_FIELDS, person_create, person_update

__all__ = [
    "DIGEST_HORIZON_DAYS",
    "FIRST_CONTACT_FIELDS",
    "ORGANISATION_FIELDS",
    "PERSON_FIELDS",
    "digest_horizon",
    "digest_managers_due",
    "duplicate_pair_dismiss",
    "duplicate_suggestions_refresh",
    "duplicate_suggestions_schedule",
    "first_contact_capture",
    "first_contact_create",
    "first_contact_set_quality_status",
    "first_contact_update",
    "first_contacts_mark_checked",
    "follow_up_digest_send",
    "follow_up_mark_done",
    "organisation_create",
    "organisation_update",
    "person_create",
    "person_update",
]
