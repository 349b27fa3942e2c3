"""First contacts: list, page, the capture screen and its live lookups."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from contacts import selectors, services
from contacts.capture import occasion_defaults
from contacts.duplicates import organisation_duplicate_candidates, person_duplicate_candidates
from contacts.exporters import FirstContactListExporter
from contacts.forms import (
    FirstContactForm,
    NewPersonFormSet,
    QualityStatusForm,
)
from contacts.models import FirstContact, Organisation
from contacts.views.capture import (
    capture_page_context,
    capture_refused_response,
    capture_replayed,
    capture_saved_response,
)
from contacts.views.common import list_view
from kiallianz.forms import add_service_errors
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    is_office,
    require_inside_user_regions,
    require_region_writable,
)

FIRST_CONTACT_SORTS = {
    "date": "date",
    "organisation": selectors.BY_ORGANISATION_NAME,
    "region": "region__name",
    "community_manager": "community_manager__last_name",
    "quality_status": "quality_status",
    "follow_up_date": "follow_up_date",
}


first_contact_list = list_view(
    select=selectors.first_contact_list,
    exporter=FirstContactListExporter,
    list_url="contacts:index",
    sortable=FIRST_CONTACT_SORTS,
    default_sort="-date",
)


@login_required
@require_GET
def first_contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        first_contact = selectors.first_contact_detail(pk=pk)
    except FirstContact.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "contacts/first_contact_detail.html",
        {
            "fc": first_contact,
            "can_change": can_change(request.user, first_contact),
            "quality_form": QualityStatusForm(
                initial={
                    "quality_status": first_contact.quality_status,
                    "relevance": first_contact.relevance,
                }
            ),
            "is_office": is_office(request.user),
        },
    )


def _duplicate_warnings(form, formset) -> dict:
    """Candidates for each new record on the capture screen."""
    warnings = {"organisation": [], "persons": {}}
    data = form.cleaned_data
    if data.get("create_organisation"):
        warnings["organisation"] = organisation_duplicate_candidates(
            name=data["new_org_name"], website=data.get("new_org_website") or ""
        )
    organisation = data.get("organisation")
    for index, person_form in enumerate(formset.forms):
        if person_form.is_blank or person_form.cleaned_data.get("existing"):
            continue
        person = person_form.cleaned_data
        candidates = person_duplicate_candidates(
            email=person.get("email") or "",
            first_name=person.get("first_name") or "",
            last_name=person.get("last_name") or "",
            organisation_id=organisation.pk if organisation else None,
        )
        if candidates:
            warnings["persons"][index] = candidates
    return warnings


def _require_new_persons_allowed(user, form, formset) -> None:
    """New persons join an existing organisation only inside the user's
    regions (like the person form); a first contact with it stays allowed."""
    organisation = form.cleaned_data.get("organisation")
    if form.cleaned_data.get("create_organisation") or organisation is None:
        return
    if any(not f.is_blank and not f.cleaned_data.get("existing") for f in formset.forms):
        require_inside_user_regions(user, organisation)


def _capture(request: HttpRequest, first_contact: FirstContact | None) -> HttpResponse:
    user = request.user
    # The phone's offline queue posts with this header and reads JSON back.
    sync = request.headers.get("X-Capture-Sync") == "1"
    if request.method == "POST":
        # A forged region is refused outright, not just shown as a form error.
        require_region_writable(user, request.POST.get("region"))
        already = first_contact is None and capture_replayed(
            user=user, client_key=request.POST.get("client_key", "")
        )
        if already:
            return capture_saved_response(request, already, sync=sync, replayed=True)
        form = FirstContactForm(request.POST, user=user)
        formset = NewPersonFormSet(request.POST, prefix="person")
        warnings = None
        if form.is_valid() and formset.is_valid():
            _require_new_persons_allowed(user, form, formset)
            if not request.POST.get("confirm_new"):
                warnings = _duplicate_warnings(form, formset)
                if not warnings["organisation"] and not warnings["persons"]:
                    warnings = None
            if warnings is None:
                saved = _save_capture(request, form, formset, first_contact)
                if saved is not None:
                    return capture_saved_response(request, saved, sync=sync)
        if sync:
            return capture_refused_response(form, formset, warnings)
    else:
        initial = None
        if first_contact is not None:
            initial = {
                **model_to_dict(
                    first_contact,
                    fields=[*services.FIRST_CONTACT_FIELDS, "persons", "offers"],
                ),
                "potentials": list(first_contact.potentials.values_list("potential", flat=True)),
                "version": first_contact.version,
                "organisation_query": first_contact.organisation.name,
            }
        elif request.GET.get("organisation", "").isdigit():
            # "New first contact" from an organisation page.
            organisation = Organisation.objects.filter(pk=request.GET["organisation"]).first()
            if organisation is not None:
                initial = {"organisation": organisation.pk, "organisation_query": organisation.name}
        if first_contact is None:
            initial = {**occasion_defaults(user=user), **(initial or {})}
        form = FirstContactForm(user=user, initial=initial)
        formset = NewPersonFormSet(prefix="person")
        warnings = None
    return render(
        request,
        "contacts/first_contact_form.html",
        {
            "form": form,
            "formset": formset,
            "warnings": warnings,
            "first_contact": first_contact,
            "chosen_organisation": form.chosen_organisation(),
            **capture_page_context(request, first_contact),
        },
    )


def _save_capture(request, form, formset, first_contact):
    data = form.cleaned_data
    new_organisation = None
    if data["create_organisation"]:
        new_organisation = {
            "name": data["new_org_name"],
            "kind": data["new_org_kind"],
            "city": data["new_org_city"],
            "website": data["new_org_website"] or "",
        }
    existing_persons = list(data["persons"])
    new_persons = []
    for person_form in formset.forms:
        if person_form.is_blank:
            continue
        person = dict(person_form.cleaned_data)
        if person.get("existing"):
            existing_persons.append(person["existing"])
            continue
        person.pop("existing", None)
        new_persons.append(person)
    fields = {
        name: data[name]
        for name in (
            "date",
            "region",
            "occasion",
            "occasion_note",
            "content",
            "referral_offer",
            "referral_note",
            "report_text",
            "follow_up_date",
            "follow_up_note",
        )
    }
    try:
        return services.first_contact_capture(
            user=request.user,
            first_contact=first_contact,
            version=data.get("version") or 0,
            organisation=None if new_organisation else data["organisation"],
            new_organisation=new_organisation,
            persons=existing_persons,
            new_persons=new_persons,
            offers=data["offers"],
            potentials=data["potentials"],
            client_key=data.get("client_key") if first_contact is None else None,
            **fields,
        )
    except ValidationError as error:
        field_map = {f"organisation__{f}": f"new_org_{f}" for f in ("name", "kind", "city")}
        field_map["organisation__website"] = "new_org_website"
        if hasattr(error, "error_dict"):
            for key, field_errors in list(error.message_dict.items()):
                if key.startswith("person_"):
                    index, field = key.removeprefix("person_").split("__", 1)
                    target = formset.forms[int(index)]
                    for message in field_errors:
                        target.add_error(field if field in target.fields else None, message)
                    error.error_dict.pop(key)
        add_service_errors(form, error, field_map)
        return None


@login_required
def first_contact_create(request: HttpRequest) -> HttpResponse:
    return _capture(request, None)


@login_required
def first_contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    first_contact = get_object_for_change_or_403(
        FirstContact.objects.select_related("organisation"), request.user, pk=pk
    )
    return _capture(request, first_contact)


@login_required
@require_GET
def organisation_autocomplete(request: HttpRequest) -> HttpResponse:
    matches = selectors.organisation_search(query=request.GET.get("organisation_query", ""))
    return render(
        request,
        "contacts/partials/organisation_autocomplete.html",
        {"matches": matches, "query": request.GET.get("organisation_query", "")},
    )


@login_required
@require_GET
def person_autocomplete(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("person_query", "")
    return render(
        request,
        "contacts/partials/person_autocomplete.html",
        {"matches": selectors.person_search(query=query), "query": query},
    )


@login_required
@require_GET
def organisation_persons(request: HttpRequest) -> HttpResponse:
    organisation_id = request.GET.get("organisation", "")
    persons = (
        selectors.persons_of_organisation(organisation_id=int(organisation_id))
        if organisation_id.isdigit()
        else []
    )
    return render(
        request,
        "contacts/partials/person_choices.html",
        {"persons": persons, "selected": set()},
    )


@login_required
@require_GET
def organisation_duplicates(request: HttpRequest) -> HttpResponse:
    """Live hint while typing a new organisation's name."""
    candidates = organisation_duplicate_candidates(
        name=request.GET.get("new_org_name", ""),
        website=request.GET.get("new_org_website", ""),
    )
    return render(
        request, "contacts/partials/organisation_duplicates.html", {"candidates": candidates}
    )
