"""Business-card images made with Pillow from fictitious data, for the OCR
tests, the browser test and benchmarks/card_ocr.py. Deterministic per seed."""

import io
import os
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from contacts.cards.fields import CardFields, format_phone

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# The fonts of Debian's fonts-dejavu-core, which .ci/run installs.
FONTS = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
}
FIRST_NAMES = [
    "Anna", "Jonas", "Lea", "Tobias", "Sophie", "Lukas", "Marie", "Felix", "Jana",
    "Moritz", "Katrin", "Stefan", "Ömer", "Jürgen", "Hannah", "Björn", "Elif", "Malte",
]  # fmt: skip
LAST_NAMES = [
    "Keller", "Brandt", "Schäfer", "Wolff", "Hoffmann", "Krüger", "Neumann", "Lorenz",
    "Vogt", "Bauer", "Zimmermann", "Maier", "Fischer", "Özdemir", "Weiß", "Haas",
    "Roth", "Seidel", "Kuhn", "Berger",
]  # fmt: skip
ORGANISATIONS = [
    "Neckar Robotics GmbH", "Albtal Sensorik AG", "Datenwerk Süd GmbH", "Kraichgau Analytics UG",
    "Schwarzwald Vision GmbH", "Hohenlohe Maschinenbau KG", "Ostalb Cloud eG",
    "Bodensee Logistik GmbH & Co. KG", "Filder Software SE", "KI-Netzwerk Rhein e.V.",
    "Hochschule Remstal", "Institut für Angewandte Lernsysteme",
]  # fmt: skip
TITLES = [
    "Geschäftsführerin", "Leiter Digitalisierung", "Head of Data Science", "Projektmanagerin",
    "Vertriebsleiter", "Referentin Innovation", "CTO", "Senior Consultant",
]  # fmt: skip
STREETS = ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Am Marktplatz", "Lindenallee"]
CITIES = [
    ("76131", "Karlsruhe"), ("70173", "Stuttgart"), ("79098", "Freiburg"),
    ("72764", "Reutlingen"), ("73430", "Aalen"), ("75172", "Pforzheim"),
]  # fmt: skip
AREA_CODES = ["721", "711", "761", "7121", "7361", "7231"]
# Prefix and subscriber-number length of valid German mobile numbers.
MOBILE_PREFIXES = [("151", 8), ("160", 7), ("170", 7), ("172", 7), ("176", 8)]


@dataclass
class GeneratedCard:
    fields: CardFields
    image: Image.Image

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="PNG")
        return out.getvalue()

    def jpeg(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, format="JPEG", quality=90)
        return out.getvalue()


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ö": "Oe"})
    return text.translate(table).lower()


def card_fields(rng: random.Random) -> CardFields:
    """Fictitious card data; phone numbers are valid German numbers."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    organisation = rng.choice(ORGANISATIONS)
    domain = "-".join(_ascii(organisation).replace(".", "").split()[:2]) + ".de"
    area = rng.choice(AREA_CODES)
    phone = f"+49 {area} {rng.randint(100000, 999999)}"
    prefix, digits = rng.choice(MOBILE_PREFIXES)
    mobile = f"+49 {prefix} {rng.randint(10 ** (digits - 1), 10**digits - 1)}"
    postcode, city = rng.choice(CITIES)
    return CardFields(
        first_name=first,
        last_name=last,
        title=rng.choice(TITLES),
        organisation=organisation,
        email=f"{_ascii(first)}.{_ascii(last)}@{domain}",
        phone=format_phone(phone),
        mobile=format_phone(mobile),
        website=f"https://www.{domain}",
        address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {postcode} {city}",
    )


def _printed_phone(number: str, rng: random.Random) -> str:
    # As people print them: „0721 123456“ or „+49 721 123456“.
    if rng.random() < 0.5:
        return "0" + number.removeprefix("+49 ")
    return number


def render_card(fields: CardFields, rng: random.Random, *, layout: int | None = None):
    layout = rng.randrange(4) if layout is None else layout
    family = rng.choice(list(FONTS))
    regular_name, bold_name = FONTS[family]
    size = rng.choice([26, 30, 34])
    width, height = rng.choice([(1050, 600), (1000, 580), (1200, 700)])
    regular = ImageFont.truetype(str(FONT_DIR / regular_name), size)
    bold = ImageFont.truetype(str(FONT_DIR / bold_name), size + 8)
    small = ImageFont.truetype(str(FONT_DIR / regular_name), size - 4)
    background = rng.choice([(255, 255, 255), (250, 248, 240), (240, 244, 250)])
    ink = rng.choice([(20, 20, 20), (20, 40, 90), (60, 60, 60)])
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    street, town = fields.address.split(", ", 1)
    name = f"{fields.first_name} {fields.last_name}"
    phone_label = rng.choice(["Tel.", "T", "Telefon", "Phone"])
    mobile_label = rng.choice(["Mobil", "M", "Mobile", "Handy"])
    contact = [
        f"{phone_label}: {_printed_phone(fields.phone, rng)}",
        f"{mobile_label}: {_printed_phone(fields.mobile, rng)}",
        fields.email,
        fields.website.removeprefix("https://"),
    ]
    line_gap = size + 14
    if layout == 0:  # everything left, name on top
        blocks = [(name, bold), (fields.title, regular), (fields.organisation, regular)]
        blocks += [(street, small), (town, small)] + [(c, small) for c in contact]
        y = 50
        for text, font in blocks:
            draw.text((60, y), text, font=font, fill=ink)
            y += line_gap + (10 if font is bold else 0)
    elif layout == 1:  # organisation on top, contacts below
        blocks = [(fields.organisation, bold), (name, regular), (fields.title, small)]
        blocks += [(c, small) for c in contact] + [(f"{street}, {town}", small)]
        y = 40
        for text, font in blocks:
            while 60 + draw.textlength(text, font=font) > width - 20:
                font = font.font_variant(size=font.size - 2)
            draw.text((60, y), text, font=font, fill=ink)
            y += line_gap
    elif layout == 2:  # two columns
        left = [(name, bold), (fields.title, small), (fields.organisation, small)]
        right = [(c, small) for c in contact] + [(street, small), (town, small)]
        y = 60
        for text, font in left:
            draw.text((50, y), text, font=font, fill=ink)
            y += line_gap + 6
        y = 60
        x = width // 2 - 20
        for text, font in right:
            # Long emails get a smaller font rather than running off the card.
            while x + draw.textlength(text, font=font) > width - 20:
                font = font.font_variant(size=font.size - 2)
            draw.text((x, y), text, font=font, fill=ink)
            y += line_gap
    else:  # centred
        blocks = [(name, bold), (fields.title, regular), (fields.organisation, regular)]
        blocks += [(f"{street} · {town}", small)] + [(c, small) for c in contact]
        y = 40
        for text, font in blocks:
            text_width = draw.textlength(text, font=font)
            draw.text(((width - text_width) / 2, y), text, font=font, fill=ink)
            y += line_gap
    return _photographed(image, rng, background)


def _photographed(image: Image.Image, rng: random.Random, background) -> Image.Image:
    """Slight rotation, blur and sensor noise, as from a phone."""
    angle = rng.uniform(-2.0, 2.0)
    image = image.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=background
    )
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    # Noise from the seeded generator, so that every run reads the same cards.
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    return Image.blend(image, noise.convert("RGB"), rng.uniform(0.06, 0.1))


def generate_cards(count: int, *, seed: int = 2026) -> list[GeneratedCard]:
    rng = random.Random(seed)
    cards = []
    for index in range(count):
        fields = card_fields(rng)
        cards.append(GeneratedCard(fields, render_card(fields, rng, layout=index % 4)))
    return cards


def _skip_or_fail(reason: str) -> None:
    import pytest

    if os.environ.get("CI") == "true":
        pytest.fail(f"Muss in CI laufen: {reason}")
    pytest.skip(reason)


def ocr_or_skip() -> None:
    """Tests needing tesseract skip without it, except in CI."""
    from contacts.cards.reader import ocr_available

    if not ocr_available():
        _skip_or_fail("tesseract-ocr mit tesseract-ocr-deu fehlt (apt-get install)")


def zbar_or_skip() -> None:
    from contacts.cards.qr import zbar_available

    if not zbar_available():
        _skip_or_fail("libzbar0 fehlt (apt-get install libzbar0)")


def qr_png(text: str) -> bytes:
    """A photo-like PNG of a QR code on a card, for the QR tests."""
    import qrcode

    code = qrcode.make(text, box_size=8, border=4).get_image().convert("RGB")
    card = Image.new("RGB", (code.width + 200, code.height + 120), (250, 250, 250))
    card.paste(code, (100, 60))
    card = card.rotate(1.5, expand=True, fillcolor=(250, 250, 250))
    out = io.BytesIO()
    card.save(out, format="PNG")
    return out.getvalue()
