"""Upload checks shared by logos and photos."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def validate_image_file(upload, *, max_megabytes: int) -> None:
    """Refuse files over the size limit and files that are not real images."""
    if upload.size > max_megabytes * 1024 * 1024:
        raise ValidationError(
            _("Die Datei ist zu groß (höchstens %(limit)s MB)."),
            code="too_large",
            params={"limit": max_megabytes},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Die Datei ist kein gültiges Bild (JPEG, PNG, GIF oder WebP)."),
            code="not_an_image",
        ) from None
    finally:
        if hasattr(upload, "seek"):
            upload.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Das Bildformat %(format)s wird nicht unterstützt (JPEG, PNG, GIF oder WebP)."),
            code="bad_format",
            params={"format": image_format},
        )


class MaxSizeImageValidator:
    """Model-field validator: ``validators=[MaxSizeImageValidator(10)]``."""

    def __init__(self, max_megabytes: int):
        self.max_megabytes = max_megabytes

    def __call__(self, upload) -> None:
        validate_image_file(upload, max_megabytes=self.max_megabytes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, MaxSizeImageValidator) and other.max_megabytes == self.max_megabytes
        )

    def deconstruct(self):
        return ("kiallianz.validators.MaxSizeImageValidator", [self.max_megabytes], {})
