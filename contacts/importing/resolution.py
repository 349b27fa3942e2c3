"""Matching rows to existing records, a chunk of rows at a time.

For each chunk the records the rows could match are read in a few queries
(organisations by normalised name, persons by email and by name within the
organisation, first contacts by organisation and date); then each row is
applied in memory. What the file adds is remembered, so a later row finds
what an earlier one created. Existing values are never overwritten; empty
ones are filled in ("updated").
"""

import itertools
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from contacts.importing.parsing import ParsedRow
from contacts.importing.report import ContactImportReport
from contacts.models import FirstContact, Organisation, Person
from kiallianz.tabular import RowError

ORGANISATION_BLANKS = ("website", "postcode", "city", "notes")
PERSON_BLANKS = ("first_name", "last_name", "email", "function", "phone")
# What matching and filling in need of the stored records.
ORGANISATION_LOADED = ("normalized_name", "region", "version", *ORGANISATION_BLANKS)
PERSON_LOADED = ("organisation", "version", *PERSON_BLANKS)


@dataclass
class ChunkChanges:
    """What one chunk writes; new records have no primary key yet."""

    organisations: list[Organisation] = field(default_factory=list)
    changed_organisations: dict[int, tuple[Organisation, set[str]]] = field(default_factory=dict)
    persons: list[Person] = field(default_factory=list)
    changed_persons: dict[int, tuple[Person, set[str]]] = field(default_factory=dict)
    contacts: list[FirstContact] = field(default_factory=list)
    # (first contact, person) links, also to first contacts saved before.
    contact_persons: list[tuple[FirstContact, Person]] = field(default_factory=list)
    contact_offers: list[tuple[FirstContact, object]] = field(default_factory=list)
    contact_potentials: list[tuple[FirstContact, str]] = field(default_factory=list)

    def changed(self, registry: dict, obj, names: list[str]) -> None:
        if obj.pk is None:
            return  # not saved yet: the insert carries the new values
        _obj, fields = registry.setdefault(id(obj), (obj, set()))
        fields.update(names)


class Resolver:
    def __init__(self, report: ContactImportReport, regions_by_id: dict, user_region):
        self.report = report
        self.regions_by_id = regions_by_id
        self.user_region = user_region
        self.organisations: dict[str, Organisation] = {}
        self.persons_by_email: dict[str, Person] = {}
        self.persons_by_name: dict[tuple, Person] = {}
        self.contact_keys: set[tuple] = set()
        self.contacts_by_day: dict[tuple, FirstContact] = {}
        self._names_seen: set[str] = set()
        self._emails_seen: set[str] = set()
        self._new_refs = itertools.count(1)
        self._persons_by_pk: dict[int, Person] = {}

    # --- reads ---------------------------------------------------------------

    def load(self, rows: list[ParsedRow]) -> None:
        """Read what this chunk's rows may match and earlier chunks did not."""
        names = {row.key for row in rows if row.key} - self._names_seen
        self._names_seen |= names
        emails = {row.person.email for row in rows if row.person and row.person.email}
        emails -= self._emails_seen
        self._emails_seen |= emails
        loaded = {}
        if names:
            organisations = (
                Organisation.objects.filter(normalized_name__in=names)
                .only(*ORGANISATION_LOADED)
                .order_by("id")
            )
            for organisation in organisations:
                if organisation.normalized_name not in self.organisations:
                    self.organisations[organisation.normalized_name] = organisation
                    loaded[organisation.pk] = organisation.normalized_name
        if emails:
            persons = (
                Person.objects.annotate(email_key=Lower("email"))
                .filter(email_key__in=emails)
                .only(*PERSON_LOADED)
            )
            for person in persons.order_by("id"):
                email_key = person.email_key
                person = self._known_person(person)
                self.persons_by_email.setdefault(email_key, person)
        if loaded:
            self._load_persons_and_contacts(loaded)

    def _load_persons_and_contacts(self, keys_by_id: dict[int, str]) -> None:
        persons = Person.objects.filter(organisation_id__in=keys_by_id).only(*PERSON_LOADED)
        for person in persons.order_by("id"):
            person = self._known_person(person)
            key = (
                keys_by_id[person.organisation_id],
                person.first_name.lower(),
                person.last_name.lower(),
            )
            self.persons_by_name.setdefault(key, person)
        contacts = (
            FirstContact.objects.filter(organisation_id__in=keys_by_id)
            .only("id", "organisation_id", "date")
            .order_by("id")
        )
        organisation_by_contact = {}
        for contact in contacts:
            key = keys_by_id[contact.organisation_id]
            organisation_by_contact[contact.pk] = key
            self.contacts_by_day.setdefault((key, contact.date), contact)
            self.contact_keys.add((key, None, contact.date))
        links = FirstContact.persons.through.objects.filter(
            firstcontact_id__in=organisation_by_contact
        ).values_list("firstcontact_id", "firstcontact__date", "person_id")
        for contact_id, date, person_id in links:
            self.contact_keys.add((organisation_by_contact[contact_id], person_id, date))

    def _known_person(self, person: Person) -> Person:
        """One instance per stored person, however it was found."""
        person = self._persons_by_pk.setdefault(person.pk, person)
        person.import_ref = person.pk
        return person

    # --- rows ----------------------------------------------------------------

    def apply(self, row: ParsedRow, changes: ChunkChanges) -> bool:
        """Apply one clean row; False (with the row's error) when it cannot be."""
        organisation = self.organisations.get(row.key)
        if row.contact is not None:
            region = row.region or self._region_of(organisation) or self.user_region
            if region is None and not row.region_text:
                message = _(
                    "Keine Region für das Erstgespräch: weder in der Spalte „Region“ "
                    "noch bei der Organisation noch bei Ihnen hinterlegt."
                )
                row.errors.append(RowError(row.number, message))
                return False
            row.contact.region_id = region.pk if region else None
        organisation = self._apply_organisation(row, organisation, changes)
        person = self._apply_person(row, organisation, changes) if row.person else None
        if row.contact is not None:
            self._apply_contact(row, organisation, person, changes)
        return True

    def _region_of(self, organisation: Organisation | None):
        if organisation is None or organisation.region_id is None:
            return None
        # An inactive region is not among the lookups; read it (rare).
        return self.regions_by_id.get(organisation.region_id) or organisation.region

    def _apply_organisation(self, row, organisation, changes) -> Organisation:
        candidate = row.organisation
        if organisation is None:
            self.organisations[row.key] = candidate
            changes.organisations.append(candidate)
            self.report.count("organisations", "created")
            return candidate
        changed = _fill_blanks(organisation, candidate, ORGANISATION_BLANKS)
        if organisation.region_id is None and row.region is not None:
            organisation.region_id = row.region.pk
            changed.append("region")
        if changed:
            changes.changed(changes.changed_organisations, organisation, changed)
            self.report.count("organisations", "updated")
        else:
            self.report.count("organisations", "skipped")
        return organisation

    def _apply_person(self, row, organisation, changes) -> Person:
        candidate = row.person
        person = None
        if candidate.email:
            person = self.persons_by_email.get(candidate.email)
        name_key = (row.key, candidate.first_name.lower(), candidate.last_name.lower())
        if person is None:
            person = self.persons_by_name.get(name_key)
        if person is None:
            candidate.organisation = organisation
            candidate.import_ref = ("new", next(self._new_refs))
            changes.persons.append(candidate)
            if candidate.email:
                self.persons_by_email.setdefault(candidate.email, candidate)
            self.persons_by_name.setdefault(name_key, candidate)
            self.report.count("persons", "created")
            return candidate
        changed = _fill_blanks(person, candidate, PERSON_BLANKS)
        if person.organisation_id is None and person.pk is not None:
            person.organisation = organisation
            changed.append("organisation")
        if changed:
            changes.changed(changes.changed_persons, person, changed)
            self.report.count("persons", "updated")
        else:
            self.report.count("persons", "skipped")
        return person

    def _apply_contact(self, row, organisation, person, changes) -> None:
        date = row.contact.date
        key = (row.key, person.import_ref if person else None, date)
        if key in self.contact_keys:
            self.report.count("first_contacts", "skipped")
            return
        same_meeting = self.contacts_by_day.get((row.key, date))
        if same_meeting is not None and person is not None:
            # Another person of the organisation at the same meeting (one
            # row per person in the old sheets): one first contact, not two.
            changes.contact_persons.append((same_meeting, person))
            self.contact_keys.add(key)
            self.report.count("first_contacts", "updated")
            return
        contact = row.contact
        contact.organisation = organisation
        changes.contacts.append(contact)
        if person is not None:
            changes.contact_persons.append((contact, person))
        changes.contact_offers.extend((contact, offer) for offer in row.offers)
        changes.contact_potentials.extend((contact, potential) for potential in row.potentials)
        self.contact_keys.add(key)
        self.contact_keys.add((row.key, None, date))
        self.contacts_by_day.setdefault((row.key, date), contact)
        self.report.count("first_contacts", "created")


def _fill_blanks(obj, candidate, names) -> list[str]:
    changed = []
    for name in names:
        value = getattr(candidate, name)
        if value and not getattr(obj, name):
            setattr(obj, name, value)
            changed.append(name)
    return changed
