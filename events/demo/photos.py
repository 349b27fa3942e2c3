"""Placeholder images for the report's figures, drawn locally with Pillow.

The real photos are not in the repository; a coloured canvas with the
caption is enough to show how photos look on the calendar and in the PDF.
Nothing is downloaded.
"""

import io
import textwrap
from pathlib import Path

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SIZE = (960, 640)
# Calm colours, one per figure, repeating.
PALETTE = ["#1f4e79", "#2e7d32", "#6a1b9a", "#ad1457", "#00695c", "#e65100"]


def _font(size: int):
    if FONT_PATH.exists():
        return ImageFont.truetype(str(FONT_PATH), size)
    return ImageFont.load_default()


def placeholder_image(*, caption: str, subtitle: str, number: int) -> ContentFile:
    """A JPEG with the caption in white on a coloured canvas."""
    image = Image.new("RGB", SIZE, PALETTE[number % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    title_font, small_font = _font(40), _font(24)
    y = 160
    for line in textwrap.wrap(caption, width=36):
        draw.text((60, y), line, fill="white", font=title_font)
        y += 52
    y += 30
    for line in textwrap.wrap(subtitle, width=60):
        draw.text((60, y), line, fill="#e0e0e0", font=small_font)
        y += 32
    draw.text((60, SIZE[1] - 70), "Platzhalterbild – Demodaten", fill="#e0e0e0", font=small_font)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=f"bild-{number}.jpg")
