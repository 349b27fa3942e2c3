"""Uploads: PNG, JPEG and WebP only, pixel cap from the header, re-encoded clean."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kiallianz.images import (
    MAX_PIXELS,
    PRINT_MAX_SIDE,
    SafeImageFormField,
    clean_image,
    scale_for_print,
)

GPS_AND_AUTHOR = {0x013B: "Erika Mustermann", 0x010F: "Kamera GmbH"}


def image_bytes(image_format="PNG", size=(40, 20), colour="navy", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format, **save)
    return buffer.getvalue()


def upload(data: bytes, name="bild.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims the size; its pixel data is never there."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_png_html_polyglot_loses_its_script():
    polyglot = image_bytes() + b"<html><script>alert(document.cookie)</script></html>"
    with Image.open(io.BytesIO(polyglot)) as probe:
        assert probe.format == "PNG"
    cleaned = clean_image(upload(polyglot))
    data = cleaned.read()
    assert b"<script" not in data
    assert b"<html" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (40, 20)


def test_a_pdf_named_png_is_stored_as_png():
    cleaned = clean_image(upload(image_bytes(), name="angebot.pdf"))
    assert cleaned.name == "angebot.png"
    assert cleaned.content_type == "image/png"


def test_the_extension_follows_the_content_not_the_name():
    cleaned = clean_image(upload(image_bytes("JPEG"), name="foto.png"))
    assert cleaned.name == "foto.jpg"


def test_a_12000_by_12000_image_is_refused_before_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self) or None)
    with pytest.raises(ValidationError) as error:
        clean_image(upload(png_header_only(12000, 12000)))
    assert error.value.code == "too_many_pixels"
    assert "12000 × 12000" in str(error.value.messages[0] % error.value.params)
    assert decoded == []


def test_forty_megapixels_are_the_limit():
    assert MAX_PIXELS == 40_000_000
    with pytest.raises(ValidationError):
        clean_image(upload(png_header_only(8000, 5001)))


def test_a_gif_is_refused_in_german():
    with pytest.raises(ValidationError) as error:
        clean_image(upload(image_bytes("GIF"), name="animation.gif"))
    assert error.value.code == "bad_format"
    message = str(error.value.messages[0])
    assert "GIF" in message
    assert "nicht unterstützt" in message


def test_files_over_ten_megabytes_are_refused():
    big = upload(image_bytes())
    big.size = 10 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as error:
        clean_image(big, max_megabytes=50)
    assert error.value.code == "too_large"


def test_exif_is_stripped_and_the_orientation_applied():
    exif = Image.Exif()
    exif.update(GPS_AND_AUTHOR)
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    exif[0x8825] = {1: "N", 2: (48.0, 59.0, 0.0)}  # GPS
    original = image_bytes("JPEG", size=(40, 20), exif=exif.tobytes())
    data = clean_image(upload(original, name="foto.jpg")).read()
    assert b"Erika Mustermann" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (20, 40)
        assert not image.getexif()


def test_webp_is_accepted():
    cleaned = clean_image(upload(image_bytes("WEBP"), name="x.webp"))
    assert cleaned.name == "x.webp"


def test_text_is_not_an_image():
    with pytest.raises(ValidationError) as error:
        clean_image(upload(b"<html><script>alert(1)</script></html>", name="x.png"))
    assert error.value.code == "not_an_image"


def test_the_form_field_returns_the_cleaned_file():
    field = SafeImageFormField(max_megabytes=5)
    polyglot = image_bytes() + b"<script>alert(1)</script>"
    cleaned = field.clean(upload(polyglot, name="logo.pdf"))
    assert cleaned.name == "logo.png"
    assert b"<script" not in cleaned.read()


def test_reports_scale_big_images_to_print_size():
    big = image_bytes("JPEG", size=(5000, 2500))
    with Image.open(io.BytesIO(scale_for_print(big))) as image:
        assert image.size == (PRINT_MAX_SIDE, PRINT_MAX_SIDE // 2)
    small = image_bytes("PNG", size=(400, 300))
    assert scale_for_print(small) == small


class TestPhotoUploads:
    def post(self, client, event, data: bytes, name: str):
        from django.urls import reverse

        return client.post(
            reverse("events:photo_add", args=[event.pk]),
            {"image": upload(data, name), "caption": "Bühne"},
        )

    def test_a_polyglot_is_stored_clean_under_the_detected_extension(self, cm_client, region):
        from events.models import EventPhoto
        from events.tests.factories import EventFactory

        event = EventFactory(region=region)
        polyglot = image_bytes() + b"<script>alert(1)</script>"
        response = self.post(cm_client, event, polyglot, "programm.pdf")
        assert response.status_code == 302
        photo = EventPhoto.objects.get()
        assert photo.image.name.endswith(".png")
        with photo.image.open("rb") as stored:
            assert b"<script" not in stored.read()

    def test_a_gif_is_refused_and_nothing_saved(self, cm_client, region):
        from events.models import EventPhoto
        from events.tests.factories import EventFactory

        event = EventFactory(region=region)
        response = self.post(cm_client, event, image_bytes("GIF"), "x.gif")
        assert response.status_code == 200
        assert "GIF" in " ".join(response.context["form"].errors["image"])
        assert not EventPhoto.objects.exists()

    def test_a_huge_image_is_refused_and_nothing_saved(self, cm_client, region):
        from events.models import EventPhoto
        from events.tests.factories import EventFactory

        event = EventFactory(region=region)
        response = self.post(cm_client, event, png_header_only(12000, 12000), "riesig.png")
        assert response.status_code == 200
        assert "Megapixel" in " ".join(response.context["form"].errors["image"])
        assert not EventPhoto.objects.exists()


def test_the_report_fetcher_hands_weasyprint_print_sized_photos(settings, tmp_path):
    from pathlib import Path

    from reporting.report.fetcher import BASE_URL, ReportURLFetcher

    folder = Path(settings.MEDIA_ROOT) / "events" / "photos"
    folder.mkdir(parents=True)
    (folder / "gross.jpg").write_bytes(image_bytes("JPEG", size=(6000, 3000)))
    response = ReportURLFetcher().fetch(f"{BASE_URL}media/events/photos/gross.jpg")
    with Image.open(io.BytesIO(response.read())) as image:
        assert max(image.size) == PRINT_MAX_SIDE
