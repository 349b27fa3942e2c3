"""Card photos: the upload rules (PNG/JPEG/WebP, at most 10 MB, a real image)
and the re-encoding that drops EXIF and anything hidden in the file.

The security work brings a shared re-encode helper; until it is on main this
one serves the card photos only."""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_CARD_BYTES = 10 * 1024 * 1024
CARD_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# Phone photos are large; OCR needs no more than this on the long side.
MAX_SIDE = 2400


class CardImageError(ValueError):
    """A German message for the manager."""


def load_card_image(data: bytes) -> Image.Image:
    if len(data) > MAX_CARD_BYTES:
        raise CardImageError(_("Die Datei ist zu groß (höchstens 10 MB)."))
    if not data:
        raise CardImageError(_("Die Datei ist leer."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise CardImageError(
            _("Die Datei ist kein lesbares Bild (JPEG, PNG oder WebP) und keine vCard.")
        ) from None
    if image_format not in CARD_IMAGE_FORMATS:
        raise CardImageError(
            _("Das Bildformat %(format)s wird nicht unterstützt (JPEG, PNG oder WebP).")
            % {"format": image_format}
        )
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
