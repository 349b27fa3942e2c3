import io

import pytest
from PIL import Image, ImageFilter

from contacts.cards import CardError, read_card_upload
from contacts.cards.fields import CardFields
from contacts.cards.images import load_card_image, reencode_jpeg
from contacts.cards.parsing import parse_card_text
from contacts.cards.reader import read_card_image
from contacts.cards.vcard import parse_mecard, parse_vcards, person_vcard
from contacts.tests.card_images import generate_cards, ocr_or_skip, qr_png, zbar_or_skip
from contacts.tests.factories import OrganisationFactory, PersonFactory

GERMAN_CARD = """
Dr. Anna von Berg
Leiterin Digitalisierung
Albtal Sensorik GmbH
Industriestraße 12
76131 Karlsruhe
Tel.: 0721 123456
Mobil: 0151 23456789
Fax: 0721 123457
anna.vonberg@albtal-sensorik.de
www.albtal-sensorik.de
"""


def test_a_german_card_text_becomes_fields():
    fields = parse_card_text(GERMAN_CARD)
    assert fields == CardFields(
        first_name="Anna",
        last_name="von Berg",
        title="Leiterin Digitalisierung",
        organisation="Albtal Sensorik GmbH",
        email="anna.vonberg@albtal-sensorik.de",
        phone="+49 721 123456",
        mobile="+49 1512 3456789",
        website="https://www.albtal-sensorik.de",
        address="Industriestraße 12, 76131 Karlsruhe",
    )


def test_an_english_card_with_unlabelled_numbers_and_ocr_noise():
    text = """
    NECKAR ROBOTICS LTD
    | Jonas Keller
    Head of Sales
    +49 711 987654
    +49 170 1234567
    jonas. keller @ neckar-robotics.com
    https://neckar-robotics.com
    """
    fields = parse_card_text(text)
    assert (fields.first_name, fields.last_name) == ("Jonas", "Keller")
    assert fields.organisation == "NECKAR ROBOTICS LTD"
    assert fields.title == "Head of Sales"
    assert fields.email == "jonas.keller@neckar-robotics.com"
    # Without a label, the number plan tells the mobile from the landline.
    assert (fields.phone, fields.mobile) == ("+49 711 987654", "+49 170 1234567")
    assert fields.website == "https://neckar-robotics.com"


def test_an_organisation_without_legal_form_is_found_by_its_kind():
    fields = parse_card_text("Hochschule Remstal\nProf. Lea Brandt\nlea.brandt@hs-remstal.de")
    assert fields.organisation == "Hochschule Remstal"
    assert (fields.first_name, fields.last_name) == ("Lea", "Brandt")


def test_text_without_card_data_gives_empty_fields():
    assert parse_card_text("~~~ ||| ...").is_empty()


VCARDS = """BEGIN:VCARD
VERSION:3.0
N:Keller;Jonas;;;
FN:Jonas Keller
ORG:Neckar Robotics GmbH
TITLE:Head of Sales
EMAIL;TYPE=INTERNET:Jonas.Keller@neckar-robotics.de
TEL;TYPE=WORK,VOICE:0711 987654
TEL;TYPE=CELL:0170 1234567
URL:https://neckar-robotics.de
ADR;TYPE=WORK:;;Hauptstraße 5;Stuttgart;;70173;Deutschland
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Lea Brandt
N:Brandt;Lea;;;
ORG:Hochschule Remstal
TEL;TYPE="cell,voice";VALUE=uri:tel:+49-151-23456789
EMAIL:lea.brandt@hs-remstal.de
END:VCARD
"""


def test_a_vcf_with_two_cards_gives_two_people():
    first, second = parse_vcards(VCARDS)
    assert first == CardFields(
        first_name="Jonas",
        last_name="Keller",
        title="Head of Sales",
        organisation="Neckar Robotics GmbH",
        email="jonas.keller@neckar-robotics.de",
        phone="+49 711 987654",
        mobile="+49 170 1234567",
        website="https://neckar-robotics.de",
        address="Hauptstraße 5, 70173 Stuttgart, Deutschland",
    )
    assert (second.first_name, second.last_name, second.organisation) == (
        "Lea",
        "Brandt",
        "Hochschule Remstal",
    )
    assert second.mobile == "+49 1512 3456789"


def test_a_mecard_is_read():
    fields = parse_mecard(
        "MECARD:N:Keller,Jonas;ORG:Neckar Robotics GmbH;TEL:+49 170 1234567;"
        "EMAIL:jonas@neckar-robotics.de;URL:https://neckar-robotics.de;;"
    )
    assert (fields.first_name, fields.last_name) == ("Jonas", "Keller")
    assert fields.mobile == "+49 170 1234567"
    assert fields.organisation == "Neckar Robotics GmbH"


@pytest.mark.django_db
def test_a_person_downloads_as_a_vcard_that_reads_back():
    person = PersonFactory(
        first_name="Kim",
        last_name="Beispiel",
        email="kim@example.org",
        phone="+49 721 123456",
        function="CTO",
        organisation=OrganisationFactory(name="Maddox AI GmbH", website="https://maddox.ai"),
    )
    (card,) = parse_vcards(person_vcard(person))
    assert (card.first_name, card.last_name, card.email) == ("Kim", "Beispiel", "kim@example.org")
    assert (card.organisation, card.title, card.phone) == (
        "Maddox AI GmbH",
        "CTO",
        "+49 721 123456",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leer"),
        (b"not an image at all", "kein lesbares Bild"),
        (b"BEGIN:VCARD\nbroken", "beschädigt"),
    ],
)
def test_bad_files_are_refused_in_german(data, message):
    with pytest.raises(CardError, match=message):
        read_card_upload(data, filename="karte.jpg")


def test_a_file_over_10_mb_is_refused():
    with pytest.raises(CardError, match="zu groß"):
        read_card_upload(b"\xff" * (10 * 1024 * 1024 + 1), filename="karte.jpg")


def test_a_gif_is_not_a_card_format():
    out = io.BytesIO()
    Image.new("RGB", (40, 40)).save(out, format="GIF")
    with pytest.raises(CardError, match="GIF"):
        read_card_upload(out.getvalue(), filename="karte.gif")


def test_reencoding_drops_exif():
    image = Image.new("RGB", (60, 40), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    clean = reencode_jpeg(load_card_image(out.getvalue()))
    assert b"Secret Camera" not in clean
    assert not Image.open(io.BytesIO(clean)).getexif()


@pytest.mark.parametrize(
    "image",
    [
        Image.new("RGB", (1000, 600), (240, 240, 240)),
        generate_cards(1)[0].image.filter(ImageFilter.GaussianBlur(4)),
    ],
    ids=["blank", "blurred"],
)
def test_a_blank_or_blurred_photo_is_refused(image):
    ocr_or_skip()
    out = io.BytesIO()
    image.save(out, format="PNG")
    with pytest.raises(CardError, match="unscharf oder leer"):
        read_card_upload(out.getvalue(), filename="karte.png")


def test_a_generated_card_photo_is_read_by_ocr():
    ocr_or_skip()
    card = generate_cards(1, seed=7)[0]
    (read,) = read_card_image(card.image)
    assert read.email == card.fields.email
    assert read.phone == card.fields.phone
    assert read.mobile == card.fields.mobile
    assert (read.first_name, read.last_name) == (card.fields.first_name, card.fields.last_name)


def test_a_vcard_qr_code_photo_is_read():
    zbar_or_skip()
    cards, _image = read_card_upload(qr_png(VCARDS.split("END:VCARD")[0] + "END:VCARD\n"))
    assert [(c.first_name, c.last_name, c.mobile) for c in cards] == [
        ("Jonas", "Keller", "+49 170 1234567")
    ]


def test_a_mecard_qr_code_photo_is_read():
    zbar_or_skip()
    cards, _image = read_card_upload(qr_png("MECARD:N:Brandt,Lea;EMAIL:lea@hs-remstal.de;;"))
    assert (cards[0].last_name, cards[0].email) == ("Brandt", "lea@hs-remstal.de")
