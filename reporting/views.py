"""Dashboard, targets, transfer projects and communication activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kiallianz.forms import add_service_errors
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    allowed_region_ids,
    can_change,
    can_create_in_region,
    get_object_for_change_or_403,
    is_office,
    require_office,
)
from reporting import selectors, services
from reporting.dashboard import dashboard_context
from reporting.forms import (
    CommunicationActivityForm,
    PeriodForm,
    TargetForm,
    TransferProjectForm,
)
from reporting.models import CommunicationActivity, Target, TransferProject
from reporting.progress import work_package_progress


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
        context.update(
            dashboard_context(
                user=request.user, project=project, start=start, end=end, as_of=as_of, today=today
            )
        )
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
    if request.method == "POST" and form.is_valid():
        try:
            if target is None:
                services.target_create(**form.service_fields())
            else:
                services.target_update(
                    target=target,
                    version=form.posted_version,
                    **form.service_fields(),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Das Ziel wurde gespeichert."))
            return redirect("reporting:targets")
    return render(
        request,
        "reporting/target_form.html",
        {"form": form, "target": target, "project": project},
    )


@login_required
def target_create(request: HttpRequest) -> HttpResponse:
    require_office(request.user)
    project = _project_or_none(request)
    if project is None:
        raise Http404
    return _target_form_page(request, target=None, project=project)


@login_required
def target_update(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request.user)
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


def _may_create_somewhere(user) -> bool:
    allowed = allowed_region_ids(user)
    return allowed is None or bool(allowed)


def _editable_ids(user, objects) -> set[int]:
    return {obj.id for obj in objects if can_change(user, obj)}


def _saved(request: HttpRequest, form, save) -> bool:
    """Validate a posted record form and hand its fields to ``save``; errors stay on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    region = form.cleaned_data.get("region")
    if not can_create_in_region(request.user, region.id if region else None):
        form.add_error("region", _("In dieser Region dürfen Sie nichts anlegen."))
        return False
    try:
        save(form.service_fields())
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _list_page(request: HttpRequest, filterset, *, sortable, default_sort, template):
    listing = sorted_page(request, filterset.qs, sortable=sortable, default_sort=default_sort)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "listing": listing,
            "can_create": _may_create_somewhere(request.user),
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


@login_required
def transfer_project_create(request: HttpRequest) -> HttpResponse:
    if not _may_create_somewhere(request.user):
        raise PermissionDenied
    form = TransferProjectForm(request.POST or None, user=request.user)
    if _saved(request, form, lambda fields: services.transfer_project_create(**fields)):
        messages.success(request, _("Das Transferprojekt wurde gespeichert."))
        return redirect("reporting:transfer_projects")
    return render(request, "reporting/transferproject_form.html", {"form": form})


@login_required
def transfer_project_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_for_change_or_403(TransferProject, request.user, pk=pk)
    form = TransferProjectForm(request.POST or None, instance=project, user=request.user)

    def save(fields):
        services.transfer_project_update(
            transfer_project=project, version=form.posted_version, **fields
        )

    if _saved(request, form, save):
        messages.success(request, _("Das Transferprojekt wurde gespeichert."))
        return redirect("reporting:transfer_projects")
    return render(request, "reporting/transferproject_form.html", {"form": form, "object": project})


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
    if not _may_create_somewhere(request.user):
        raise PermissionDenied
    form = CommunicationActivityForm(request.POST or None, user=request.user)
    if _saved(request, form, lambda fields: services.communication_activity_create(**fields)):
        messages.success(request, _("Die Kommunikationsmaßnahme wurde gespeichert."))
        return redirect("reporting:communications")
    return render(request, "reporting/communicationactivity_form.html", {"form": form})


@login_required
def communication_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_for_change_or_403(CommunicationActivity, request.user, pk=pk)
    form = CommunicationActivityForm(request.POST or None, instance=activity, user=request.user)

    def save(fields):
        services.communication_activity_update(
            activity=activity, version=form.posted_version, **fields
        )

    if _saved(request, form, save):
        messages.success(request, _("Die Kommunikationsmaßnahme wurde gespeichert."))
        return redirect("reporting:communications")
    return render(
        request, "reporting/communicationactivity_form.html", {"form": form, "object": activity}
    )
