"""One row's cells → candidate records (not saved), with German errors.

Lookups (regions, offers, users, choice labels) are loaded once per file, so
parsing a row costs no query.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.base import ModelState
from django.utils.translation import gettext as _

from contacts.importing.columns import (
    KIND_ALIASES,
    OCCASION_ALIASES,
    POTENTIAL_ALIASES,
    cell_text,
    choice_lookup,
    labels,
    split_list,
)
from contacts.models import CooperationPotential, FirstContact, Organisation, Person
from contacts.normalize import normalize_email, normalize_organisation_name
from kiallianz.models import Offer, Region
from kiallianz.tabular import RowError, parse_date

# The same names recur in every row of an organisation.
organisation_key = lru_cache(maxsize=16384)(normalize_organisation_name)


class _Builder:
    """Builds unsaved instances as ``Model(**values)`` would: every field at
    its default, the given attributes set. Model's ``__init__`` sets each of
    some twenty fields through its descriptor and signals pre- and post-init;
    a row builds up to three instances, and that cost more than all the rest
    of parsing it. None of these models has a receiver of those signals
    (``contacts/tests/test_import_parsing.py`` checks it), so the defaults
    are copied into a new instance's ``__dict__`` instead."""

    def __init__(self, model):
        self.model = model
        fields = model._meta.concrete_fields
        self.defaults = {field.attname: field.get_default() for field in fields}
        # A default that is a function gives each instance its own value.
        self.computed = {
            field.attname: field.get_default
            for field in fields
            if field.has_default() and callable(field.default)
        }

    def __call__(self, **values):
        obj = object.__new__(self.model)
        attributes = obj.__dict__
        attributes.update(self.defaults)
        for attname, default in self.computed.items():
            attributes[attname] = default()
        attributes.update(values)
        attributes["_state"] = ModelState()
        return obj


new_organisation = _Builder(Organisation)
new_person = _Builder(Person)
new_first_contact = _Builder(FirstContact)


@dataclass
class ParsedRow:
    number: int
    organisation: Organisation
    # The region named in the row's „Region“ column, if any.
    region: Region | None
    region_text: str
    person: Person | None
    contact: FirstContact | None
    offers: list[Offer] = field(default_factory=list)
    potentials: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.organisation.normalized_name


class RowParser:
    def __init__(self, columns: dict[str, str], user):
        self.columns = columns
        self.user = user if user and user.is_authenticated else None
        self.user_id = self.user.pk if self.user else None
        self.regions = {}
        self.region_names = []
        for region in Region.objects.filter(is_active=True):
            self.regions[region.name.lower()] = region
            self.regions[region.slug.lower()] = region
            self.region_names.append(region.name)
        self.regions_by_id = {region.pk: region for region in self.regions.values()}
        self.offers = {}
        self.offer_names = []
        for offer in Offer.objects.filter(is_active=True):
            self.offers[offer.name.lower()] = offer
            self.offers[offer.slug.lower()] = offer
            self.offer_names.append(offer.name)
        self.kinds = choice_lookup(Organisation.Kind, KIND_ALIASES)
        self.occasions = choice_lookup(FirstContact.Occasion, OCCASION_ALIASES)
        self.potentials = choice_lookup(CooperationPotential, POTENTIAL_ALIASES)
        self.users = self._load_users()

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

    def texts(self, values: dict) -> dict[str, str]:
        """The row's cells as text, by field; a field without a column is
        missing."""
        texts = {}
        for key, header in self.columns.items():
            value = values.get(header)
            if type(value) is str:
                # As a CSV gives every cell: only the guard needs cell_text.
                text = value.strip()
                if text[:1] != "'":
                    texts[key] = text
                    continue
            texts[key] = cell_text(value)
        return texts

    def parse(self, number: int, values: dict) -> ParsedRow:
        errors: list[RowError] = []
        cell = self.texts(values).get

        def error(message: str, column_key: str = "") -> None:
            errors.append(RowError(number, message, self.columns.get(column_key, "")))

        name = cell("organisation", "")
        key = organisation_key(name)
        if not name:
            error(_("Der Name der Organisation fehlt."), "organisation")
        elif not key:
            error(_("„%(value)s“ ist kein gültiger Organisationsname.") % {"value": name})

        kind = ""
        kind_text = cell("kind", "")
        if kind_text:
            kind = self.kinds.get(kind_text.lower(), "")
            if not kind:
                error(
                    _("Unbekannte Art „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": kind_text, "allowed": labels(Organisation.Kind)},
                    "kind",
                )

        region = None
        region_text = cell("region", "")
        if region_text:
            region = self.regions.get(region_text.lower())
            if region is None:
                error(
                    _("Unbekannte Region „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": region_text, "allowed": ", ".join(sorted(self.region_names))},
                    "region",
                )

        website = cell("website", "")
        if website and "://" not in website:
            website = f"https://{website}"

        email = normalize_email(cell("email", ""))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                message = _("„%(value)s“ ist keine gültige E-Mail-Adresse.")
                error(message % {"value": email}, "email")

        first_name = cell("first_name", "")
        last_name = cell("last_name", "")
        full_name = cell("full_name", "")
        if full_name:
            first_name, _space, last_name = full_name.rpartition(" ")
        person = None
        if first_name or last_name or email:
            if not last_name:
                error(
                    _("Für die Person fehlt der Nachname."),
                    "last_name" if "last_name" in self.columns else "full_name",
                )
            person = new_person(
                first_name=first_name,
                last_name=last_name,
                email=email,
                function=cell("function", ""),
                phone=cell("phone", ""),
                created_by_id=self.user_id,
            )

        date = None
        date_text = values.get(self.columns["date"]) if "date" in self.columns else ""
        try:
            date = parse_date(date_text)
        except ValueError as problem:
            error(str(problem), "date")

        community_manager = self.user
        cm_text = cell("community_manager", "")
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
        occasion_text = cell("occasion", "")
        if occasion_text:
            occasion = self.occasions.get(occasion_text.lower(), "")
            if not occasion:
                # Free text such as the name of a fair: keep it as the detail.
                occasion_note = occasion_text[:255]

        offers = []
        for offer_text in split_list(cell("offers", "")):
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
        for potential_text in split_list(cell("potential", "")):
            potential = self.potentials.get(potential_text.lower())
            if not potential:
                error(
                    _("Unbekanntes Kooperationspotenzial „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": potential_text, "allowed": labels(CooperationPotential)},
                    "potential",
                )
            elif potential not in potentials:
                potentials.append(potential)

        notes = cell("notes", "")
        contact = None
        if date:
            contact = new_first_contact(
                date=date,
                content=notes,
                occasion_note=occasion_note,
                community_manager_id=community_manager.pk if community_manager else None,
                created_by_id=self.user_id,
            )
            if occasion:
                contact.occasion = occasion
        organisation = new_organisation(
            name=name,
            normalized_name=key,
            kind=kind or Organisation.Kind.COMPANY,
            website=website,
            postcode=cell("postcode", ""),
            city=cell("city", ""),
            region_id=region.pk if region else None,
            notes="" if date else notes,
            created_by_id=self.user_id,
        )
        return ParsedRow(
            number=number,
            organisation=organisation,
            region=region,
            region_text=region_text,
            person=person,
            contact=contact,
            offers=offers,
            potentials=potentials,
            errors=errors,
        )
