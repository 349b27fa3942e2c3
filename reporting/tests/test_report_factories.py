"""Factories and helpers for the report tests (no tests here)."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from events.models import EventPhoto
from reporting.models import FundingProject
from reporting.report import services


class FundingProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProject

    title = "Community Management"
    organisation_name = "KI-Allianz Baden-Württemberg eG"
    funder_reference = "2782027"
    start_date = datetime.date(2023, 10, 1)
    end_date = datetime.date(2026, 9, 30)


def make_edition(*, year=2024, as_of=datetime.date(2025, 2, 19), project=None, user=None):
    return services.edition_create(
        project=project or FundingProjectFactory(), year=year, as_of=as_of, user=user
    )


def jpeg_bytes(color=(30, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def make_photo(event, *, caption, position=0, missing=False) -> EventPhoto:
    photo = EventPhoto(event=event, caption=caption, position=position, credit="KI-Allianz")
    if missing:
        photo.image.name = f"events/photos/{event.id}/verschwunden.jpg"
        photo.save()
    else:
        photo.image.save("foto.jpg", ContentFile(jpeg_bytes()), save=True)
    return photo


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]
