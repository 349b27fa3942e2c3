"""Who may see partner logos (see kiallianz/media.py)."""

from kiallianz.media import Access, signed_in_only

LOGO_PREFIX = "partners/logos/"


def logo_access(user, name: str) -> Access:
    from partners.selectors import public_partners

    if public_partners().filter(logo=name).exists():
        return Access.PUBLIC
    return signed_in_only(user, name)
