from django import template

from contacts.cards import ocr_available
from contacts.cards.qr import zbar_available

register = template.Library()


@register.simple_tag
def card_reading_missing() -> list[str]:
    """The system packages the business-card reading lacks on this server."""
    missing = []
    if not ocr_available():
        missing.append("tesseract-ocr tesseract-ocr-deu")
    if not zbar_available():
        missing.append("libzbar0")
    return missing
