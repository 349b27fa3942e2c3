"""Who may see event photos (see kiallianz/media.py)."""

from kiallianz.media import Access, signed_in_only

PHOTO_PREFIX = "events/photos/"


def photo_access(user, name: str) -> Access:
    from events.selectors import public_events

    if public_events().filter(photos__image=name).exists():
        return Access.PUBLIC
    return signed_in_only(user, name)
