"""Card photos: the upload rules of kiallianz.images (PNG/JPEG/WebP, at most
10 MB, a real image of sane pixel count) and a JPEG re-encoding of the pixels
only, which drops EXIF and anything hidden in the file."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from kiallianz.images import inspect_image

MAX_CARD_MEGABYTES = 10
# Phone photos are large; OCR needs no more than this on the long side.
MAX_SIDE = 2400


class CardImageError(ValueError):
    """A German message for the manager."""


def load_card_image(data: bytes) -> Image.Image:
    """The photo, upright and small enough to read; the upload rules are those
    of every image upload (kiallianz.images: format, size, pixel count)."""
    if not data:
        raise CardImageError(_("Die Datei ist leer."))
    try:
        inspect_image(SimpleUploadedFile("karte", data), max_megabytes=MAX_CARD_MEGABYTES)
    except ValidationError as error:
        if error.code == "not_an_image":
            raise CardImageError(
                _("Die Datei ist kein lesbares Bild (JPEG, PNG oder WebP) und keine vCard.")
            ) from None
        raise CardImageError(" ".join(error.messages)) from None
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise CardImageError(
            _("Die Datei ist kein lesbares Bild (JPEG, PNG oder WebP) und keine vCard.")
        ) from None
    # Phones store the camera's orientation in EXIF; apply it, then forget EXIF.
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGB")
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image


def reencode_jpeg(image: Image.Image) -> bytes:
    """A fresh JPEG from the pixels only: no EXIF, no GPS, no trailing data."""
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
