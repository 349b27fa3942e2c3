import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kiallianz.validators import MaxSizeImageValidator, validate_image_file


def png_upload(name="bild.png", size=(20, 10)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_it_accepts_a_real_image_and_rewinds_it():
    upload = png_upload()
    validate_image_file(upload, max_megabytes=1)
    assert upload.tell() == 0


def test_it_refuses_a_file_that_is_not_an_image():
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.4 kein Bild", content_type="image/png")
    with pytest.raises(ValidationError, match="kein gültiges Bild"):
        validate_image_file(upload, max_megabytes=5)


def test_it_refuses_a_file_over_the_limit():
    upload = png_upload()
    upload.size = 6 * 1024 * 1024
    with pytest.raises(ValidationError, match="höchstens 5 MB"):
        MaxSizeImageValidator(5)(upload)
