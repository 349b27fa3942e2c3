"""Helpers shared by the contact views: form errors from services, list exports."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kiallianz.lists import sorted_page
from kiallianz.tabular import LIST_FORMATS, ListExporter

FOLLOW_UP_HORIZON_DAYS = 7


def list_download(
    request: HttpRequest, exporter: ListExporter, filterset, queryset, *, list_url: str
) -> HttpResponse | None:
    """The list as a download when ``?format=csv|xlsx`` asks for it (None
    otherwise). Small lists are answered at once; larger ones of any size
    become a background job with progress and a download (no row limit)."""
    from contacts.services import exports

    fmt = export_format(request)
    if not fmt or not filterset.is_valid():
        return None
    if queryset.count() > exports.SYNC_EXPORT_ROWS:
        job = exports.list_export_create(
            exporter=exporter.identifier, fmt=fmt, query=export_query(request), user=request.user
        )
        if job.status == job.Status.FAILED:
            messages.error(request, job.message)
            return redirect(f"{reverse(list_url)}?{export_query(request)}")
        return redirect("contacts:list_export_detail", pk=job.pk)
    filename, content_type, content = exporter.render(queryset, fmt, day=timezone.localdate())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def list_page(
    request: HttpRequest,
    filterset,
    queryset,
    *,
    exporter: ListExporter,
    list_url: str,
    sortable: dict,
    default_sort: str,
    template: str,
) -> HttpResponse:
    """A contacts list: filtered, sorted and paginated, or its download."""
    download = list_download(request, exporter, filterset, queryset, list_url=list_url)
    if download is not None:
        return download
    listing = sorted_page(request, queryset, sortable=sortable, default_sort=default_sort)
    context = {"filter": filterset, "listing": listing, "export_query": export_query(request)}
    return render(request, template, context)


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in LIST_FORMATS else None


def export_query(request) -> str:
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return params.urlencode()
