"""QR codes on badges and cards (vCard or MeCard) through zbar."""

from PIL import Image


def zbar_available() -> bool:
    try:
        from pyzbar import pyzbar  # noqa: F401 – loads libzbar0
    except (ImportError, OSError):
        return False
    return True


def qr_texts(image: Image.Image) -> list[str]:
    from pyzbar import pyzbar

    texts = []
    for symbol in pyzbar.decode(image.convert("L")):
        try:
            texts.append(symbol.data.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(symbol.data.decode("latin-1"))
    return texts
