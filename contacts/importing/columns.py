"""The import's vocabulary: accepted headers, the template, value aliases,
and how a cell becomes text."""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy

from kiallianz.tabular import csv_bytes

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


def choice_lookup(choices, aliases: dict[str, str]) -> dict[str, str]:
    """Lower-cased value, German label and English label → choice value."""
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


def labels(choices) -> str:
    return ", ".join(str(label) for value, label in choices.choices if value)


def split_list(text: str) -> list[str]:
    if not text:
        return []
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


def cell_text(value) -> str:
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
