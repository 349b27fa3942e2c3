"""Helpers shared by the contact views: form errors from services, list exports."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kiallianz.tabular import LIST_FORMATS, ListExporter

# Synchronous exports stay small: beyond this the user narrows the filters.
MAX_EXPORT_ROWS = 5_000
FOLLOW_UP_HORIZON_DAYS = 7


def list_download(
    request: HttpRequest, exporter: ListExporter, filterset, queryset, *, list_url: str
) -> HttpResponse | None:
    """The list as a download when ``?format=csv|xlsx`` asks for it (None
    otherwise); beyond ``MAX_EXPORT_ROWS`` back to the list with a message."""
    fmt = export_format(request)
    if not fmt or not filterset.is_valid():
        return None
    if too_large_for_export(request, queryset):
        return redirect(f"{reverse(list_url)}?{export_query(request)}")
    filename, content_type, content = exporter.render(queryset, fmt, day=timezone.localdate())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in LIST_FORMATS else None


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
