"""Upload checks shared by logos and photos (the rules live in kiallianz/images.py)."""

from kiallianz.images import inspect_image


def validate_image_file(upload, *, max_megabytes: int) -> None:
    """Refuse files over the size limit, other formats and too many pixels."""
    inspect_image(upload, max_megabytes=max_megabytes)


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
