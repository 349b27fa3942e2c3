"""Organisations: list, page, create and edit."""

from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from contacts import selectors, services
from contacts.exporters import OrganisationListExporter
from contacts.extensions import organisation_panels
from contacts.forms import (
    OrganisationForm,
)
from contacts.models import Organisation
from contacts.views.common import list_view, redirect_to_survivor
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    require_region_writable,
)
from kiallianz.viewhelpers import form_saved

ORGANISATION_SORTS = {
    # The normalised name (lower case, umlauts spelt out: „AHK“ after
    # „Ackermann“, „Österreich“ as „Oesterreich“) gives the same order on
    # SQLite and PostgreSQL, and its index serves the first page.
    "name": "normalized_name",
    "kind": "kind",
    "city": "city",
    "region": "region__name",
    "membership_status": "membership_status",
    "first_contacts": "first_contact_count",
    "last_contact": "last_contact_date",
}


organisation_list = list_view(
    select=selectors.organisation_list,
    exporter=OrganisationListExporter,
    list_url="contacts:organisation_list",
    sortable=ORGANISATION_SORTS,
    default_sort="name",
)


@login_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = Organisation.objects.select_related("region", "created_by").filter(pk=pk).first()
    if organisation is None:
        return redirect_to_survivor(Organisation, pk=pk, view_name="contacts:organisation_detail")
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


def _organisation_form_page(request: HttpRequest, organisation) -> HttpResponse:
    keep = organisation.region_id if organisation else None
    if request.method == "POST":
        require_region_writable(
            request.user, request.POST.get("region"), required=organisation is None
        )
        form = OrganisationForm(request.POST, user=request.user, keep_region=keep)
    elif organisation is None:
        form = OrganisationForm(user=request.user)
    else:
        initial = {
            **model_to_dict(organisation, fields=services.ORGANISATION_FIELDS),
            "version": organisation.version,
        }
        form = OrganisationForm(user=request.user, keep_region=keep, initial=initial)

    def save(fields):
        fields = {name: fields[name] for name in services.ORGANISATION_FIELDS}
        if organisation is None:
            return services.organisation_create(user=request.user, **fields)
        return services.organisation_update(
            organisation=organisation, version=form.cleaned_data["version"] or 0, **fields
        )

    success = (
        _("Die Organisation wurde angelegt.")
        if organisation is None
        else _("Die Organisation wurde gespeichert.")
    )
    saved = form_saved(request, form, save, success=success)
    if saved:
        return redirect("contacts:organisation_detail", pk=saved.result.pk)
    context = (
        {"form": form} if organisation is None else {"form": form, "organisation": organisation}
    )
    return render(request, "contacts/organisation_form.html", context)


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _organisation_form_page(request, None)


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_change_or_403(Organisation, request.user, pk=pk)
    return _organisation_form_page(request, organisation)
