"""Report pages.

Access: every signed-in user sees the list of editions, an edition's outline
and the HTML preview (read-only); editing, exporting, watching an export and
downloading files are for office staff only (403 for community managers),
because exports are the documents sent to the funder.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import access_log_export
from kiallianz.decorators import office_required
from kiallianz.forms import add_service_errors
from kiallianz.lists import sorted_page
from kiallianz.media import deliver_file
from kiallianz.permissions import is_office, require_office
from reporting.models import ReportEdition, ReportExport, ReportSection
from reporting.report import checks, narrative, selectors, services, values
from reporting.report.arguments import BLOCK_ARGS
from reporting.report.blocks import BLOCKS
from reporting.report.forms import (
    AcceptFactForm,
    EditionCreateForm,
    EditionForm,
    ExportForm,
    SectionCreateForm,
    SectionForm,
)

EXPORT_SORTABLE = {"created": "created_at", "format": "format", "status": "status"}


@login_required
@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    form = EditionCreateForm(request.POST or None) if is_office(request.user) else None
    if request.method == "POST":
        require_office(request.user)
        if form.is_valid():
            try:
                edition = services.edition_create(
                    project=form.cleaned_data["project"],
                    year=form.cleaned_data["year"],
                    as_of=form.cleaned_data["as_of"],
                    previous=form.cleaned_data["previous"],
                    user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, gettext("Die Berichtsausgabe wurde angelegt."))
                return redirect("reporting:edition_detail", pk=edition.pk)
    listing = sorted_page(
        request, selectors.exports(), sortable=EXPORT_SORTABLE, default_sort="-created"
    )
    return render(
        request,
        "reporting/report/report_list.html",
        {
            "editions": selectors.editions(),
            "listing": listing,
            "form": form,
            "can_edit": is_office(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_object_or_404(selectors.editions(), pk=pk)
    can_edit = is_office(request.user)
    form = None
    if can_edit:
        form = EditionForm(
            request.POST or None, instance=edition, initial={"version": edition.version}
        )
    if request.method == "POST":
        require_office(request.user)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.edition_update(
                    edition=edition,
                    version=form.cleaned_data["version"],
                    user=request.user,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, gettext("Die Angaben wurden gespeichert."))
                return redirect("reporting:edition_detail", pk=edition.pk)
    return render(
        request,
        "reporting/report/edition_detail.html",
        {
            "edition": edition,
            "sections": selectors.numbered_sections(edition=edition),
            "exports": selectors.exports(edition=edition)[:20] if can_edit else [],
            "form": form,
            "export_form": ExportForm(),
            "can_edit": can_edit,
            # Before exporting, the writer sees what the check finds.
            "check": checks.check_edition(edition=edition) if can_edit else None,
            "next_year_exists": selectors.editions()
            .filter(project_id=edition.project_id, year=edition.year + 1)
            .exists(),
        },
    )


@login_required
@require_POST
def edition_create_from_previous(request: HttpRequest, pk: int) -> HttpResponse:
    """„Neue Ausgabe aus Vorjahr“: next year's edition from this one."""
    require_office(request.user)
    previous = get_object_or_404(selectors.editions(), pk=pk)
    try:
        edition = services.report_edition_create_from_previous(previous=previous, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reporting:edition_detail", pk=previous.pk)
    messages.success(
        request,
        gettext(
            "Die Ausgabe %(year)s wurde aus %(previous)s angelegt. Die Prüfung zeigt, welche "
            "Sätze noch Ihre Aufmerksamkeit brauchen."
        )
        % {"year": edition.year, "previous": previous.year},
    )
    return redirect("reporting:edition_detail", pk=edition.pk)


@login_required
def edition_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The consistency check with every finding, for the writers (office)."""
    require_office(request.user)
    edition = get_object_or_404(selectors.editions(), pk=pk)
    return render(
        request,
        "reporting/report/edition_check.html",
        {"edition": edition, "check": checks.check_edition(edition=edition)},
    )


@login_required
@require_POST
def section_fact_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep a typed fact on purpose, with a reason."""
    require_office(request.user)
    section = get_object_or_404(ReportSection, pk=pk)
    form = AcceptFactForm(request.POST)
    if form.is_valid():
        try:
            services.section_fact_accept(
                section=section,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                gettext("„%(text)s“ bleibt bewusst getippt.") % {"text": form.cleaned_data["text"]},
            )
    else:
        messages.error(request, gettext("Bitte begründen Sie, warum die Angabe getippt bleibt."))
    return redirect("reporting:edition_check", pk=section.edition_id)


@login_required
@require_POST
def section_fact_release(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request.user)
    section = get_object_or_404(ReportSection, pk=pk)
    services.section_fact_release(section=section, text=request.POST.get("text", ""))
    messages.info(request, gettext("Die Angabe wird wieder geprüft."))
    return redirect("reporting:edition_check", pk=section.edition_id)


@login_required
def edition_preview(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_object_or_404(selectors.editions(), pk=pk)
    document = selectors.report_document(edition=edition)
    return render(
        request,
        "reporting/report/edition_preview.html",
        {"edition": edition, "document": document, "edit_links": is_office(request.user)},
    )


@office_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(ReportSection.objects.select_related("edition"), pk=pk)
    form = SectionForm(request.POST or None, instance=section, initial={"version": section.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(
                section=section,
                version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                narrative=form.cleaned_data["narrative"],
                block_keys=form.cleaned_data["block_keys"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Der Abschnitt wurde gespeichert."))
            url = reverse("reporting:edition_preview", args=[section.edition_id])
            return redirect(f"{url}#sec-{section.key}")
    problems = []
    if request.method == "GET":
        # A narrative copied or loaded with errors: show them before the first save.
        problems = [p.describe() for p in narrative.check(section.narrative)[1]]
    return render(
        request,
        "reporting/report/section_edit.html",
        {
            "section": section,
            "form": form,
            "problems": problems,
            "value_sheet": values.cheat_sheet(),
            "block_sheet": block_sheet(),
        },
    )


def block_sheet() -> list[dict]:
    """The blocks a writer may place, with the arguments each understands."""
    return [
        {
            "key": block.key,
            "label": str(block.label),
            "args": [
                {
                    "name": name,
                    "label": str(BLOCK_ARGS[name].label),
                    "choices": BLOCK_ARGS[name].choices(),
                }
                for name in block.args
            ],
        }
        for block in BLOCKS.values()
    ]


@office_required
@require_POST
def section_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new chapter, or (with ?parent=<id>) a sub-section of one."""
    edition = get_object_or_404(ReportEdition, pk=pk)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(edition.sections, pk=request.POST["parent"])
    form = SectionCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Bitte geben Sie eine Überschrift ein."))
        return redirect("reporting:edition_detail", pk=edition.pk)
    section = services.section_create(
        edition=edition, parent=parent, title=form.cleaned_data["title"], user=request.user
    )
    return redirect("reporting:section_edit", pk=section.pk)


@office_required
@require_POST
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(ReportSection, pk=pk)
    services.section_move(section=section, up=request.POST.get("direction") == "up")
    return redirect("reporting:edition_detail", pk=section.edition_id)


@office_required
@require_POST
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(ReportSection, pk=pk)
    services.section_delete(section=section)
    messages.success(request, gettext("Der Abschnitt wurde gelöscht."))
    return redirect("reporting:edition_detail", pk=section.edition_id)


@office_required
@require_POST
def export_create(request: HttpRequest, pk: int) -> HttpResponse:
    edition = get_object_or_404(ReportEdition, pk=pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Bitte wählen Sie ein gültiges Format."))
        return redirect("reporting:edition_detail", pk=edition.pk)
    try:
        export = services.export_create(
            edition=edition, format=form.cleaned_data["format"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reporting:edition_detail", pk=edition.pk)
    if export.status == ReportExport.Status.FAILED:  # e.g. the broker is down
        messages.error(request, export.message)
    return redirect(f"{reverse('reporting:edition_detail', args=[edition.pk])}#export-{export.pk}")


@office_required
@require_POST
def export_retry(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(ReportExport.objects.select_related("edition"), pk=pk)
    retry = services.export_retry(export=export, user=request.user)
    if retry.status == ReportExport.Status.FAILED:  # e.g. the broker is down
        messages.error(request, retry.message)
    else:
        messages.info(request, gettext("Der Export wurde erneut gestartet."))
    detail = reverse("reporting:edition_detail", args=[export.edition_id])
    return redirect(f"{detail}#export-{retry.pk}")


@office_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The small fragment the edition page polls every second."""
    export = get_object_or_404(ReportExport.objects.select_related("created_by"), pk=pk)
    export = services.export_refresh(export=export)
    return render(request, "reporting/report/_export_status.html", {"export": export})


@office_required
def export_download(request: HttpRequest, pk: int) -> HttpResponse:
    export = get_object_or_404(ReportExport, pk=pk)
    if export.status != ReportExport.Status.DONE or not export.file:
        raise Http404(gettext("Die Datei ist nicht verfügbar."))
    access_log_export(
        user=request.user,
        obj=export,
        export_type=f"report_{export.format}",
        row_count=None,
        view_name="reporting:export_download",
    )
    # Streamed in development, handed to nginx (X-Accel-Redirect) in production.
    return deliver_file(
        export.file.name,
        download_name=export.file.name.rsplit("/", 1)[-1],
        content_type=export.content_type or "application/octet-stream",
    )
