"""Dashboard, targets, transfer projects and communication activities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    can_change,
    can_create_in_region,
    get_object_for_change_or_403,
    is_office,
    require_office,
)
from reporting import selectors, services
from reporting.dashboard import dashboard_context, work_package_progress
from reporting.forms import (
    CommunicationActivityForm,
    PeriodForm,
    TargetForm,
    TransferProjectForm,
)
from reporting.models import CommunicationActivity, Target, TransferProject


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
        period_form = PeriodForm(request.GET or None, project=project)
        start, end, as_of = period_form.resolve(today=today)
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
        period_form = PeriodForm(request.GET or None, project=project)
        _start, _end, as_of = period_form.resolve(today=timezone.localdate())
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
                    version=form.cleaned_data["version"] or 0,
                    **form.service_fields(),
                )
        except ValidationError as error:
            form.add_error(None, error)
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


# --- Transfer projects ----------------------------------------------------

TRANSFER_SORTS = {
    "initiated_on": "initiated_on",
    "title": "title",
    "region": "region__name",
    "status": "status",
}


@login_required
def transfer_project_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.transfer_project_list(filters=request.GET)
    listing = sorted_page(
        request, filterset.qs, sortable=TRANSFER_SORTS, default_sort="-initiated_on"
    )
    return render(
        request,
        "reporting/transferproject_list.html",
        {
            "filter": filterset,
            "listing": listing,
            "can_create": can_create_in_region_any(request),
            "editable_ids": _editable_ids(request.user, listing.object_list),
        },
    )


def _editable_ids(user, objects) -> set[int]:
    return {obj.id for obj in objects if can_change(user, obj)}


def can_create_in_region_any(request: HttpRequest) -> bool:
    return is_office(request.user) or any(
        can_create_in_region(request.user, region.id) for region in request.user.regions.all()
    )


def _region_allowed(form, user) -> bool:
    region = form.cleaned_data.get("region")
    if can_create_in_region(user, region.id if region else None):
        return True
    form.add_error("region", _("In dieser Region dürfen Sie nichts anlegen."))
    return False


def _record_form_page(
    request,
    *,
    form_class,
    instance,
    create,
    update,
    template: str,
    success_url: str,
    saved_message: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid() and _region_allowed(form, request.user):
        try:
            if instance is None:
                create(**form.service_fields())
            else:
                update(instance, form.cleaned_data["version"] or 0, form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved_message)
            return redirect(success_url)
    return render(request, template, {"form": form, "object": instance})


@login_required
def transfer_project_create(request: HttpRequest) -> HttpResponse:
    if not can_create_in_region_any(request):
        raise PermissionDenied
    return _record_form_page(
        request,
        form_class=TransferProjectForm,
        instance=None,
        create=services.transfer_project_create,
        update=None,
        template="reporting/transferproject_form.html",
        success_url=reverse("reporting:transfer_projects"),
        saved_message=_("Das Transferprojekt wurde gespeichert."),
    )


@login_required
def transfer_project_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_for_change_or_403(TransferProject, request.user, pk=pk)
    return _record_form_page(
        request,
        form_class=TransferProjectForm,
        instance=project,
        create=None,
        update=lambda obj, version, fields: services.transfer_project_update(
            transfer_project=obj, version=version, **fields
        ),
        template="reporting/transferproject_form.html",
        success_url=reverse("reporting:transfer_projects"),
        saved_message=_("Das Transferprojekt wurde gespeichert."),
    )


# --- Communication activities ---------------------------------------------

COMMUNICATION_SORTS = {"date": "date", "title": "title", "kind": "kind", "region": "region__name"}


@login_required
def communication_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.communication_activity_list(filters=request.GET)
    listing = sorted_page(request, filterset.qs, sortable=COMMUNICATION_SORTS, default_sort="-date")
    return render(
        request,
        "reporting/communicationactivity_list.html",
        {
            "filter": filterset,
            "listing": listing,
            "can_create": can_create_in_region_any(request),
            "editable_ids": _editable_ids(request.user, listing.object_list),
        },
    )


@login_required
def communication_create(request: HttpRequest) -> HttpResponse:
    if not can_create_in_region_any(request):
        raise PermissionDenied
    return _record_form_page(
        request,
        form_class=CommunicationActivityForm,
        instance=None,
        create=services.communication_activity_create,
        update=None,
        template="reporting/communicationactivity_form.html",
        success_url=reverse("reporting:communications"),
        saved_message=_("Die Kommunikationsmaßnahme wurde gespeichert."),
    )


@login_required
def communication_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_for_change_or_403(CommunicationActivity, request.user, pk=pk)
    return _record_form_page(
        request,
        form_class=CommunicationActivityForm,
        instance=activity,
        create=None,
        update=lambda obj, version, fields: services.communication_activity_update(
            activity=obj, version=version, **fields
        ),
        template="reporting/communicationactivity_form.html",
        success_url=reverse("reporting:communications"),
        saved_message=_("Die Kommunikationsmaßnahme wurde gespeichert."),
    )
