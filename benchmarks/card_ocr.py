"""Field accuracy and time of the business-card reader on generated cards.

    .venv/bin/python benchmarks/card_ocr.py [COUNT]

Cards are drawn with Pillow from fictitious data (contacts/tests/card_images.py):
three fonts, three sizes, four layouts, slight rotation, blur and noise.
Needs tesseract-ocr and tesseract-ocr-deu.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from contacts.cards.fields import FIELD_NAMES  # noqa: E402
from contacts.cards.reader import ocr_available, read_card_image  # noqa: E402
from contacts.tests.card_images import generate_cards  # noqa: E402


def main(count: int = 32) -> int:
    if not ocr_available():
        print("tesseract fehlt: apt-get install tesseract-ocr tesseract-ocr-deu")
        return 1
    cards = generate_cards(count)
    exact = dict.fromkeys(FIELD_NAMES, 0)
    times = []
    misses = []
    for number, card in enumerate(cards, 1):
        started = time.perf_counter()
        read = read_card_image(card.image)[0]
        times.append(time.perf_counter() - started)
        for name in FIELD_NAMES:
            if getattr(read, name) == getattr(card.fields, name):
                exact[name] += 1
            elif os.environ.get("VERBOSE"):
                misses.append(
                    f"  card {number} {name}: {getattr(read, name)!r} != "
                    f"{getattr(card.fields, name)!r}"
                )
    print(f"{count} generated cards, OCR deu+eng")
    for name in FIELD_NAMES:
        print(f"  {name:13} {exact[name] / count:6.1%} exact")
    people = (exact["first_name"] + exact["last_name"]) / (2 * count)
    print(f"  person names  {people:6.1%}  (first and last name)")
    print(f"  time per card: mean {sum(times) / count:.2f} s, max {max(times):.2f} s")
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 32))
