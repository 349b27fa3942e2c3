"""Status page and download of a list export rendered in the background."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from contacts.exporters import (
    FirstContactListExporter,
    OrganisationListExporter,
    PersonListExporter,
)
from contacts.models import ListExport
from contacts.services import exports
from kiallianz.media import deliver_file
from kiallianz.tabular import LIST_FORMATS

# The list each export came from: „Erneut versuchen“ asks it for the same
# download again, through the same checks and access log as the first time.
LIST_URLS = {
    FirstContactListExporter.identifier: "contacts:index",
    OrganisationListExporter.identifier: "contacts:organisation_list",
    PersonListExporter.identifier: "contacts:person_list",
}


def _own_job(request: HttpRequest, pk: int) -> ListExport:
    # Lists carry personal data: only who asked for the file may fetch it.
    return get_object_or_404(ListExport, pk=pk, created_by=request.user)


def retry_url(job: ListExport) -> str:
    query = f"{job.query}&" if job.query else ""
    return f"{reverse(LIST_URLS[job.exporter])}?{query}{urlencode({'format': job.format})}"


@login_required
@require_GET
def list_export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = exports.list_export_refresh(_own_job(request, pk))
    template = (
        "contacts/partials/list_export_status.html"
        if request.GET.get("partial")
        else "contacts/list_export.html"
    )
    context = {"job": job}
    if job.status == ListExport.Status.FAILED:
        context["retry_url"] = retry_url(job)
    return render(request, template, context)


@login_required
@require_GET
def list_export_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    if job.status != ListExport.Status.DONE or not job.file:
        raise Http404(gettext("Die Datei ist nicht verfügbar."))
    # Streamed in development, handed to nginx (X-Accel-Redirect) in production.
    return deliver_file(
        job.file.name,
        download_name=job.file.name.rsplit("/", 1)[-1],
        content_type=LIST_FORMATS.get(job.format, "application/octet-stream"),
    )
