"""Persons: list, page, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.services import access_log_view, check_export_purpose
from contacts import selectors, services
from contacts.forms import (
    OutreachExportForm,
    PersonForm,
)
from contacts.models import Organisation, Person
from contacts.views.common import (
    export_format,
    export_query,
    export_response,
    log_export,
    too_large_for_export,
)
from kiallianz.forms import add_service_errors
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    is_office,
)

PERSON_SORTS = {
    "name": "last_name",
    "organisation": "organisation__name",
    "email": "email",
    "function": "function",
}


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    filterset, queryset = selectors.person_list(filters=request.GET)
    fmt = export_format(request)
    options = OutreachExportForm(request.GET if fmt else None, user=request.user)
    if fmt and filterset.is_valid():
        back = f"{reverse('contacts:person_list')}?{export_query(request)}"
        if not options.is_valid():
            for errors in options.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(back)
        include_dnc = options.cleaned_data.get("include_do_not_contact", False)
        queryset = selectors.persons_for_outreach(queryset, include_do_not_contact=include_dnc)
        if too_large_for_export(request, queryset):
            return redirect(back)
        count = queryset.count()
        purpose = options.cleaned_data["purpose"]
        try:
            check_export_purpose(request.user, person_count=count, purpose=purpose)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        if include_dnc:
            reason = options.cleaned_data["include_reason"].strip()
            purpose = _("%(purpose)s; mit „nicht kontaktieren“: %(reason)s") % {
                "purpose": purpose or "–",
                "reason": reason,
            }
        log_export(request, export_type="persons", row_count=count, purpose=purpose)
        headers = [
            _("Nachname"),
            _("Vorname"),
            _("Funktion"),
            _("Organisation"),
            _("E-Mail"),
            _("Telefon"),
            _("Rechtsgrundlage"),
            _("nicht kontaktieren"),
        ]
        rows = (
            [
                p.last_name,
                p.first_name,
                p.function,
                p.organisation.name if p.organisation else "",
                p.email,
                p.phone,
                p.get_legal_basis_display(),
                _("ja") if p.do_not_contact else _("nein"),
            ]
            for p in queryset.iterator(chunk_size=1000)
        )
        return export_response(queryset, fmt=fmt, stem="personen", headers=headers, rows=rows)
    listing = sorted_page(request, queryset, sortable=PERSON_SORTS, default_sort="name")
    return render(
        request,
        "contacts/person_list.html",
        {
            "filter": filterset,
            "listing": listing,
            "export_query": export_query(request),
            "export_options": OutreachExportForm(user=request.user),
        },
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.select_related("organisation", "organisation__region"), pk=pk
    )
    access_log_view(user=request.user, obj=person, view_name="contacts:person_detail")
    return render(
        request,
        "contacts/person_detail.html",
        {
            "person": person,
            "first_contacts": selectors.first_contacts_of_person(person_id=person.pk),
            "can_change": can_change(request.user, person),
        },
    )


def _person_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in PersonForm.Meta.fields}


def _require_person_organisation_allowed(user, organisation_id: str | None) -> None:
    """Community managers keep persons in organisations of their regions."""
    if is_office(user):
        return
    organisation = None
    if organisation_id and organisation_id.isdigit():
        organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not can_change(user, organisation):
        raise PermissionDenied


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        _require_person_organisation_allowed(request.user, request.POST.get("organisation"))
        form = PersonForm(request.POST, user=request.user)
        if form.is_valid():
            fields = _person_fields(form)
            try:
                person = services.person_create(
                    user=request.user, last_name=fields.pop("last_name"), **fields
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Die Person wurde angelegt."))
                return redirect("contacts:person_detail", pk=person.pk)
    else:
        form = PersonForm(
            user=request.user, initial={"organisation": request.GET.get("organisation")}
        )
    return render(request, "contacts/person_form.html", {"form": form})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_change_or_403(
        Person.objects.select_related("organisation"), request.user, pk=pk
    )
    if request.method == "POST":
        _require_person_organisation_allowed(request.user, request.POST.get("organisation"))
        form = PersonForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.person_update(
                    person=person,
                    version=form.cleaned_data["version"] or 0,
                    **_person_fields(form),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Die Person wurde gespeichert."))
                return redirect("contacts:person_detail", pk=person.pk)
    else:
        form = PersonForm(
            user=request.user,
            initial={
                **model_to_dict(person, fields=PersonForm.Meta.fields),
                "version": person.version,
            },
        )
    return render(request, "contacts/person_form.html", {"form": form, "person": person})
