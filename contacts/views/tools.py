"""Data tools for office staff: import, merge duplicates, privacy (GDPR)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts import selectors
from contacts.duplicates import PAIR_LIMIT
from contacts.forms_tools import (
    DuplicateDismissForm,
    ImportConfirmForm,
    ImportUploadForm,
    MergeForm,
    MergeSelectForm,
    PersonEraseForm,
    import_token_dumps,
)
from contacts.importing import contacts_import, import_template_csv
from contacts.merging import compare_records, organisation_merge, person_merge, references
from contacts.models import MergeLog, Organisation, Person
from contacts.privacy import (
    person_erase,
    person_export_data,
    person_export_json,
    person_export_xlsx,
    person_is_erased,
)
from contacts.services import duplicate_pair_dismiss, duplicate_suggestions_schedule
from kiallianz.decorators import office_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@office_required
@require_http_methods(["GET", "POST"])
def contacts_import_view(request: HttpRequest) -> HttpResponse:
    """Upload → dry run with every invalid row → confirm → counts."""
    if request.method == "POST" and "token" in request.POST:
        confirm = ImportConfirmForm(request.POST, user_id=request.user.pk)
        if confirm.is_valid():
            try:
                report = contacts_import(
                    data=confirm.file_data,
                    filename=confirm.file_name,
                    user=request.user,
                    skip_invalid=confirm.cleaned_data["skip_invalid"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("contacts:import")
            return render(
                request,
                "contacts/data/import_result.html",
                {"report": report, "file_name": confirm.file_name},
            )
        for error in confirm.errors.get("token", []):
            messages.error(request, error)
        return redirect("contacts:import")

    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        skip_invalid = form.cleaned_data["skip_invalid"]
        try:
            report = contacts_import(
                data=data,
                filename=upload.name,
                user=request.user,
                dry_run=True,
                skip_invalid=skip_invalid,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            confirm = ImportConfirmForm(
                initial={
                    "token": import_token_dumps(
                        data=data, filename=upload.name, user_id=request.user.pk
                    ),
                    "skip_invalid": skip_invalid,
                },
                user_id=request.user.pk,
            )
            can_import = (report.ok or skip_invalid) and report.invalid_rows < report.rows
            return render(
                request,
                "contacts/data/import_preview.html",
                {
                    "report": report,
                    "file_name": upload.name,
                    "confirm_form": confirm,
                    "can_import": can_import,
                    "skip_invalid": skip_invalid,
                },
            )
    return render(request, "contacts/data/import_form.html", {"form": form})


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
    return render(
        request,
        "contacts/data/person_privacy.html",
        {
            "person": person,
            "data": data,
            "erased": person_is_erased(person),
        },
    )


@office_required
@require_GET
def person_export_view(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in ("json", "xlsx"):
        raise Http404
    person = get_object_or_404(Person, pk=pk)
    if file_format == "xlsx":
        content, content_type = person_export_xlsx(person), XLSX_TYPE
    else:
        content, content_type = person_export_json(person), "application/json"
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
