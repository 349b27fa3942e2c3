"""Organisations: list, page, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from contacts import selectors, services
from contacts.extensions import organisation_panels
from contacts.forms import (
    OrganisationForm,
)
from contacts.models import Organisation
from contacts.views.common import (
    export_format,
    export_query,
    export_response,
    too_large_for_export,
)
from kiallianz.forms import add_service_errors
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    require_region_writable,
)

ORGANISATION_SORTS = {
    "name": "name",
    "kind": "kind",
    "city": "city",
    "region": "region__name",
    "membership_status": "membership_status",
    "first_contacts": "first_contact_count",
    "last_contact": "last_contact_date",
}


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset, queryset = selectors.organisation_list(filters=request.GET)
    fmt = export_format(request)
    if fmt and filterset.is_valid():
        if too_large_for_export(request, queryset):
            return redirect(f"{reverse('contacts:organisation_list')}?{export_query(request)}")
        headers = [
            _("Name"),
            _("Art"),
            _("Ort"),
            _("Region"),
            _("Website"),
            _("Mitgliedschaft"),
            _("Erstgespräche"),
            _("Letztes Erstgespräch"),
        ]
        rows = (
            [
                o.name,
                o.get_kind_display(),
                o.city,
                o.region.name if o.region else "",
                o.website,
                o.get_membership_status_display(),
                o.first_contact_count,
                o.last_contact_date or "",
            ]
            for o in queryset.iterator(chunk_size=1000)
        )
        return export_response(queryset, fmt=fmt, stem="organisationen", headers=headers, rows=rows)
    listing = sorted_page(request, queryset, sortable=ORGANISATION_SORTS, default_sort="name")
    return render(
        request,
        "contacts/organisation_list.html",
        {"filter": filterset, "listing": listing, "export_query": export_query(request)},
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("region", "created_by"), pk=pk
    )
    return render(
        request,
        "contacts/organisation_detail.html",
        {
            "organisation": organisation,
            "timeline": selectors.organisation_timeline(organisation_id=organisation.pk),
            "persons": selectors.persons_of_organisation(organisation_id=organisation.pk),
            "panels": [
                # Each panel's template gets its own context (plus the organisation).
                (
                    panel,
                    render_to_string(
                        panel.template_name,
                        {"organisation": organisation, **context},
                        request=request,
                    ),
                )
                for panel, context in organisation_panels(organisation, request.user)
            ],
            "can_change": can_change(request.user, organisation),
        },
    )


def _organisation_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.ORGANISATION_FIELDS}


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        require_region_writable(request.user, request.POST.get("region"), required=True)
        form = OrganisationForm(request.POST, user=request.user)
        if form.is_valid():
            fields = _organisation_fields(form)
            try:
                organisation = services.organisation_create(
                    user=request.user, name=fields.pop("name"), **fields
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Die Organisation wurde angelegt."))
                return redirect("contacts:organisation_detail", pk=organisation.pk)
    else:
        form = OrganisationForm(user=request.user)
    return render(request, "contacts/organisation_form.html", {"form": form})


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_change_or_403(Organisation, request.user, pk=pk)
    if request.method == "POST":
        require_region_writable(request.user, request.POST.get("region"))
        form = OrganisationForm(request.POST, user=request.user, keep_region=organisation.region_id)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    version=form.cleaned_data["version"] or 0,
                    **_organisation_fields(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Die Organisation wurde gespeichert."))
                return redirect("contacts:organisation_detail", pk=organisation.pk)
    else:
        form = OrganisationForm(
            user=request.user,
            keep_region=organisation.region_id,
            initial={
                **model_to_dict(organisation, fields=services.ORGANISATION_FIELDS),
                "version": organisation.version,
            },
        )
    return render(
        request, "contacts/organisation_form.html", {"form": form, "organisation": organisation}
    )
