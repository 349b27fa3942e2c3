"""Uploaded images are checked from their header, then rebuilt by Pillow.

Only PNG, JPEG and WebP are taken. The pixel count is read from the header
before anything is decoded, so a small file that unpacks into gigabytes is
refused cheaply. What is stored is a fresh encoding of the pixels: EXIF (GPS,
camera, author), comments and anything smuggled after or between the image
data (an HTML polyglot) are gone, the EXIF orientation is applied, and the
file extension follows the detected format, never the client's file name.
"""

import io
import warnings
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000
MAX_UPLOAD_MEGABYTES = 10
# A4 at 300 dpi is 2480 × 3508 px: more detail never reaches paper.
PRINT_MAX_SIDE = 2480

ALLOWED_LABEL = _("PNG, JPEG oder WebP")


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("Die Datei ist kein gültiges Bild (%(allowed)s)."),
        code="not_an_image",
        params={"allowed": ALLOWED_LABEL},
    )


def inspect_image(upload, *, max_megabytes: int = MAX_UPLOAD_MEGABYTES) -> str:
    """Size, format and pixel count from the header; returns Pillow's format.

    Nothing is decoded here. The file position is restored.
    """
    limit = min(max_megabytes, MAX_UPLOAD_MEGABYTES)
    if upload.size is not None and upload.size > limit * 1024 * 1024:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(limit)s MB)."),
            code="too_large",
            params={"limit": limit},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        # Image.open reads the header only; the pixel data stays undecoded.
        # Pillow's own bomb warning is moot: the pixel count is checked below.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
        with image:
            image_format = image.format
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_an_image() from None
    except Image.DecompressionBombError:
        width, height, image_format = MAX_PIXELS, 2, "PNG"
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Das Bildformat %(format)s wird nicht unterstützt (nur %(allowed)s)."),
            code="bad_format",
            params={"format": image_format, "allowed": ALLOWED_LABEL},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _(
                "Das Bild ist mit %(width)s × %(height)s Pixeln zu groß "
                "(höchstens %(megapixels)s Megapixel). Bitte verkleinern Sie es."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "megapixels": MAX_PIXELS // 1_000_000},
        )
    return image_format


def _encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    options = {}
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options = {"quality": 88, "optimize": True}
    elif image_format == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA")
        options = {"optimize": True}
    elif image_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        options = {"quality": 88}
    # No exif=, no pnginfo=, no comment: only the pixels are written.
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def clean_image(upload, *, max_megabytes: int = MAX_UPLOAD_MEGABYTES) -> SimpleUploadedFile:
    """A new upload holding only the re-encoded pixels of ``upload``."""
    image_format = inspect_image(upload, max_megabytes=max_megabytes)
    try:
        with Image.open(upload) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            data = _encode(upright, image_format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_an_image() from None
    stem = PurePath(upload.name or "bild").stem[:80] or "bild"
    return SimpleUploadedFile(
        f"{stem}.{ALLOWED_FORMATS[image_format]}", data, content_type=CONTENT_TYPES[image_format]
    )


def scale_for_print(data: bytes) -> bytes:
    """The image at most PRINT_MAX_SIDE pixels on its long side (for reports).

    Images already small enough, and anything Pillow cannot read, come back
    unchanged; a report then shows what WeasyPrint makes of it.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) <= PRINT_MAX_SIDE or image.format not in ALLOWED_FORMATS:
                return data
            if image.size[0] * image.size[1] > MAX_PIXELS:
                return data
            image_format = image.format
            image.load()
            image.thumbnail((PRINT_MAX_SIDE, PRINT_MAX_SIDE))
            return _encode(image, image_format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return data


class SafeImageFormField(forms.ImageField):
    """Form field for uploads: header checks first, then the cleaned copy."""

    default_error_messages = {
        "invalid_image": _("Die Datei ist kein gültiges Bild (PNG, JPEG oder WebP)."),
    }

    def __init__(self, *args, max_megabytes: int = MAX_UPLOAD_MEGABYTES, **kwargs):
        self.max_megabytes = max_megabytes
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return clean_image(data, max_megabytes=self.max_megabytes)


class SafeImageField(models.ImageField):
    """An ImageField whose forms (views and admin alike) clean every upload."""

    def __init__(self, *args, max_megabytes: int = MAX_UPLOAD_MEGABYTES, **kwargs):
        self.max_megabytes = max_megabytes
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": SafeImageFormField, "max_megabytes": self.max_megabytes, **kwargs}
        )

    def deconstruct(self):
        # Same column and behaviour as ImageField for migrations: the cleaning
        # happens in forms only, so no migration is needed for it.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
