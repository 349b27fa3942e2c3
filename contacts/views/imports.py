"""Browser import as background jobs: upload → dry run with progress →
result with „Jetzt importieren“ → import with progress → result.

The work runs in the worker (or in a thread in the embedded mode): every
request here answers at once and the job's page polls its status.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts.forms_tools import ImportUploadForm
from contacts.models import ImportJob
from contacts.services import imports
from kiallianz.decorators import office_required


def _own_job(request: HttpRequest, pk: int) -> ImportJob:
    # The results quote the file's rows: only who uploaded it sees them.
    return get_object_or_404(ImportJob, pk=pk, created_by=request.user)


def _started(request: HttpRequest, job: ImportJob) -> HttpResponse:
    if job.status == ImportJob.Status.FAILED:  # e.g. the broker is down
        messages.error(request, job.message)
    return redirect("contacts:import_job", pk=job.pk)


@office_required
@require_http_methods(["GET", "POST"])
def contacts_import_view(request: HttpRequest) -> HttpResponse:
    """The upload; the check runs as a job whose page shows the progress."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.import_job_start(
            upload=form.cleaned_data["file"],
            user=request.user,
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        return _started(request, job)
    return render(request, "contacts/data/import_form.html", {"form": form})


@office_required
@require_GET
def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the job runs, then its result."""
    job = imports.import_job_refresh(_own_job(request, pk))
    report = imports.import_job_report(job)
    context = {"job": job, "report": report, "file_name": job.original_name}
    if not job.is_finished:
        return render(request, "contacts/data/import_progress.html", context)
    if job.status == ImportJob.Status.FAILED or report is None:
        return render(request, "contacts/data/import_failed.html", context)
    if job.is_dry_run:
        context.update(
            can_import=imports.import_job_can_import(job),
            skip_invalid=job.skip_invalid,
            started_import=job.imports.exclude(status=ImportJob.Status.FAILED).first(),
        )
        return render(request, "contacts/data/import_preview.html", context)
    return render(request, "contacts/data/import_result.html", context)


@office_required
@require_GET
def import_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress page polls (static/js/job-progress.js)."""
    job = imports.import_job_refresh(_own_job(request, pk))
    return JsonResponse(
        {
            "status": job.status,
            "progress": job.progress,
            "message": job.message,
            "finished": job.is_finished,
            "url": reverse("contacts:import_job", args=[job.pk]),
        }
    )


def _start_from(request: HttpRequest, pk: int, start) -> HttpResponse:
    source = _own_job(request, pk)
    try:
        job = start(source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contacts:import_job", pk=source.pk)
    return _started(request, job)


@office_required
@require_POST
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """„Jetzt importieren“ on a dry run's result."""
    return _start_from(
        request, pk, lambda job: imports.import_job_confirm(dry_run=job, user=request.user)
    )


@office_required
@require_POST
def import_job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """„Erneut versuchen“: a failed job again, on the same stored file."""
    return _start_from(
        request, pk, lambda job: imports.import_job_retry(job=job, user=request.user)
    )
