"""Import of the existing first-contact spreadsheets (CSV or XLSX).

One row holds an organisation, optionally a person and, when it has a
date, a first contact. The import is all-or-nothing: every write runs in
one transaction that is rolled back for a dry run or when a row is invalid
(unless the user chose to skip invalid rows, in which case each row runs in
its own savepoint). Re-importing a file creates no duplicates: organisations
match by normalised name, persons by email (or by name within the
organisation), first contacts by organisation, person and date. Existing
values are never overwritten; empty ones are filled in ("updated").
"""

import datetime
import logging
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacts.models import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.normalize import normalize_email
from contacts.normalize import normalize_organisation_name as _normalize_name
from kiallianz.models import Offer, Region
from kiallianz.tabular import (
    ImportReport,
    RowError,
    TableError,
    csv_bytes,
    parse_date,
    read_table,
    resolve_columns,
)
from kiallianz.versioning import bump_version

logger = logging.getLogger(__name__)

# The documented template (docs/import-template.csv) in this order; each
# field also accepts the German and English headers found in the old sheets.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "organisation": ("Organisation", "Organization", "Firma", "Unternehmen", "Company"),
    "kind": ("Art", "Kind", "Typ", "Type", "Organisationsart"),
    "website": ("Website", "Webseite", "Homepage", "URL", "Internet"),
    "postcode": ("PLZ", "Postleitzahl", "Postcode", "Postal code", "ZIP"),
    "city": ("Ort", "Stadt", "City", "Town"),
    "region": ("Region",),
    "first_name": ("Vorname", "First name", "Firstname", "Given name"),
    "last_name": ("Nachname", "Name", "Last name", "Lastname", "Surname", "Family name"),
    "function": ("Funktion", "Function", "Position", "Rolle", "Role", "Job title"),
    "email": ("E-Mail", "Email", "Mail", "E-Mail-Adresse", "Email address"),
    "phone": ("Telefon", "Phone", "Tel", "Telefonnummer", "Mobil"),
    "date": ("Datum", "Date", "Datum Erstgespräch", "Gesprächsdatum"),
    "community_manager": ("Community Manager", "Community Managerin", "Community Manager:in", "CM"),
    "occasion": ("Anlass", "Occasion", "Gelegenheit", "Veranstaltung"),
    "offers": ("Angebote", "Offers", "Vorgestellte Angebote"),
    "potential": ("Potenzial", "Potential", "Kooperationspotenzial", "Kooperationspotential"),
    "notes": ("Notizen", "Inhalt", "Notes", "Besprochene Inhalte", "Bemerkungen", "Kommentar"),
}

TEMPLATE_HEADERS = [
    "Organisation",
    "Art",
    "Website",
    "PLZ",
    "Ort",
    "Region",
    "Vorname",
    "Nachname",
    "Funktion",
    "E-Mail",
    "Telefon",
    "Datum",
    "Community Manager",
    "Anlass",
    "Angebote",
    "Potenzial",
    "Notizen",
]
TEMPLATE_EXAMPLE = [
    "Beispiel Robotik GmbH",
    "Unternehmen",
    "https://www.beispiel-robotik.de",
    "76131",
    "Karlsruhe",
    "Karlsruhe",
    "Erika",
    "Musterfrau",
    "Geschäftsführerin",
    "erika.musterfrau@beispiel-robotik.de",
    "0721 123456",
    "12.03.2024",
    "cm-karlsruhe",
    "Messe",
    "KI-Challenge, Datenplattform",
    "Speaker:in, Mitgliedschaft möglich",
    "Interesse an der KI-Challenge; Wiedervorlage im Mai.",
]

ENTITIES = {
    "organisations": gettext_lazy("Organisationen"),
    "persons": gettext_lazy("Personen"),
    "first_contacts": gettext_lazy("Erstgespräche"),
}
LIST_SEPARATORS = (";", ",", "|", "\n")


def import_template_csv() -> bytes:
    """The template offered for download; docs/import-template.csv is this file."""
    return csv_bytes(TEMPLATE_HEADERS, [TEMPLATE_EXAMPLE])


@dataclass
class EntityCounts:
    created: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass
class ContactImportReport(ImportReport):
    rows: int = 0
    invalid_rows: int = 0
    counts: dict[str, EntityCounts] = field(
        default_factory=lambda: {key: EntityCounts() for key in ENTITIES}
    )

    def count(self, entity: str, outcome: str) -> None:
        counts = self.counts[entity]
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def entity_rows(self) -> list[tuple[str, EntityCounts]]:
        return [(str(ENTITIES[key]), self.counts[key]) for key in ENTITIES]

    def finish(self) -> None:
        self.created = sum(c.created for c in self.counts.values())
        self.updated = sum(c.updated for c in self.counts.values())
        self.skipped = sum(c.skipped for c in self.counts.values())


@dataclass
class _Row:
    number: int
    organisation: dict
    person: dict | None
    contact: dict | None
    region: Region | None
    community_manager: object | None
    offers: list[Offer]
    potentials: list[str]


class _RowInvalid(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors


def contacts_import(
    *,
    data: bytes,
    filename: str = "",
    user=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> ContactImportReport:
    """Import a spreadsheet of organisations, persons and first contacts.

    ``user`` is the importing user: author of the new records, community
    manager of rows without one, and their first region is the fallback
    region. Raises ValidationError when the file as a whole is unusable.
    """
    try:
        table = read_table(data, filename)
    except TableError as error:
        raise ValidationError(str(error)) from None
    columns = resolve_columns(table.headers, COLUMN_ALIASES)
    if "organisation" not in columns:
        raise ValidationError(
            _("Die Spalte „Organisation“ fehlt (auch erkannt: Firma, Unternehmen, Company).")
        )
    if "first_name" not in columns and columns.get("last_name") is not None:
        # "Name" alone often holds the full name in the old sheets.
        columns["full_name"] = columns.pop("last_name")

    report = ContactImportReport(dry_run=dry_run, rows=len(table.rows))
    importer = _Importer(table.rows, columns, user, report)
    with transaction.atomic():
        importer.run(skip_invalid=skip_invalid)
        blocked = bool(report.errors) and not skip_invalid
        if dry_run or blocked:
            transaction.set_rollback(True)
        else:
            report.saved = True
    report.finish()
    if report.saved:
        logger.info(
            "contacts import by user %s: %s created, %s updated, %s skipped, %s invalid rows",
            getattr(user, "pk", None),
            report.created,
            report.updated,
            report.skipped,
            report.invalid_rows,
        )
    return report


# The same names recur in every row of an organisation.
_organisation_key = lru_cache(maxsize=4096)(_normalize_name)


class _Importer:
    """Lookups prepared once per file, so rows cost no read queries."""

    def __init__(self, rows, columns, user, report):
        self.rows = rows
        self.columns = columns
        self.user = user
        self.report = report
        self.today = timezone.localdate()
        self.regions = {}
        self.region_names = []
        for region in Region.objects.filter(is_active=True):
            self.regions[region.name.lower()] = region
            self.regions[region.slug.lower()] = region
            self.region_names.append(region.name)
        self.user_region = (
            user.regions.order_by("name").first() if user and user.is_authenticated else None
        )
        self.offers = {}
        self.offer_names = []
        for offer in Offer.objects.filter(is_active=True):
            self.offers[offer.name.lower()] = offer
            self.offers[offer.slug.lower()] = offer
            self.offer_names.append(offer.name)
        self.kinds = _choice_lookup(Organisation.Kind, KIND_ALIASES)
        self.occasions = _choice_lookup(FirstContact.Occasion, OCCASION_ALIASES)
        self.potentials = _choice_lookup(CooperationPotential, POTENTIAL_ALIASES)
        self.users = self._load_users()
        self._load_existing()

    def _value(self, values: dict, key: str) -> str:
        header = self.columns.get(key)
        if header is None:
            return ""
        return _text(values.get(header))

    def _load_users(self) -> dict:
        if "community_manager" not in self.columns:
            return {}
        lookup = {}
        for user in get_user_model().objects.filter(is_active=True):
            full_name = user.get_full_name().strip().lower()
            if full_name:
                lookup.setdefault(full_name, user)
            lookup[user.username.lower()] = user
        return lookup

    def _load_existing(self) -> None:
        names = {
            _organisation_key(self._value(values, "organisation")) for _number, values in self.rows
        }
        names.discard("")
        self.organisations = {}
        for organisation in Organisation.objects.filter(normalized_name__in=names).order_by("id"):
            self.organisations.setdefault(organisation.normalized_name, organisation)
        emails = {normalize_email(self._value(values, "email")) for _n, values in self.rows}
        emails.discard("")
        self.persons_by_email = {}
        persons = Person.objects.annotate(email_key=Lower("email")).filter(email_key__in=emails)
        for person in persons.order_by("id"):
            self.persons_by_email.setdefault(person.email_key, person)
        self.persons_by_name = {}
        org_ids = [o.id for o in self.organisations.values()]
        for person in Person.objects.filter(organisation_id__in=org_ids).order_by("id"):
            self.persons_by_name.setdefault(_person_key(person), person)
        self.contact_keys = set()
        self.contacts_by_day = {}
        contacts = FirstContact.objects.filter(organisation_id__in=org_ids).prefetch_related(
            "persons"
        )
        for contact in contacts.only("id", "organisation_id", "date").order_by("id"):
            self.contacts_by_day.setdefault((contact.organisation_id, contact.date), contact)
            self.contact_keys.add((contact.organisation_id, None, contact.date))
            for person in contact.persons.all():
                self.contact_keys.add((contact.organisation_id, person.id, contact.date))

    # --- rows --------------------------------------------------------------

    def run(self, *, skip_invalid: bool) -> None:
        self.skip_invalid = skip_invalid
        for number, values in self.rows:
            try:
                row = self._parse(number, values)
                # Even when an earlier row already failed, later rows are
                # written (and rolled back) so the report lists every problem.
                # Only a partial import needs a savepoint per row; otherwise
                # any error rolls back the whole file anyway.
                with transaction.atomic() if self.skip_invalid else nullcontext():
                    pending = self._write(row)
            except _RowInvalid as invalid:
                self.report.errors.extend(invalid.errors)
                self.report.invalid_rows += 1
                continue
            self._remember(pending)

    def _parse(self, number: int, values: dict) -> _Row:
        errors: list[RowError] = []

        def error(message: str, column_key: str = "") -> None:
            errors.append(RowError(number, message, self.columns.get(column_key, "")))

        name = self._value(values, "organisation")
        if not name:
            error(_("Der Name der Organisation fehlt."), "organisation")
        elif not _organisation_key(name):
            error(_("„%(value)s“ ist kein gültiger Organisationsname.") % {"value": name})

        kind = ""
        kind_text = self._value(values, "kind")
        if kind_text:
            kind = self.kinds.get(kind_text.lower(), "")
            if not kind:
                error(
                    _("Unbekannte Art „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": kind_text, "allowed": _labels(Organisation.Kind)},
                    "kind",
                )

        region = None
        region_text = self._value(values, "region")
        if region_text:
            region = self.regions.get(region_text.lower())
            if region is None:
                error(
                    _("Unbekannte Region „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": region_text, "allowed": ", ".join(sorted(self.region_names))},
                    "region",
                )

        website = self._value(values, "website")
        if website and "://" not in website:
            website = f"https://{website}"

        email = normalize_email(self._value(values, "email"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                message = _("„%(value)s“ ist keine gültige E-Mail-Adresse.")
                error(message % {"value": email}, "email")

        first_name = self._value(values, "first_name")
        last_name = self._value(values, "last_name")
        full_name = self._value(values, "full_name")
        if full_name:
            first_name, _space, last_name = full_name.rpartition(" ")
        person = None
        if first_name or last_name or email:
            if not last_name:
                error(
                    _("Für die Person fehlt der Nachname."),
                    "last_name" if "last_name" in self.columns else "full_name",
                )
            person = {
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
                "function": self._value(values, "function"),
                "phone": self._value(values, "phone"),
            }

        date = None
        date_text = values.get(self.columns["date"]) if "date" in self.columns else ""
        try:
            date = parse_date(date_text)
        except ValueError as problem:
            error(str(problem), "date")
        if date and date > self.today:
            error(
                _("Das Datum %(date)s liegt in der Zukunft.") % {"date": f"{date:%d.%m.%Y}"},
                "date",
            )

        community_manager = self.user if self.user and self.user.is_authenticated else None
        cm_text = self._value(values, "community_manager")
        if cm_text:
            community_manager = self.users.get(cm_text.lower())
            if community_manager is None:
                error(
                    _(
                        "Unbekannte Community Manager:in „%(value)s“ "
                        "(Benutzername oder vollständiger Name)."
                    )
                    % {"value": cm_text},
                    "community_manager",
                )

        occasion, occasion_note = "", ""
        occasion_text = self._value(values, "occasion")
        if occasion_text:
            occasion = self.occasions.get(occasion_text.lower(), "")
            if not occasion:
                # Free text such as the name of a fair: keep it as the detail.
                occasion_note = occasion_text[:255]

        offers = []
        for offer_text in _split(self._value(values, "offers")):
            offer = self.offers.get(offer_text.lower())
            if offer is None:
                error(
                    _("Unbekanntes Angebot „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": offer_text, "allowed": ", ".join(self.offer_names)},
                    "offers",
                )
            else:
                offers.append(offer)

        potentials = []
        for potential_text in _split(self._value(values, "potential")):
            potential = self.potentials.get(potential_text.lower())
            if not potential:
                error(
                    _("Unbekanntes Kooperationspotenzial „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": potential_text, "allowed": _labels(CooperationPotential)},
                    "potential",
                )
            elif potential not in potentials:
                potentials.append(potential)

        notes = self._value(values, "notes")
        contact = None
        if date:
            contact = {"date": date, "content": notes, "occasion_note": occasion_note}
            if occasion:
                contact["occasion"] = occasion
            organisation = self.organisations.get(_organisation_key(name))
            contact_region = region or (organisation.region if organisation else None)
            contact_region = contact_region or self.user_region
            if contact_region is None and not region_text:
                error(
                    _(
                        "Keine Region für das Erstgespräch: weder in der Spalte „Region“ "
                        "noch bei der Organisation noch bei Ihnen hinterlegt."
                    )
                )
            region = region or contact_region
        if errors:
            raise _RowInvalid(errors)
        organisation_fields = {
            "name": name,
            "kind": kind,
            "website": website,
            "postcode": self._value(values, "postcode"),
            "city": self._value(values, "city"),
            "region_from_column": region if region_text else None,
            "notes": "" if date else notes,
        }
        return _Row(
            number=number,
            organisation=organisation_fields,
            person=person,
            contact=contact,
            region=region,
            community_manager=community_manager,
            offers=offers,
            potentials=potentials,
        )

    # --- writes ------------------------------------------------------------

    def _write(self, row: _Row) -> dict:
        """Save one row; returns the new lookup entries once it succeeded."""
        pending: dict = {}
        organisation = self._write_organisation(row, pending)
        person = self._write_person(row, organisation, pending) if row.person else None
        if row.contact:
            self._write_contact(row, organisation, person, pending)
        return pending

    def _write_organisation(self, row: _Row, pending: dict) -> Organisation:
        fields = dict(row.organisation)
        region = fields.pop("region_from_column")
        key = _organisation_key(fields["name"])
        organisation = self.organisations.get(key)
        if organisation is None:
            organisation = Organisation(
                name=fields["name"],
                normalized_name=key,
                kind=fields["kind"] or Organisation.Kind.COMPANY,
                website=fields["website"],
                postcode=fields["postcode"],
                city=fields["city"],
                notes=fields["notes"],
                region=region,
                created_by=self.user if self.user and self.user.is_authenticated else None,
            )
            self._save(row, organisation)
            self.report.count("organisations", "created")
            pending.setdefault("organisations", {})[key] = organisation
            return organisation
        changed = _fill_blanks(
            organisation,
            {
                "website": fields["website"],
                "postcode": fields["postcode"],
                "city": fields["city"],
                "notes": fields["notes"],
            },
        )
        if organisation.region_id is None and region is not None:
            organisation.region = region
            changed.append("region")
        if changed:
            self._save(row, organisation, changed)
            self.report.count("organisations", "updated")
        else:
            self.report.count("organisations", "skipped")
        return organisation

    def _write_person(self, row: _Row, organisation: Organisation, pending: dict) -> Person:
        fields = row.person
        person = None
        if fields["email"]:
            person = self.persons_by_email.get(fields["email"])
        if person is None:
            person = self.persons_by_name.get(
                (organisation.pk, fields["first_name"].lower(), fields["last_name"].lower())
            )
        if person is None:
            person = Person(
                organisation=organisation,
                created_by=self.user if self.user and self.user.is_authenticated else None,
                **fields,
            )
            self._save(row, person)
            self.report.count("persons", "created")
            pending.setdefault("persons", []).append(person)
            return person
        changed = _fill_blanks(person, fields)
        if person.organisation_id is None:
            person.organisation = organisation
            changed.append("organisation")
        if changed:
            self._save(row, person, changed)
            self.report.count("persons", "updated")
        else:
            self.report.count("persons", "skipped")
        return person

    def _write_contact(self, row, organisation, person, pending) -> None:
        date = row.contact["date"]
        key = (organisation.pk, person.pk if person else None, date)
        if key in self.contact_keys:
            self.report.count("first_contacts", "skipped")
            return
        same_meeting = self.contacts_by_day.get((organisation.pk, date))
        if same_meeting is not None and person is not None:
            # Another person of the organisation at the same meeting (one
            # row per person in the old sheets): one first contact, not two.
            same_meeting.persons.add(person)
            self.report.count("first_contacts", "updated")
            pending.setdefault("contact_keys", []).append(key)
            return
        contact = FirstContact(
            organisation=organisation,
            region=row.region or organisation.region,
            community_manager=row.community_manager,
            created_by=self.user if self.user and self.user.is_authenticated else None,
            **row.contact,
        )
        self._save(row, contact)
        if person:
            contact.persons.add(person)
        if row.offers:
            contact.offers.set(row.offers)
        if row.potentials:
            FirstContactPotential.objects.bulk_create(
                FirstContactPotential(first_contact=contact, potential=potential)
                for potential in row.potentials
            )
        self.report.count("first_contacts", "created")
        keys = pending.setdefault("contact_keys", [])
        keys.append(key)
        keys.append((organisation.pk, None, date))
        pending.setdefault("contacts_by_day", {})[(organisation.pk, date)] = contact

    def _save(self, row: _Row, obj, update_fields: list[str] | None = None) -> None:
        # Foreign keys were resolved from rows this import loaded or saved
        # itself; re-checking each with a query per row would only cost time.
        exclude = [
            f.name
            for f in obj._meta.concrete_fields
            if f.is_relation and getattr(obj, f.attname) is not None
        ]
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as problem:
            raise _RowInvalid(_row_errors(row.number, obj, problem)) from None
        if update_fields:
            bump_version(obj, fields=update_fields)
        else:
            obj.save()

    def _remember(self, pending: dict) -> None:
        self.organisations.update(pending.get("organisations", {}))
        for person in pending.get("persons", []):
            if person.email:
                self.persons_by_email.setdefault(person.email, person)
            self.persons_by_name.setdefault(_person_key(person), person)
        self.contact_keys.update(pending.get("contact_keys", []))
        for day, contact in pending.get("contacts_by_day", {}).items():
            self.contacts_by_day.setdefault(day, contact)


# --- value helpers ---------------------------------------------------------

KIND_ALIASES = {
    "firma": "company",
    "unternehmen": "company",
    "startup": "startup",
    "forschung": "research_institute",
    "forschungsinstitut": "research_institute",
    "institut": "research_institute",
    "universität": "university",
    "universitaet": "university",
    "uni": "university",
    "hochschule": "university",
    "kammer": "chamber",
    "ihk": "chamber",
    "hwk": "chamber",
    "ahk": "chamber",
    "verband": "association",
    "netzwerk": "association",
    "verein": "association",
    "behörde": "public_body",
    "stadt": "municipality",
    "gemeinde": "municipality",
}
OCCASION_ALIASES = {
    "veranstaltung": "own_event",
    "eigene veranstaltung": "own_event",
    "event": "external_event",
    "besuch": "company_visit",
    "vor ort": "company_visit",
    "digital": "digital_meeting",
    "online": "digital_meeting",
    "video": "digital_meeting",
    "telefon": "phone",
    "anruf": "phone",
    "messe": "trade_fair",
}
POTENTIAL_ALIASES = {
    "speaker": "speaker",
    "speakerin": "speaker",
    "referent": "speaker",
    "kooperation": "cooperation_partner",
    "kooperationspartner": "cooperation_partner",
    "medienpartner": "media_partner",
    "magazin": "magazine_author",
    "autor": "magazine_author",
    "ki-challenge": "ki_challenge_partner",
    "mitglied": "member_prospect",
    "mitgliedschaft": "member_prospect",
    "förderprojekt": "funding_project",
    "foerderprojekt": "funding_project",
    "förderung": "funding_project",
}


def _choice_lookup(choices, aliases: dict[str, str]) -> dict[str, str]:
    """Lower-cased value, German label and English label → choice value."""
    from django.utils import translation

    lookup = dict(aliases)
    for value, label in choices.choices:
        if not value:
            continue
        lookup[str(value).lower()] = value
        with translation.override("en"):
            lookup[str(label).lower()] = value
        with translation.override("de"):
            lookup[str(label).lower()] = value
    return lookup


def _labels(choices) -> str:
    return ", ".join(str(label) for value, label in choices.choices if value)


def _split(text: str) -> list[str]:
    if not text:
        return []
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel keeps postcodes and phone numbers as numbers.
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        # Our own exports guard such cells against formula injection.
        return text[1:]
    return text


def _person_key(person: Person) -> tuple:
    return (person.organisation_id, person.first_name.lower(), person.last_name.lower())


def _fill_blanks(obj, values: dict) -> list[str]:
    changed = []
    for name, value in values.items():
        if value and not getattr(obj, name):
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _row_errors(number: int, obj, problem: ValidationError) -> list[RowError]:
    errors = []
    for field_name, messages in problem.message_dict.items():
        label = ""
        if field_name != "__all__":
            label = str(obj._meta.get_field(field_name).verbose_name)
        for message in messages:
            errors.append(RowError(number, message, label))
    return errors
