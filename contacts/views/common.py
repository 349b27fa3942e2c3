"""Helpers shared by the contact views: the list pages and their downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from audit.services import access_log_export
from kiallianz.caching import list_fragment_key
from kiallianz.lists import sorted_page
from kiallianz.tabular import LIST_FORMATS, ListExporter


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
    back = redirect(f"{reverse(list_url)}?{export_query(request)}")
    purpose = ""
    if hasattr(exporter, "narrow"):
        # Persons exports serve outreach: see PersonListExporter.narrow.
        try:
            queryset, purpose = exporter.narrow(queryset, request.GET, request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return back
    row_count = queryset.count()
    if row_count > exports.SYNC_EXPORT_ROWS:
        job = exports.list_export_create(
            exporter=exporter.identifier, fmt=fmt, query=export_query(request), user=request.user
        )
        if job.status == job.Status.FAILED:
            messages.error(request, job.message)
            return back
        log_export(request, export_type=exporter.identifier, row_count=row_count, purpose=purpose)
        return redirect("contacts:list_export_detail", pk=job.pk)
    filename, content_type, content = exporter.render(queryset, fmt, day=timezone.localdate())
    log_export(request, export_type=exporter.identifier, row_count=row_count, purpose=purpose)
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
    # Read only when the list is not served from the cache ({% list_fragment %}).
    listing = SimpleLazyObject(
        lambda: sorted_page(
            request,
            queryset,
            sortable=sortable,
            default_sort=default_sort,
            rows=filterset.queryset,
            hits=filterset.search_hits,
        )
    )
    context = {
        "filter": filterset,
        "listing": listing,
        "export_query": export_query(request),
        "list_fragment_key": list_fragment_key(request),
    }
    if hasattr(exporter, "options_form"):
        context["export_options"] = exporter.options_form(request.user)
    return render(request, template, context)


def list_view(
    *, select, exporter: type[ListExporter], list_url: str, sortable: dict, default_sort: str
):
    """The view of a contacts list: ``select(filters=GET)`` gives the FilterSet
    and its queryset; the template is named after the selector
    (``selectors.person_list`` -> ``contacts/person_list.html``)."""

    @login_required
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        filterset, queryset = select(filters=request.GET)
        return list_page(
            request,
            filterset,
            queryset,
            exporter=exporter(),
            list_url=list_url,
            sortable=sortable,
            default_sort=default_sort,
            template=template,
        )

    template = f"contacts/{select.__name__}.html"
    view.__name__ = view.__qualname__ = select.__name__
    return view


def export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in LIST_FORMATS else None


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


def redirect_to_survivor(model, *, pk: int, view_name: str) -> HttpResponse:
    """The page of the record a merged one now lives on (old links and
    bookmarks keep working); 404 when no record with this id ever merged."""
    from contacts import selectors

    survivor_id = selectors.merge_survivor_id(model=model, merged_id=pk)
    if survivor_id is None:
        raise Http404(model._meta.verbose_name)
    return redirect(view_name, pk=survivor_id)
