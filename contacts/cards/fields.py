"""The fields read from a card: the keys of ``read_card``'s JSON."""

from dataclasses import asdict, dataclass, fields

import phonenumbers


@dataclass
class CardFields:
    first_name: str = ""
    last_name: str = ""
    # The job title as printed on the card (vCard TITLE), e.g. „Leiterin
    # Digitalisierung“; it fills the person's „Funktion“.
    title: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    website: str = ""
    address: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def is_empty(self) -> bool:
        return not any(asdict(self).values())


FIELD_NAMES = tuple(field.name for field in fields(CardFields))


def format_phone(text: str) -> str:
    """A phone number in the international format the person records use;
    the text as read if it is no valid number."""
    try:
        number = phonenumbers.parse(text, "DE")
    except phonenumbers.NumberParseException:
        return text.strip()
    if not phonenumbers.is_valid_number(number):
        return text.strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
