"""Status page and download of a list export rendered in the background."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from contacts.models import ListExport
from kiallianz.tabular import LIST_FORMATS


def _own_job(request: HttpRequest, pk: int) -> ListExport:
    # Lists carry personal data: only who asked for the file may fetch it.
    return get_object_or_404(ListExport, pk=pk, created_by=request.user)


@login_required
@require_GET
def list_export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    template = (
        "contacts/partials/list_export_status.html"
        if request.GET.get("partial")
        else "contacts/list_export.html"
    )
    return render(request, template, {"job": job})


@login_required
@require_GET
def list_export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    if job.status != ListExport.Status.DONE or not job.file:
        raise Http404(gettext("Die Datei ist nicht verfügbar."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=LIST_FORMATS.get(job.format, "application/octet-stream"),
    )
