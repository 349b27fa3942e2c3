"""Helpers shared by the view tests of this app."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

D = datetime.date


def png_upload(name="logo.png", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def create_data(organisation, region, **extra):
    data = {
        "organisation": organisation.pk,
        "since": "2024-05-01",
        "category": "network",
        "regions": [region.pk],
        "brings_expertise": "on",
        "contribution": "Expertise in Bildverarbeitung",
        "public_description": "Netzwerk",
    }
    data.update(extra)
    return data


def update_data(partner, **extra):
    data = {
        "version": partner.version,
        "category": partner.category,
        "regions": [r.pk for r in partner.regions.all()],
        "contribution": partner.contribution,
        "public_description": partner.public_description,
    }
    data.update(extra)
    return data
