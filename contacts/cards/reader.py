"""One entry point: a file (photo, QR photo or .vcf) → the cards on it."""

import functools
import os
import shutil
import subprocess

from django.utils.translation import gettext as _
from PIL import Image, ImageFilter, ImageOps, ImageStat

from contacts.cards.fields import CardFields
from contacts.cards.images import CardImageError, load_card_image
from contacts.cards.parsing import parse_card_text
from contacts.cards.qr import qr_texts, zbar_available
from contacts.cards.vcard import VCardError, parse_mecard, parse_vcards

OCR_LANGUAGES = "deu+eng"
OCR_TIMEOUT_SECONDS = 20
# Below this edge contrast a photo is too blurred to read (a sharp card scores
# several hundred; a shaken photo or a blank surface well under 30).
MIN_SHARPNESS = 30.0


class CardError(ValueError):
    """Bad input, with a German message for the manager."""


@functools.cache
def ocr_available() -> bool:
    """tesseract with the German and English models is installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except (ImportError, OSError, subprocess.SubprocessError, RuntimeError):
        return False
    return {"deu", "eng"} <= languages


def _sharpness(image: Image.Image) -> float:
    gray = image.convert("L")
    gray.thumbnail((800, 800))
    edges = gray.filter(ImageFilter.FIND_EDGES)
    # The filter marks the image's own border as an edge: leave it out.
    edges = edges.crop((2, 2, edges.width - 2, edges.height - 2))
    return ImageStat.Stat(edges).var[0]


def _prepare_for_ocr(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    width = gray.width
    if width < 1600:
        factor = 1600 / width
        gray = gray.resize((1600, round(gray.height * factor)), Image.Resampling.LANCZOS)
    gray = gray.filter(ImageFilter.MedianFilter(3))
    return ImageOps.autocontrast(gray, cutoff=1)


def ocr_text(image: Image.Image) -> str:
    import pytesseract

    # tesseract's OpenMP threads fight over shared cores: one thread reads a
    # card in under a second, four take three times as long here.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return pytesseract.image_to_string(
            _prepare_for_ocr(image),
            lang=OCR_LANGUAGES,
            config="--psm 3",
            timeout=OCR_TIMEOUT_SECONDS,
        )
    except RuntimeError:  # pytesseract's timeout
        raise CardError(_("Die Karte konnte nicht rechtzeitig gelesen werden.")) from None


def _from_text(text: str) -> list[CardFields] | None:
    stripped = text.strip()
    if stripped.upper().startswith("MECARD:"):
        return [parse_mecard(stripped)]
    if "BEGIN:VCARD" in stripped.upper():
        try:
            return parse_vcards(stripped)
        except VCardError:
            return None
    return None


def read_card_image(image: Image.Image) -> list[CardFields]:
    if zbar_available():
        for text in qr_texts(image):
            cards = _from_text(text)
            if cards:
                return cards
    if not ocr_available():
        raise CardError(
            _(
                "Die Texterkennung ist auf diesem Server nicht installiert "
                "(tesseract-ocr, tesseract-ocr-deu). Bitte die Angaben von Hand eingeben."
            )
        )
    if _sharpness(image) < MIN_SHARPNESS:
        raise CardError(
            _("Das Foto ist zu unscharf oder leer. Bitte die Karte noch einmal fotografieren.")
        )
    fields = parse_card_text(ocr_text(image))
    if fields.is_empty():
        raise CardError(
            _("Auf dem Foto wurde keine Visitenkarte erkannt. Bitte noch einmal fotografieren.")
        )
    return [fields]


def read_card_upload(data: bytes, *, filename: str = "") -> tuple[list[CardFields], Image.Image]:
    """The cards in an uploaded file, and the photo (None for a .vcf)."""
    head = data[:2048].decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if filename.lower().endswith((".vcf", ".vcard")) or head.upper().startswith(
        ("BEGIN:VCARD", "MECARD:")
    ):
        if len(data) > 10 * 1024 * 1024:
            raise CardError(_("Die Datei ist zu groß (höchstens 10 MB)."))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        cards = _from_text(text)
        if not cards:
            raise CardError(_("Die vCard-Datei ist beschädigt oder leer."))
        return cards, None
    try:
        image = load_card_image(data)
    except CardImageError as error:
        raise CardError(str(error)) from None
    return read_card_image(image), image


def read_card_file(path) -> list[CardFields]:
    try:
        with open(path, "rb") as handle:
            data = handle.read(10 * 1024 * 1024 + 1)
    except OSError:
        raise CardError(
            _("Die Datei „%(path)s“ kann nicht gelesen werden.") % {"path": path}
        ) from None
    cards, _image = read_card_upload(data, filename=str(path))
    return cards
