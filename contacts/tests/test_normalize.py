import pytest

from contacts.normalize import (
    email_domain,
    normalize_email,
    normalize_organisation_name,
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
