"""Large list downloads are for the person who asked for them (see kiallianz/media.py)."""

from kiallianz.media import Access

LIST_EXPORT_PREFIX = "list-exports/"


def list_export_access(user, name: str) -> Access:
    from contacts.models import ListExport

    if user.is_authenticated and ListExport.objects.filter(file=name, created_by=user).exists():
        return Access.ALLOWED
    return Access.DENIED
