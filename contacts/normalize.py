"""Normalised keys for matching organisations and persons."""

import re
import unicodedata
from urllib.parse import urlsplit

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Legal forms and filler words that say nothing about which organisation it is.
_LEGAL_FORMS = (
    "gmbh & co. kg",
    "gmbh & co kg",
    "gmbh",
    "ggmbh",
    "mbh",
    "ag",
    "kg",
    "ohg",
    "gbr",
    "eg",
    "e.g.",
    "e.v.",
    "ev",
    "e. v.",
    "se",
    "ug (haftungsbeschränkt)",
    "ug",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "llc",
    "co.",
    "co",
)
# Longest first, one after the other ("gmbh & co. kg" before "gmbh").
_LEGAL_FORM_PATTERNS = [
    re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])")
    for form in sorted(_LEGAL_FORMS, key=len, reverse=True)
]
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_FREEMAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "web.de",
        "gmx.de",
        "gmx.net",
        "t-online.de",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "yahoo.de",
        "icloud.com",
        "posteo.de",
        "mailbox.org",
        "freenet.de",
        "aol.com",
    }
)


def normalize_organisation_name(name: str) -> str:
    """'Maddox AI GmbH' and 'maddox-ai gmbh' both become 'maddox ai'."""
    text = (name or "").strip().lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    for pattern in _LEGAL_FORM_PATTERNS:
        text = pattern.sub(" ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def fold_name(name: str) -> str:
    """A person's name for comparing: lower case, umlauts spelt out
    („Müller“ and „Mueller“ match), accents dropped."""
    text = (name or "").strip().lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def email_domain(email: str) -> str:
    """The organisation's domain of an email address; '' for freemail."""
    email = normalize_email(email)
    if "@" not in email:
        return ""
    domain = email.rsplit("@", 1)[1]
    return "" if domain in _FREEMAIL_DOMAINS else domain


def website_domain(url: str) -> str:
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


# The two shapes nearly every phone number of a German sheet has: national
# with the trunk prefix (0721 123456, 0711/12 34-56) or international with
# Germany's code (+49 721 123456, as stored). For these the number is known
# without phonenumbers' general parser (half the cost of a number); its
# metadata still decides whether the number is valid and how it is written.
_GERMAN_NATIONAL = re.compile(r"0([1-9][0-9 /-]{2,24})")
_GERMAN_INTERNATIONAL = re.compile(r"\+49 ?([1-9][0-9 /-]{2,24})")
_SEPARATORS = str.maketrans("", "", " /-")


def _german_number(phone: str) -> phonenumbers.PhoneNumber | None:
    match = _GERMAN_NATIONAL.fullmatch(phone) or _GERMAN_INTERNATIONAL.fullmatch(phone)
    if match is None:
        return None
    national = match.group(1).translate(_SEPARATORS)
    return phonenumbers.PhoneNumber(country_code=49, national_number=int(national))


def normalize_phone(phone: str) -> str:
    """A German or international phone number in international format;
    raises a German ValidationError for anything else."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    number = _german_number(phone)
    if number is None:
        try:
            number = phonenumbers.parse(phone, "DE")
        except phonenumbers.NumberParseException:
            number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            {
                "phone": _(
                    "„%(value)s“ ist keine gültige Telefonnummer (z. B. 0721 123456 "
                    "oder +49 721 123456)."
                )
                % {"value": phone}
            }
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
