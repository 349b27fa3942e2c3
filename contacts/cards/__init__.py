"""Reading business cards, vCards and QR codes into capture fields, locally.

Nothing leaves the server: OCR is Debian's tesseract through pytesseract,
QR codes are read by zbar through pyzbar. ``read_card_upload`` is the one
entry point for the capture screen and ``manage.py read_card``.
"""

from contacts.cards.fields import FIELD_NAMES, CardFields
from contacts.cards.reader import CardError, ocr_available, read_card_file, read_card_upload

__all__ = [
    "FIELD_NAMES",
    "CardError",
    "CardFields",
    "ocr_available",
    "read_card_file",
    "read_card_upload",
]
