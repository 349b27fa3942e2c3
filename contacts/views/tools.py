"""Data tools for office staff: import, merge duplicates, privacy (GDPR)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.services import access_log_export, access_log_view
from contacts import selectors
from contacts.duplicates import (
    PAIR_LIMIT,
)
from contacts.forms_tools import (
    DuplicateDismissForm,
    MergeForm,
    MergeSelectForm,
    PersonEraseForm,
    RetentionKeepForm,
)
from contacts.importing import import_template_csv
from contacts.merging import compare_records, organisation_merge, person_merge, references
from contacts.models import MergeLog, Organisation, Person
from contacts.privacy import (
    person_erase,
    person_export_data,
    person_export_json,
    person_export_pdf_path,
    person_export_xlsx,
    person_is_erased,
)
from contacts.retention import expires_on, person_retention_keep, persons_due
from contacts.services import duplicate_pair_dismiss, duplicate_suggestions_schedule
from contacts.tasks import render_person_export_pdf
from kiallianz.decorators import office_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@office_required
@require_GET
def import_template_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(import_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="import-vorlage-erstgespraeche.csv"'
    return response


@office_required
@require_GET
def duplicate_suggestions_view(request: HttpRequest) -> HttpResponse:
    """Likely duplicate pairs, each with a link to the merge page."""
    # Computed in the background after imports and edits; read here.
    organisations = selectors.duplicate_suggestion_page(
        kind="organisation", page_number=request.GET.get("opage"), per_page=PAIR_LIMIT
    )
    persons = selectors.duplicate_suggestion_page(
        kind="person", page_number=request.GET.get("ppage"), per_page=PAIR_LIMIT
    )
    return render(
        request,
        "contacts/data/duplicate_suggestions.html",
        {
            "organisation_page": organisations,
            "person_page": persons,
            "opage": organisations.number,
            "ppage": persons.number,
        },
    )


@office_required
@require_POST
def duplicate_refresh_view(request: HttpRequest) -> HttpResponse:
    """Office staff ask for the suggestions to be computed again now."""
    duplicate_suggestions_schedule()
    messages.success(
        request, _("Die Vorschläge werden neu berechnet; laden Sie die Seite gleich neu.")
    )
    return redirect("contacts:duplicate_suggestions")


@office_required
@require_POST
def duplicate_dismiss_view(request: HttpRequest) -> HttpResponse:
    """Office staff judge a suggested pair „keine Dublette“."""
    form = DuplicateDismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dieser Vorschlag konnte nicht verworfen werden."))
        return redirect("contacts:duplicate_suggestions")
    try:
        duplicate_pair_dismiss(
            kind=form.cleaned_data["kind"],
            first_id=form.cleaned_data["a"],
            second_id=form.cleaned_data["b"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Der Vorschlag wird nicht mehr angezeigt."))
    return redirect("contacts:duplicate_suggestions")


@office_required
@require_http_methods(["GET", "POST"])
def organisation_merge_view(request: HttpRequest) -> HttpResponse:
    return _merge_view(request, Organisation, organisation_merge)


@office_required
@require_http_methods(["GET", "POST"])
def person_merge_view(request: HttpRequest) -> HttpResponse:
    return _merge_view(request, Person, person_merge)


def _merge_view(request, model, merge_service) -> HttpResponse:
    select_form = MergeSelectForm(request.GET or None, model=model)
    context = {"select_form": select_form, "model_name": model._meta.verbose_name_plural}
    context["url_name"] = (
        "contacts:organisation_merge" if model is Organisation else "contacts:person_merge"
    )
    if not select_form.is_valid():
        return render(request, "contacts/data/merge_select.html", context)
    survivor, merged = select_form.cleaned_data["a"], select_form.cleaned_data["b"]
    comparisons = compare_records(survivor, merged)
    form = MergeForm(
        request.POST or None,
        comparisons=comparisons,
        initial={"survivor_version": survivor.version, "merged_version": merged.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            log = merge_service(
                survivor=survivor,
                merged=merged,
                take_from_merged=form.take_from_merged(),
                survivor_version=form.cleaned_data["survivor_version"],
                merged_version=form.cleaned_data["merged_version"],
                user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("„%(merged)s“ wurde in „%(survivor)s“ zusammengeführt.")
                % {"merged": log.merged_label, "survivor": survivor},
            )
            return redirect("contacts:merge_log", pk=log.pk)
    context.update(
        {
            "survivor": survivor,
            "merged": merged,
            "form": form,
            "same": [c for c in comparisons if not c.differs],
            "references": _reference_counts(model, survivor, merged),
        }
    )
    return render(request, "contacts/data/merge_compare.html", context)


def _reference_counts(model, survivor, merged) -> list[tuple[str, int, int]]:
    """How many records point at each of the two, per kind of reference."""
    rows = []
    for relation in references(model):
        if relation.related_model is MergeLog:
            continue
        manager = relation.related_model._base_manager
        counts = [manager.filter(**{relation.field.name: o}).count() for o in (survivor, merged)]
        if any(counts):
            rows.append((str(relation.related_model._meta.verbose_name_plural), *counts))
    return rows


@office_required
@require_GET
def merge_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    log = get_object_or_404(
        MergeLog.objects.select_related("organisation", "person", "merged_by"), pk=pk
    )
    return render(request, "contacts/data/merge_log.html", {"log": log})


@office_required
@require_GET
def person_privacy_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    data = person_export_data(person)
    access_log_view(user=request.user, obj=person, view_name="contacts:person_privacy")
    return render(
        request,
        "contacts/data/person_privacy.html",
        {
            "person": person,
            "data": data,
            "erased": person_is_erased(person),
            "pdf_ready": default_storage.exists(person_export_pdf_path(person.pk)),
        },
    )


@office_required
@require_POST
def person_export_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF is rendered by a task; the privacy page offers it when ready."""
    person = get_object_or_404(Person, pk=pk)
    transaction.on_commit(lambda: render_person_export_pdf.delay(person.pk))
    messages.info(
        request,
        _("Das PDF wird erstellt. Laden Sie die Seite gleich neu, um es herunterzuladen."),
    )
    return redirect("contacts:person_privacy", pk=person.pk)


@office_required
@require_GET
def person_export_view(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in ("json", "xlsx", "pdf"):
        raise Http404
    person = get_object_or_404(Person, pk=pk)
    if file_format == "pdf":
        path = person_export_pdf_path(person.pk)
        if not default_storage.exists(path):
            messages.error(request, _("Das PDF ist noch nicht erstellt."))
            return redirect("contacts:person_privacy", pk=person.pk)
        with default_storage.open(path, "rb") as stored:
            content, content_type = stored.read(), "application/pdf"
    elif file_format == "xlsx":
        content, content_type = person_export_xlsx(person), XLSX_TYPE
    else:
        content, content_type = person_export_json(person), "application/json"
    access_log_export(
        user=request.user,
        obj=person,
        export_type=f"gdpr_{file_format}",
        row_count=1,
        view_name="contacts:person_export",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.{file_format}"'
    response["Cache-Control"] = "no-store"
    return response


@office_required
@require_http_methods(["GET", "POST"])
def person_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    form = PersonEraseForm(request.POST or None, initial={"version": person.version})
    if request.method == "POST" and form.is_valid():
        try:
            person_erase(person=person, version=form.cleaned_data["version"], user=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Die Person wurde anonymisiert."))
            return redirect("contacts:person_privacy", pk=person.pk)
    contact_count = person.first_contacts.count()
    return render(
        request,
        "contacts/data/person_erase.html",
        {"person": person, "form": form, "contact_count": contact_count},
    )


@office_required
@require_GET
def person_retention_view(request: HttpRequest) -> HttpResponse:
    """Persons anonymised within 30 days unless office keeps them, with reason."""
    today = timezone.localdate()
    persons = list(persons_due(today)[:200])
    rows = [
        (person, expires_on(person), RetentionKeepForm(initial={"version": person.version}))
        for person in persons
    ]
    return render(request, "contacts/data/person_retention.html", {"rows": rows})


@office_required
@require_POST
def person_retention_keep_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    form = RetentionKeepForm(request.POST)
    if form.is_valid():
        try:
            person_retention_keep(
                person=person,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s wird weiter aufbewahrt.") % {"name": person.full_name},
            )
    else:
        messages.error(request, _("Bitte geben Sie einen Grund an."))
    return redirect("contacts:person_retention")
