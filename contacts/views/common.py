"""Helpers shared by the contact views: form errors from services, list exports."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import access_log_export
from kiallianz.tabular import LIST_FORMATS, ListExporter

# Synchronous exports stay small: beyond this the user narrows the filters.
MAX_EXPORT_ROWS = 5_000
FOLLOW_UP_HORIZON_DAYS = 7


class ExportRefused(Exception):
    """A download that may not go ahead; the message is shown in German."""


def list_download(
    request: HttpRequest,
    exporter: ListExporter,
    filterset,
    queryset,
    *,
    list_url: str,
    export_type: str,
    prepare: Callable | None = None,
) -> HttpResponse | None:
    """The list as a download when ``?format=csv|xlsx`` asks for it (None
    otherwise); beyond ``MAX_EXPORT_ROWS`` back to the list with a message.

    ``prepare(queryset, row_count)`` may narrow the rows and returns
    ``(queryset, purpose)``, or raises ``ExportRefused``. Every download
    writes one access-log row (type, row count, purpose; never the data)."""
    fmt = export_format(request)
    if not fmt or not filterset.is_valid():
        return None
    back = redirect(f"{reverse(list_url)}?{export_query(request)}")
    purpose = ""
    if prepare is not None:
        try:
            queryset, purpose = prepare(queryset)
        except ExportRefused as refused:
            messages.error(request, str(refused))
            return back
    row_count = queryset.count()
    if row_count > MAX_EXPORT_ROWS:
        messages.error(request, too_large_message())
        return back
    filename, content_type, content = exporter.render(queryset, fmt, day=timezone.localdate())
    log_export(request, export_type=export_type, row_count=row_count, purpose=purpose)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in LIST_FORMATS else None


def too_large_message() -> str:
    return _(
        "Der Export ist auf %(limit)s Zeilen begrenzt. Bitte schränken Sie die Filter ein."
    ) % {"limit": f"{MAX_EXPORT_ROWS:,}".replace(",", ".")}


def too_large_for_export(request, queryset) -> bool:
    if queryset.count() > MAX_EXPORT_ROWS:
        messages.error(request, too_large_message())
        return True
    return False


def log_export(request, *, export_type: str, row_count: int, purpose: str = "") -> None:
    """One access-log row per export: who, which export, how many rows."""
    access_log_export(
        user=request.user,
        export_type=export_type,
        row_count=row_count,
        view_name=request.resolver_match.view_name if request.resolver_match else "",
        purpose=purpose,
    )


def export_query(request) -> str:
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return params.urlencode()
