"""Persons: list, page, create and edit."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.services import access_log_view
from contacts import selectors, services
from contacts.exporters import PersonListExporter
from contacts.forms import (
    PersonForm,
)
from contacts.models import Organisation, Person
from contacts.models.persons import PERSON_NAME_ORDER
from contacts.views.common import list_view, redirect_to_survivor
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    is_office,
)
from kiallianz.viewhelpers import form_saved

PERSON_SORTS = {
    # Case-insensitive, umlauts spelt out (NameSortKey), then the first name.
    "name": PERSON_NAME_ORDER,
    "organisation": selectors.BY_ORGANISATION_NAME,
    "email": "email",
    "function": "function",
}


person_list = list_view(
    select=selectors.person_list,
    exporter=PersonListExporter,
    list_url="contacts:person_list",
    sortable=PERSON_SORTS,
    default_sort="name",
)


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = (
        Person.objects.select_related("organisation", "organisation__region").filter(pk=pk).first()
    )
    if person is None:
        return redirect_to_survivor(Person, pk=pk, view_name="contacts:person_detail")
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


def _require_person_organisation_allowed(user, organisation_id: str | None) -> None:
    """Community managers keep persons in organisations of their regions."""
    if is_office(user):
        return
    organisation = None
    if organisation_id and organisation_id.isdigit():
        organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not can_change(user, organisation):
        raise PermissionDenied


def _person_form_page(request: HttpRequest, person: Person | None) -> HttpResponse:
    if request.method == "POST":
        _require_person_organisation_allowed(request.user, request.POST.get("organisation"))
        form = PersonForm(request.POST, user=request.user)
    elif person is None:
        form = PersonForm(
            user=request.user, initial={"organisation": request.GET.get("organisation")}
        )
    else:
        initial = {
            **model_to_dict(person, fields=services.PERSON_FIELDS),
            "version": person.version,
        }
        form = PersonForm(user=request.user, initial=initial)

    def save(fields):
        fields = {name: fields[name] for name in services.PERSON_FIELDS}
        if person is None:
            return services.person_create(user=request.user, **fields)
        return services.person_update(
            person=person, version=form.cleaned_data["version"] or 0, **fields
        )

    success = (
        _("Die Person wurde angelegt.") if person is None else _("Die Person wurde gespeichert.")
    )
    saved = form_saved(request, form, save, success=success)
    if saved:
        return redirect("contacts:person_detail", pk=saved.result.pk)
    context = {"form": form} if person is None else {"form": form, "person": person}
    return render(request, "contacts/person_form.html", context)


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    return _person_form_page(request, None)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_for_change_or_403(
        Person.objects.select_related("organisation"), request.user, pk=pk
    )
    return _person_form_page(request, person)
