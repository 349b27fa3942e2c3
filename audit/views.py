"""Office pages: change log, access log, retention register; every signed-in
user: a record's „Verlauf“ (history)."""

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from audit import selectors
from audit.filters import AccessLogFilter, ChangeLogFilterForm
from audit.retention import categories
from kiallianz.lists import DEFAULT_PAGE_SIZE, SortedPage, sorted_page
from kiallianz.permissions import can_view, require_office


@login_required
@require_GET
def record_history(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if model not in selectors.audited_models():
        raise Http404
    obj = get_object_or_404(model._base_manager, pk=pk)
    if not can_view(request.user, obj):
        raise Http404
    context = {"record": obj, "entries": selectors.history_entries(obj)}
    if request.htmx:
        return render(request, "audit/_history.html", context)
    return render(request, "audit/record_history.html", context)


@login_required
@require_GET
def change_log(request: HttpRequest) -> HttpResponse:
    require_office(request.user)
    form = ChangeLogFilterForm(request.GET)
    filters = selectors.ChangeLogFilter()
    if form.is_valid():
        user = form.cleaned_data["user"]
        filters = selectors.ChangeLogFilter(
            user_id=user.pk if user else None,
            model_label=form.cleaned_data["model"],
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
        )
    rows = selectors.change_log_rows(filters)
    page = Paginator(rows, DEFAULT_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    listing = SortedPage(page=page, sort="-date", querystring=params.urlencode())
    entries = selectors.change_log_entries(list(page.object_list))
    return render(
        request,
        "audit/change_log.html",
        {"filter": form, "listing": listing, "entries": entries},
    )


@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    require_office(request.user)
    filterset = AccessLogFilter(request.GET, queryset=selectors.access_log_list())
    queryset = filterset.qs if filterset.is_valid() else selectors.access_log_list().none()
    listing = sorted_page(request, queryset, sortable={"at": "at"}, default_sort="-at")
    return render(request, "audit/access_log.html", {"filter": filterset, "listing": listing})


@login_required
@require_GET
def retention_register(request: HttpRequest) -> HttpResponse:
    require_office(request.user)
    return render(request, "audit/retention_register.html", {"categories": categories()})
