"""Views of the contacts app, one module per subject.

Views are thin: access check (kiallianz.permissions), form, one service call.
The data tools (import, merge, privacy) are in ``tools.py``.
"""

from contacts.views.first_contacts import (
    first_contact_create,
    first_contact_detail,
    first_contact_edit,
    first_contact_list,
    organisation_autocomplete,
    organisation_duplicates,
    organisation_persons,
    person_autocomplete,
)
from contacts.views.organisations import (
    organisation_create,
    organisation_detail,
    organisation_edit,
    organisation_list,
)
from contacts.views.persons import person_create, person_detail, person_edit, person_list
from contacts.views.quality import (
    first_contact_review,
    follow_up_done,
    follow_ups,
    quality_queue,
)

__all__ = [
    "first_contact_create",
    "first_contact_detail",
    "first_contact_edit",
    "first_contact_list",
    "first_contact_review",
    "follow_up_done",
    "follow_ups",
    "organisation_autocomplete",
    "organisation_create",
    "organisation_detail",
    "organisation_duplicates",
    "organisation_edit",
    "organisation_list",
    "organisation_persons",
    "person_autocomplete",
    "person_create",
    "person_detail",
    "person_edit",
    "person_list",
    "quality_queue",
]
