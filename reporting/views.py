"""Dashboard, targets, transfer projects and communication activities."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiallianz.decorators import office_required
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    is_office,
    may_create_somewhere,
)
from kiallianz.viewhelpers import form_saved
from reporting import selectors, services
from reporting.dashboard import dashboard_context, dashboard_header, office_panels
from reporting.forms import (
    CommunicationActivityForm,
    PeriodForm,
    SearchForm,
    TargetForm,
    TransferProjectForm,
)
from reporting.models import CommunicationActivity, Target, TransferProject
from reporting.progress import work_package_progress
from reporting.search import global_search


def _project_or_none(request: HttpRequest):
    project_id = request.GET.get("project")
    return selectors.funding_project_current(
        project_id=int(project_id) if project_id and project_id.isdigit() else None
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    project = _project_or_none(request)
    context = {"user_regions": request.user.regions.all(), "project": project}
    if project is not None:
        today = timezone.localdate()
        period_form = PeriodForm(request.GET or None, project=project, today=today)
        start, end, as_of = period_form.resolve()
        context["period_form"] = period_form
        period = {"project": project, "start": start, "end": end, "as_of": as_of}
        if is_office(request.user):
            context.update(dashboard_header(**period), is_office=True)
            context["office_panels"] = office_panels(user=request.user, today=today, **period)
        else:
            context.update(dashboard_context(user=request.user, today=today, **period))
    return render(request, "reporting/dashboard.html", context)


# --- Targets --------------------------------------------------------------


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    project = _project_or_none(request)
    context = {"project": project, "can_edit": is_office(request.user)}
    if project is not None:
        period_form = PeriodForm(request.GET or None, project=project, today=timezone.localdate())
        _start, _end, as_of = period_form.resolve()
        packages, matrix = work_package_progress(
            project, as_of=as_of, regions=selectors.regions_for_matrix()
        )
        context.update(
            {"period_form": period_form, "as_of": as_of, "packages": packages, "matrix": matrix}
        )
    return render(request, "reporting/target_list.html", context)


def _target_form_page(request, *, target: Target | None, project) -> HttpResponse:
    form = TargetForm(request.POST or None, instance=target, project=project)

    def save(fields):
        if target is None:
            return services.target_create(**fields)
        return services.target_update(target=target, version=form.posted_version, **fields)

    if form_saved(request, form, save, success=_("Das Ziel wurde gespeichert.")):
        return redirect("reporting:targets")
    return render(
        request,
        "reporting/target_form.html",
        {"form": form, "target": target, "project": project},
    )


@office_required
def target_create(request: HttpRequest) -> HttpResponse:
    project = _project_or_none(request)
    if project is None:
        raise Http404
    return _target_form_page(request, target=None, project=project)


@office_required
def target_update(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_for_change_or_403(
        Target.objects.select_related("work_package__project"), request.user, pk=pk
    )
    return _target_form_page(request, target=target, project=target.project)


# --- Transfer projects and communication activities ------------------------
# Community managers file and edit these for their own regions; office staff
# for all regions (and communication activities without a region).

TRANSFER_SORTS = {
    "initiated_on": "initiated_on",
    "title": "title",
    "region": "region__name",
    "status": "status",
}
COMMUNICATION_SORTS = {"date": "date", "title": "title", "kind": "kind", "region": "region__name"}


def _editable_ids(user, objects) -> set[int]:
    return {obj.id for obj in objects if can_change(user, obj)}


def _list_page(request: HttpRequest, filterset, *, sortable, default_sort, template):
    listing = sorted_page(request, filterset.qs, sortable=sortable, default_sort=default_sort)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "listing": listing,
            "can_create": may_create_somewhere(request.user),
            "editable_ids": _editable_ids(request.user, listing.object_list),
        },
    )


@login_required
def transfer_project_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.transfer_project_list(filters=request.GET),
        sortable=TRANSFER_SORTS,
        default_sort="-initiated_on",
        template="reporting/transferproject_list.html",
    )


@dataclass(frozen=True)
class _RecordKind:
    """What differs between the transfer project and activity pages."""

    model: type
    form_class: type
    create: Callable
    change: Callable  # (record, *, version, **fields)
    success: str
    list_url: str
    template: str


TRANSFER_PROJECTS = _RecordKind(
    model=TransferProject,
    form_class=TransferProjectForm,
    create=services.transfer_project_create,
    change=lambda record, **fields: services.transfer_project_update(
        transfer_project=record, **fields
    ),
    success=gettext_lazy("Das Transferprojekt wurde gespeichert."),
    list_url="reporting:transfer_projects",
    template="reporting/transferproject_form.html",
)
COMMUNICATIONS = _RecordKind(
    model=CommunicationActivity,
    form_class=CommunicationActivityForm,
    create=services.communication_activity_create,
    change=lambda record, **fields: services.communication_activity_update(
        activity=record, **fields
    ),
    success=gettext_lazy("Die Kommunikationsmaßnahme wurde gespeichert."),
    list_url="reporting:communications",
    template="reporting/communicationactivity_form.html",
)


def _record_form_page(request: HttpRequest, kind: _RecordKind, pk: int | None) -> HttpResponse:
    """Create (``pk`` None) or edit a transfer project or communication activity."""
    if pk is None:
        if not may_create_somewhere(request.user):
            raise PermissionDenied
        record = None
    else:
        record = get_object_for_change_or_403(kind.model, request.user, pk=pk)
    form = kind.form_class(request.POST or None, instance=record, user=request.user)

    def save(fields):
        if record is None:
            return kind.create(**fields)
        return kind.change(record, version=form.posted_version, **fields)

    if form_saved(request, form, save, success=kind.success):
        return redirect(kind.list_url)
    context = {"form": form} if record is None else {"form": form, "object": record}
    return render(request, kind.template, context)


@login_required
def transfer_project_create(request: HttpRequest) -> HttpResponse:
    return _record_form_page(request, TRANSFER_PROJECTS, None)


@login_required
def transfer_project_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form_page(request, TRANSFER_PROJECTS, pk)


@login_required
def communication_list(request: HttpRequest) -> HttpResponse:
    return _list_page(
        request,
        selectors.communication_activity_list(filters=request.GET),
        sortable=COMMUNICATION_SORTS,
        default_sort="-date",
        template="reporting/communicationactivity_list.html",
    )


@login_required
def communication_create(request: HttpRequest) -> HttpResponse:
    return _record_form_page(request, COMMUNICATIONS, None)


@login_required
def communication_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_form_page(request, COMMUNICATIONS, pk)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """The global search: a POST with the words answers with the results."""
    form = SearchForm(request.POST if request.method == "POST" else None)
    groups = global_search(form.cleaned_data["q"]) if form.is_valid() else None
    return render(request, "reporting/search.html", {"form": form, "groups": groups})
