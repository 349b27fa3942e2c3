"""Generated report files are for office staff only (see kiallianz/media.py)."""

from kiallianz.media import Access
from kiallianz.permissions import is_office

EXPORT_PREFIX = "reports/"


def export_access(user, name: str) -> Access:
    from reporting.models import ReportExport

    if is_office(user) and ReportExport.objects.filter(file=name).exists():
        return Access.ALLOWED
    return Access.DENIED
