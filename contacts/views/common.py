"""Helpers shared by the contact views: form errors from services, list exports."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import access_log_export
from kiallianz.tabular import csv_bytes, xlsx_bytes

# Synchronous exports stay small: beyond this the user narrows the filters.
MAX_EXPORT_ROWS = 5_000
FOLLOW_UP_HORIZON_DAYS = 7


def export_response(queryset, *, fmt: str, stem: str, headers, rows) -> HttpResponse:
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        content = xlsx_bytes([(stem, headers, rows)])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = csv_bytes(headers, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in ("csv", "xlsx") else None


def too_large_for_export(request, queryset) -> bool:
    if queryset.count() > MAX_EXPORT_ROWS:
        messages.error(
            request,
            _("Der Export ist auf %(limit)s Zeilen begrenzt. Bitte schränken Sie die Filter ein.")
            % {"limit": f"{MAX_EXPORT_ROWS:,}".replace(",", ".")},
        )
        return True
    return False


def export_query(request) -> str:
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return params.urlencode()


def log_export(request, *, export_type: str, row_count: int, purpose: str = "") -> None:
    """One access-log row per export: who, which export, how many rows."""
    access_log_export(
        user=request.user,
        export_type=export_type,
        row_count=row_count,
        view_name=request.resolver_match.view_name if request.resolver_match else "",
        purpose=purpose,
    )
