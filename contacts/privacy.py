"""GDPR tools: export everything stored about a person, and erase a person.

Erasing anonymises: the person row stays (without name, contact data and
notes) so the first contacts they took part in still count in the
statistics. Log lines carry the person's id only.
"""

import datetime
import json
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import FirstContact, MergeLog, Person
from contacts.services.cards import business_cards_delete
from kiallianz.tabular import xlsx_bytes
from kiallianz.versioning import check_version, save_versioned

logger = logging.getLogger(__name__)

ANONYMISED_LAST_NAME = "anonymisiert"
# Everything that names or reaches the person; organisation, legal basis
# and the first-contact links stay for the statistics.
ERASED_FIELDS = (
    "salutation",
    "title",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "linkedin_url",
    "consent_source",
    "notes",
)
_INTERNAL_FIELDS = {"created_by", "version"}


def person_is_erased(person: Person) -> bool:
    return person.last_name == ANONYMISED_LAST_NAME and not (person.first_name or person.email)


def person_export_data(person: Person) -> dict:
    """Everything stored about a person, as JSON-ready data.

    This answers a right-of-access request (Art. 15 DSGVO), so it works for
    persons marked "do not contact" too: the flag stops outreach, not access.
    """
    fields = {}
    for field in Person._meta.concrete_fields:
        if field.name in _INTERNAL_FIELDS:
            continue
        fields[str(field.verbose_name)] = _value(person, field)
    contacts = (
        FirstContact.objects.filter(persons=person)
        .select_related("organisation", "region", "community_manager")
        .prefetch_related("offers", "potentials")
        .order_by("date", "id")
    )
    return {
        "person": fields,
        "first_contacts": [_contact_data(contact) for contact in contacts],
        "merge_history": [
            {
                "merged_at": log.merged_at.isoformat(),
                "merged_id": log.merged_id,
                "data": log.merged_data,
            }
            for log in person.merge_logs.all()
        ],
        "links": _links(person),
        "exported_at": timezone.localtime().isoformat(),
    }


def person_export_json(person: Person) -> bytes:
    data = person_export_data(person)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def person_export_xlsx(person: Person) -> bytes:
    data = person_export_data(person)
    contact_headers = [
        _("Datum"),
        _("Organisation"),
        _("Region"),
        _("Anlass"),
        _("Anlass (Details)"),
        _("Besprochene Inhalte"),
        _("Vorgestellte Angebote"),
        _("Kooperationspotenzial"),
        _("Community Manager:in"),
        _("Qualitätsstatus"),
    ]
    contact_rows = [
        [
            contact["date"],
            contact["organisation"],
            contact["region"],
            contact["occasion"],
            contact["occasion_note"],
            contact["content"],
            ", ".join(contact["offers"]),
            ", ".join(contact["potentials"]),
            contact["community_manager"],
            contact["quality_status"],
        ]
        for contact in data["first_contacts"]
    ]
    link_rows = [[label, entry] for label, entries in data["links"].items() for entry in entries]
    history_rows = [
        [entry["merged_at"], entry["merged_id"], json.dumps(entry["data"], ensure_ascii=False)]
        for entry in data["merge_history"]
    ]
    return xlsx_bytes(
        [
            (_("Person"), [_("Feld"), _("Wert")], list(data["person"].items())),
            (_("Erstgespräche"), contact_headers, contact_rows),
            (_("Verknüpfungen"), [_("Art"), _("Eintrag")], link_rows),
            (
                _("Zusammenführungen"),
                [_("zusammengeführt am"), _("ID"), _("Daten")],
                history_rows,
            ),
        ]
    )


def person_erase(*, person: Person, version: int, user) -> Person:
    """Anonymise a person; the first contacts keep counting."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        check_version(person, version)
        for name in ERASED_FIELDS:
            setattr(person, name, "")
        person.last_name = ANONYMISED_LAST_NAME
        person.consent_date = None
        # Nobody may approach an erased person again.
        person.do_not_contact = True
        person.full_clean()
        extra_fields = ["consent_date", "do_not_contact"]
        save_versioned(person, fields=[*ERASED_FIELDS, *extra_fields], version=version)
        # Merge logs keep a duplicate's personal data: they go as well.
        person.merge_logs.all().delete()
        business_cards_delete(person=person)
    logger.info("person %s anonymised", person.pk)
    return person


def _contact_data(contact: FirstContact) -> dict:
    return {
        "id": contact.pk,
        "date": contact.date.isoformat(),
        "organisation": contact.organisation.name,
        "region": contact.region.name,
        "occasion": contact.get_occasion_display(),
        "occasion_note": contact.occasion_note,
        "content": contact.content,
        "offers": [offer.name for offer in contact.offers.all()],
        "potentials": [str(p.get_potential_display()) for p in contact.potentials.all()],
        "community_manager": str(contact.community_manager or ""),
        "quality_status": contact.get_quality_status_display(),
    }


def _links(person: Person) -> dict[str, list[str]]:
    """Other records pointing at the person, from any app (events, …)."""
    links = {}
    for relation in Person._meta.related_objects:
        if relation.related_model in (FirstContact, MergeLog):
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            related = getattr(person, accessor, None)
            entries = [str(related)] if related is not None else []
        else:
            entries = [str(obj) for obj in getattr(person, accessor).all()]
        if entries:
            links[str(relation.related_model._meta.verbose_name_plural)] = entries
    return links


def _value(obj, field):
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    value = getattr(obj, field.attname)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value
