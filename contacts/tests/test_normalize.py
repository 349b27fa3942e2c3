import random

import phonenumbers
import pytest
from django.core.exceptions import ValidationError

from contacts.normalize import (
    email_domain,
    normalize_email,
    normalize_organisation_name,
    normalize_phone,
    website_domain,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Maddox AI GmbH", "maddox ai"),
        ("maddox-ai gmbh", "maddox ai"),
        ("  TELENOT ELECTRONIC GMBH ", "telenot electronic"),
        ("Weisser Spulenkörper GmbH & Co. KG", "weisser spulenkoerper"),
        ("KI-Allianz Baden-Württemberg eG", "ki allianz baden wuerttemberg"),
        ("Gemeinde Jagstzell", "gemeinde jagstzell"),
        ("Agentur AG", "agentur"),
        ("", ""),
    ],
)
def test_it_normalises_organisation_names(raw, expected):
    assert normalize_organisation_name(raw) == expected


def test_it_normalises_emails_and_domains():
    assert normalize_email(" Max.Muster@Firma.DE ") == "max.muster@firma.de"
    assert email_domain("max@firma.de") == "firma.de"
    assert email_domain("max@gmail.com") == ""
    assert email_domain("kaputt") == ""
    assert website_domain("https://www.telenot.com/de") == "telenot.com"
    assert website_domain("relyon.de") == "relyon.de"
    assert website_domain("") == ""


def _by_general_parser(phone: str) -> str | None:
    """What phonenumbers' general parser makes of a number: its international
    form, or None where it is not a valid number."""
    try:
        number = phonenumbers.parse(phone, "DE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _normalised(phone: str) -> str | None:
    try:
        return normalize_phone(phone)
    except ValidationError:
        return None


def _sample_numbers(count: int) -> list[str]:
    """National and +49 numbers of every length, with the separators
    sheets use, valid and not."""
    chooser = random.Random(20261130)  # the same numbers on every run
    numbers = []
    for _ in range(count):
        digits = str(chooser.randint(1, 9)) + "".join(
            chooser.choice("0123456789") for _ in range(chooser.randint(2, 13))
        )
        cut = chooser.randint(1, len(digits) - 1)
        separator = chooser.choice(["", " ", "/", "-", " / ", "  "])
        body = digits[:cut] + separator + digits[cut:]
        prefix = chooser.choice(["0", "0", "+49 ", "+49", "+49 0", "00 49 ", "(0)"])
        numbers.append(prefix + body)
    return numbers


@pytest.mark.parametrize(
    "phone",
    [
        "0721 123456",
        "0711/12 34-56",
        "+49 721 123456",
        "+49721123456",
        "0151 23456789",
        "0800 1234567",
        "07361 5630",
        "0721",
        "01",
        "0721 12345678901234567890",
        "+49 (0)721 123456",
        "+41 44 668 18 00",
        "0721 123456 Durchwahl 12",
    ],
)
def test_a_phone_is_normalised_as_the_general_parser_would(phone):
    assert _normalised(phone) == _by_general_parser(phone)


def test_sampled_phones_are_normalised_as_the_general_parser_would():
    numbers = _sample_numbers(3000)
    differing = [phone for phone in numbers if _normalised(phone) != _by_general_parser(phone)]
    assert differing == []
    # Both kinds occur, so the comparison means something.
    assert 300 < sum(_normalised(phone) is None for phone in numbers) < 2700
