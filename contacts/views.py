"""Records: capture, lists, pages, quality check and follow-ups.

Views are thin: access check (kiallianz.permissions), form, one service call.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from contacts import selectors, services
from contacts.duplicates import organisation_duplicate_candidates, person_duplicate_candidates
from contacts.extensions import organisation_panels
from contacts.forms import (
    BulkCheckForm,
    FirstContactForm,
    NewPersonFormSet,
    OrganisationForm,
    PersonForm,
    QualityStatusForm,
)
from contacts.models import FirstContact, Organisation, Person
from kiallianz.lists import sorted_page
from kiallianz.models import Region
from kiallianz.permissions import (
    can_change,
    can_create_in_region,
    get_object_for_change_or_403,
    is_office,
    require_office,
)
from kiallianz.tabular import csv_bytes, xlsx_bytes

# Synchronous exports stay small: beyond this the user narrows the filters.
MAX_EXPORT_ROWS = 5_000
FOLLOW_UP_HORIZON_DAYS = 7


def _apply_errors(form, error: ValidationError, field_map: dict | None = None) -> None:
    """Attach a service's ValidationError to the form fields it names."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        target = field_map.get(field, field)
        if target not in form.fields:
            target = None
        for message in field_errors:
            form.add_error(target, message)


def _export(queryset, *, fmt: str, stem: str, headers, rows) -> HttpResponse:
    filename = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        content = xlsx_bytes([(stem, headers, rows)])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = csv_bytes(headers, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format")
    return fmt if fmt in ("csv", "xlsx") else None


def _too_large(request, queryset) -> bool:
    if queryset.count() > MAX_EXPORT_ROWS:
        messages.error(
            request,
            _("Der Export ist auf %(limit)s Zeilen begrenzt. Bitte schränken Sie die Filter ein.")
            % {"limit": f"{MAX_EXPORT_ROWS:,}".replace(",", ".")},
        )
        return True
    return False


def _export_query(request) -> str:
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return params.urlencode()


# --- First contacts -----------------------------------------------------------


FIRST_CONTACT_SORTS = {
    "date": "date",
    "organisation": "organisation__name",
    "region": "region__name",
    "community_manager": "community_manager__last_name",
    "quality_status": "quality_status",
    "follow_up_date": "follow_up_date",
}


@login_required
@require_GET
def first_contact_list(request: HttpRequest) -> HttpResponse:
    filterset, queryset = selectors.first_contact_list(filters=request.GET)
    fmt = _export_format(request)
    if fmt and filterset.is_valid():
        if _too_large(request, queryset):
            return redirect(f"{reverse('contacts:index')}?{_export_query(request)}")
        headers = [
            _("Datum"),
            _("Region"),
            _("Organisation"),
            _("Art"),
            _("Personen"),
            _("Community Manager:in"),
            _("Anlass"),
            _("Anlass (Details)"),
            _("Besprochene Inhalte"),
            _("Angebote"),
            _("Kooperationspotenziale"),
            _("Vermittelt an"),
            _("Qualitätsstatus"),
            _("Relevanz"),
            _("Wiedervorlage"),
        ]
        rows = selectors.first_contact_export_rows(queryset)
        return _export(queryset, fmt=fmt, stem="erstgespraeche", headers=headers, rows=rows)
    listing = sorted_page(request, queryset, sortable=FIRST_CONTACT_SORTS, default_sort="-date")
    return render(
        request,
        "contacts/first_contact_list.html",
        {"filter": filterset, "listing": listing, "export_query": _export_query(request)},
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


def _capture(request: HttpRequest, first_contact: FirstContact | None) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        region_id = request.POST.get("region")
        # A forged region is refused outright, not just shown as a form error.
        if region_id and (
            not region_id.isdigit() or not can_create_in_region(user, int(region_id))
        ):
            raise PermissionDenied
        form = FirstContactForm(request.POST, user=user)
        formset = NewPersonFormSet(request.POST, prefix="person")
        warnings = None
        if form.is_valid() and formset.is_valid():
            if not request.POST.get("confirm_new"):
                warnings = _duplicate_warnings(form, formset)
                if not warnings["organisation"] and not warnings["persons"]:
                    warnings = None
            if warnings is None:
                saved = _save_capture(request, form, formset, first_contact)
                if saved is not None:
                    messages.success(request, _("Das Erstgespräch wurde gespeichert."))
                    return redirect("contacts:first_contact_detail", pk=saved.pk)
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
        _apply_errors(form, error, field_map)
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


# --- Organisations ------------------------------------------------------------


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
    fmt = _export_format(request)
    if fmt and filterset.is_valid():
        if _too_large(request, queryset):
            return redirect(f"{reverse('contacts:organisation_list')}?{_export_query(request)}")
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
        return _export(queryset, fmt=fmt, stem="organisationen", headers=headers, rows=rows)
    listing = sorted_page(request, queryset, sortable=ORGANISATION_SORTS, default_sort="name")
    return render(
        request,
        "contacts/organisation_list.html",
        {"filter": filterset, "listing": listing, "export_query": _export_query(request)},
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
                for panel, context in organisation_panels(organisation)
            ],
            "can_change": can_change(request.user, organisation),
        },
    )


def _organisation_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in OrganisationForm.Meta.fields}


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        region_id = request.POST.get("region") or None
        if not is_office(request.user) and (
            not region_id
            or not region_id.isdigit()
            or not can_create_in_region(request.user, int(region_id))
        ):
            raise PermissionDenied
        form = OrganisationForm(request.POST, user=request.user)
        if form.is_valid():
            fields = _organisation_fields(form)
            try:
                organisation = services.organisation_create(
                    user=request.user, name=fields.pop("name"), **fields
                )
            except ValidationError as error:
                _apply_errors(form, error)
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
        region_id = request.POST.get("region")
        if region_id and (
            not region_id.isdigit() or not can_create_in_region(request.user, int(region_id))
        ):
            raise PermissionDenied
        form = OrganisationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation,
                    version=form.cleaned_data["version"] or 0,
                    **_organisation_fields(form),
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Die Organisation wurde gespeichert."))
                return redirect("contacts:organisation_detail", pk=organisation.pk)
    else:
        form = OrganisationForm(
            user=request.user,
            initial={
                **model_to_dict(organisation, fields=OrganisationForm.Meta.fields),
                "version": organisation.version,
            },
        )
    return render(
        request, "contacts/organisation_form.html", {"form": form, "organisation": organisation}
    )


# --- Persons ------------------------------------------------------------------


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
    fmt = _export_format(request)
    if fmt and filterset.is_valid():
        if _too_large(request, queryset):
            return redirect(f"{reverse('contacts:person_list')}?{_export_query(request)}")
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
        return _export(queryset, fmt=fmt, stem="personen", headers=headers, rows=rows)
    listing = sorted_page(request, queryset, sortable=PERSON_SORTS, default_sort="name")
    return render(
        request,
        "contacts/person_list.html",
        {"filter": filterset, "listing": listing, "export_query": _export_query(request)},
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.select_related("organisation", "organisation__region"), pk=pk
    )
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
                _apply_errors(form, error)
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
                _apply_errors(form, error)
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


# --- Quality check ---------------------------------------------------------------


@login_required
def quality_queue(request: HttpRequest) -> HttpResponse:
    require_office(request.user)
    form = BulkCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.first_contacts_mark_checked(
            first_contact_ids=[fc.pk for fc in form.cleaned_data["first_contacts"]],
            reviewer=request.user,
            relevance=form.cleaned_data["relevance"],
        )
        messages.success(
            request, _("%(count)s Erstgespräche als geprüft markiert.") % {"count": count}
        )
        return redirect("contacts:quality_queue")
    region = request.GET.get("region", "")
    region_id = int(region) if region.isdigit() else None
    queryset = selectors.quality_queue(region_id=region_id)
    listing = sorted_page(request, queryset, sortable=FIRST_CONTACT_SORTS, default_sort="date")
    return render(
        request,
        "contacts/quality_queue.html",
        {
            "listing": listing,
            "form": form,
            "status_form": QualityStatusForm(),
            "regions": Region.objects.filter(is_active=True),
            "selected_region": region_id,
        },
    )


@login_required
@require_POST
def first_contact_review(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request.user)
    first_contact = get_object_or_404(FirstContact, pk=pk)
    form = QualityStatusForm(request.POST)
    if form.is_valid():
        services.first_contact_set_quality_status(
            first_contact=first_contact,
            reviewer=request.user,
            status=form.cleaned_data["quality_status"],
            relevance=form.cleaned_data["relevance"],
        )
        messages.success(request, _("Der Qualitätsstatus wurde gespeichert."))
    else:
        messages.error(request, _("Bitte wählen Sie einen gültigen Status und eine Relevanz."))
    next_url = request.POST.get("next")
    if next_url == "queue":
        return redirect("contacts:quality_queue")
    return redirect("contacts:first_contact_detail", pk=pk)


# --- Follow-ups ---------------------------------------------------------------------


@login_required
@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    until = today + datetime.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    items = list(selectors.open_follow_ups(user_id=request.user.pk, until=until))
    return render(
        request,
        "contacts/follow_ups.html",
        {
            "overdue": [fc for fc in items if fc.follow_up_date < today],
            "due": [fc for fc in items if fc.follow_up_date >= today],
            "today": today,
            "until": until,
        },
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    first_contact = get_object_for_change_or_403(FirstContact, request.user, pk=pk)
    services.follow_up_mark_done(first_contact=first_contact)
    messages.success(request, _("Die Wiedervorlage ist erledigt."))
    # Back to where the button was (the first contact's page), never off-site.
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("contacts:follow_ups")
