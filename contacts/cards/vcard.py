"""vCard 3/4 and MeCard text → fields; a person → vCard text."""

import re

import vobject

from contacts.cards.fields import CardFields, format_phone
from contacts.cards.parsing import is_mobile


class VCardError(ValueError):
    pass


def _value(component, name: str) -> str:
    child = getattr(component, name, None)
    if child is None:
        return ""
    value = child.value
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return str(value).strip()


def _types(line) -> set[str]:
    types = set()
    for value in line.params.get("TYPE", []):
        types.update(part.strip().lower() for part in value.split(","))
    return types


def _fields_from_vcard(card) -> CardFields:
    fields = CardFields()
    name = getattr(card, "n", None)
    if name is not None and hasattr(name.value, "family"):
        fields.first_name = " ".join(
            part for part in (name.value.given, name.value.additional) if part
        ).strip()
        fields.last_name = str(name.value.family or "").strip()
    if not fields.last_name:
        full = _value(card, "fn").split()
        if full:
            fields.first_name, fields.last_name = " ".join(full[:-1]), full[-1]
    fields.title = _value(card, "title") or _value(card, "role")
    organisation = getattr(card, "org", None)
    if organisation is not None:
        value = organisation.value
        fields.organisation = (value[0] if isinstance(value, list) else str(value)).strip()
    fields.email = _value(card, "email").lower()
    for line in card.contents.get("tel", []):
        number = format_phone(str(line.value))
        if _types(line) & {"cell", "mobile"}:
            fields.mobile = fields.mobile or number
        elif "fax" not in _types(line):
            fields.phone = fields.phone or number
    fields.website = _value(card, "url")
    address = getattr(card, "adr", None)
    if address is not None and hasattr(address.value, "street"):
        adr = address.value
        city = " ".join(part for part in (adr.code, adr.city) if part)
        fields.address = ", ".join(part for part in (adr.street, city, adr.country) if part)
    return fields


def parse_vcards(text: str) -> list[CardFields]:
    """Every card in a .vcf (one file may hold several)."""
    if "BEGIN:VCARD" not in text.upper():
        raise VCardError("no vcard")
    # vobject knows vCard 3; version 4 differs in ways that do not matter here.
    text = re.sub(r"(?im)^VERSION:4\.0\s*$", "VERSION:3.0", text)
    try:
        cards = [card for card in vobject.readComponents(text) if card.name == "VCARD"]
    except Exception as error:  # vobject raises many kinds on broken files
        raise VCardError(str(error)) from None
    if not cards:
        raise VCardError("no vcard")
    return [_fields_from_vcard(card) for card in cards]


def parse_mecard(text: str) -> CardFields:
    """``MECARD:N:Beispiel,Kim;TEL:...;EMAIL:...;;`` (common on QR codes)."""
    body = text.strip()[len("MECARD:") :]
    parts = re.split(r"(?<!\\);", body)
    values: dict[str, list[str]] = {}
    for part in parts:
        if ":" not in part:
            continue
        key, value = part.split(":", 1)
        values.setdefault(key.strip().upper(), []).append(value.replace("\\;", ";").strip())
    fields = CardFields()
    name = (values.get("N") or [""])[0]
    if "," in name:
        fields.last_name, fields.first_name = (p.strip() for p in name.split(",", 1))
    elif name:
        tokens = name.split()
        fields.first_name, fields.last_name = " ".join(tokens[:-1]), tokens[-1]
    fields.organisation = (values.get("ORG") or [""])[0]
    fields.title = (values.get("TITLE") or [""])[0]
    fields.email = (values.get("EMAIL") or [""])[0].lower()
    for number in values.get("TEL", []):
        formatted = format_phone(number)
        if is_mobile(formatted) and not fields.mobile:
            fields.mobile = formatted
        elif not fields.phone:
            fields.phone = formatted
    fields.website = (values.get("URL") or [""])[0]
    fields.address = (values.get("ADR") or [""])[0].replace(",", ", ").strip(", ")
    return fields


def person_vcard(person) -> str:
    """vCard 3.0 of a person, for „Als vCard herunterladen“."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=person.last_name or "", given=person.first_name or ""
    )
    card.add("fn").value = " ".join(p for p in (person.first_name, person.last_name) if p)
    if person.function:
        card.add("title").value = person.function
    if person.organisation_id:
        card.add("org").value = [person.organisation.name]
        if person.organisation.website:
            card.add("url").value = person.organisation.website
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if person.phone:
        tel = card.add("tel")
        tel.value = person.phone
        tel.type_param = "WORK"
    return card.serialize()
