"""Writes for the report: editions, narratives, exports and their life cycle."""

import datetime
import hashlib
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy

from kiallianz import jobs
from kiallianz.jobs import ExportJobLifecycle
from kiallianz.versioning import model_update
from reporting.models import FundingProject, ReportEdition, ReportExport, ReportSection
from reporting.models.report import as_of_error
from reporting.report.structure import STANDARD_SECTIONS, SectionSpec

logger = logging.getLogger(__name__)


def default_edition_title(year: int) -> str:
    return gettext("Zwischenverwendungsnachweis zum Jahr %(year)s") % {"year": year}


# --- Editions ---------------------------------------------------------------


@transaction.atomic
def edition_create(
    *,
    project: FundingProject,
    year: int,
    as_of: datetime.date | None = None,
    user=None,
    previous: ReportEdition | None = None,
    period: tuple[datetime.date, datetime.date] | None = None,
) -> ReportEdition:
    """A new edition for a calendar year (or ``period``); the standard
    sections, or the section tree and narratives of ``previous``."""
    period_start, period_end = period or (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    source = previous
    edition = ReportEdition(
        project=project,
        year=year,
        period_start=period_start,
        period_end=period_end,
        as_of=as_of or period_end,
        title=default_edition_title(year),
        organisation_name=source.organisation_name if source else project.organisation_name,
        project_title=source.project_title if source else project.title,
        funder_reference=source.funder_reference if source else project.funder_reference,
        annex_label=source.annex_label if source else "Anlage 1",
        created_by=user,
    )
    edition.full_clean()
    edition.save()
    if source is not None:
        _copy_sections(source=source, target=edition, user=user)
    else:
        _create_sections(edition=edition, specs=STANDARD_SECTIONS, parent=None, user=user)
    return edition


def _one_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def report_edition_create_from_previous(
    *, previous: ReportEdition, user=None, as_of: datetime.date | None = None
) -> ReportEdition:
    """Next year's edition („Neue Ausgabe aus Vorjahr“): the section tree, the
    narratives with their live references (never resolved values) and the
    block choices are copied; period and as-of date move by a year. Typed facts
    accepted last year are not: the check asks about them again."""
    year = previous.year + 1
    if ReportEdition.objects.filter(project=previous.project, year=year).exists():
        raise ValidationError(
            {"year": gettext("Für %(year)s gibt es bereits eine Berichtsausgabe.") % {"year": year}}
        )
    period = (_one_year_later(previous.period_start), _one_year_later(previous.period_end))
    return edition_create(
        project=previous.project,
        year=year,
        as_of=as_of or _one_year_later(previous.as_of),
        user=user,
        previous=previous,
        period=period,
    )


def _create_sections(*, edition, specs: tuple[SectionSpec, ...], parent, user) -> None:
    for position, spec in enumerate(specs):
        section = ReportSection(
            edition=edition,
            parent=parent,
            key=spec.key,
            position=position,
            title=str(spec.title),
            block_keys=list(spec.blocks),
            updated_by=user,
        )
        section.full_clean()
        section.save()
        _create_sections(edition=edition, specs=spec.children, parent=section, user=user)


def _copy_sections(*, source: ReportEdition, target: ReportEdition, user) -> None:
    copies: dict[int, ReportSection] = {}
    # Parents before children: walk in tree order.
    pending = list(source.sections.order_by("position", "id"))
    while pending:
        remaining = []
        for section in pending:
            if section.parent_id is not None and section.parent_id not in copies:
                remaining.append(section)
                continue
            copy = ReportSection(
                edition=target,
                parent=copies.get(section.parent_id),
                key=section.key,
                position=section.position,
                title=section.title,
                narrative=section.narrative,
                block_keys=list(section.block_keys or []),
                updated_by=user,
            )
            copy.full_clean()
            copy.save()
            copies[section.id] = copy
        if len(remaining) == len(pending):  # pragma: no cover - a cycle cannot be saved
            break
        pending = remaining


# What an edit may change; everything else is kept by the services.
EDITION_FIELDS = (
    "as_of",
    "title",
    "organisation_name",
    "project_title",
    "funder_reference",
    "annex_label",
)
SECTION_FIELDS = ("narrative", "title", "block_keys", "updated_by")


@transaction.atomic
def edition_update(*, edition: ReportEdition, version: int, user=None, **fields) -> ReportEdition:
    model_update(edition, data=fields, allowed=EDITION_FIELDS, version=version)
    return edition


def edition_get_or_create_for_year(
    *, year: int, as_of: datetime.date | None = None, user=None
) -> ReportEdition:
    """The edition of a year (for the command line); created with the
    standard sections if none exists. Raises ValidationError for an as-of
    date before the period."""
    period_start = datetime.date(year, 1, 1)
    if as_of is not None and as_of < period_start:
        raise ValidationError({"as_of": as_of_error(as_of, period_start)})
    edition = ReportEdition.objects.filter(year=year).order_by("id").first()
    if edition is not None:
        return edition
    project = FundingProject.objects.order_by("start_date", "id").first()
    if project is None:
        raise ValidationError(
            gettext("Es gibt noch kein Förderprojekt. Bitte legen Sie es in der Verwaltung an.")
        )
    return edition_create(project=project, year=year, as_of=as_of, user=user)


# --- Sections ---------------------------------------------------------------


@transaction.atomic
def section_update(
    *,
    section: ReportSection,
    version: int,
    narrative: str,
    title: str | None = None,
    block_keys: list[str] | None = None,
    user=None,
) -> ReportSection:
    data = {"narrative": narrative, "updated_by": user}
    if title is not None:
        data["title"] = title
    if block_keys is not None:
        data["block_keys"] = list(block_keys)
    model_update(section, data=data, allowed=SECTION_FIELDS, version=version)
    return section


def _accepted_without(facts, text: str) -> list[dict]:
    return [fact for fact in facts or [] if fact.get("text") != text]


@transaction.atomic
def section_fact_accept(*, section: ReportSection, text: str, reason: str, user=None):
    """Mark a typed fact of the narrative as deliberate; the check then lists
    it as accepted with the reason."""
    text, reason = (text or "").strip(), (reason or "").strip()
    if not text:
        raise ValidationError({"text": gettext("Welche Angabe soll bleiben?")})
    if not reason:
        raise ValidationError(
            {"reason": gettext("Bitte begründen Sie, warum die Angabe getippt bleibt.")}
        )
    locked = ReportSection.objects.select_for_update().get(pk=section.pk)
    locked.accepted_facts = [
        *_accepted_without(locked.accepted_facts, text),
        {
            "text": text[:200],
            "reason": reason[:500],
            "by": user.get_username() if user else "",
            "on": timezone.localdate().isoformat(),
        },
    ]
    locked.full_clean()
    locked.save(update_fields=["accepted_facts", "updated_at"])
    return locked


@transaction.atomic
def section_fact_release(*, section: ReportSection, text: str) -> ReportSection:
    """The fact is checked again."""
    locked = ReportSection.objects.select_for_update().get(pk=section.pk)
    locked.accepted_facts = _accepted_without(locked.accepted_facts, text)
    locked.save(update_fields=["accepted_facts", "updated_at"])
    return locked


@transaction.atomic
def section_create(
    *, edition: ReportEdition, title: str, parent: ReportSection | None = None, user=None
) -> ReportSection:
    """A new section at the end of its parent's children (or of the chapters)."""
    if parent is not None and parent.edition_id != edition.id:
        raise ValidationError(gettext("Der Abschnitt gehört zu einer anderen Ausgabe."))
    siblings = edition.sections.filter(parent=parent)
    last = siblings.order_by("-position").values_list("position", flat=True).first()
    base = slugify(title)[:60] or "abschnitt"
    key, suffix = base, 2
    while edition.sections.filter(key=key).exists():
        key, suffix = f"{base}-{suffix}", suffix + 1
    section = ReportSection(
        edition=edition,
        parent=parent,
        key=key,
        position=0 if last is None else last + 1,
        title=title,
        updated_by=user,
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_move(*, section: ReportSection, up: bool) -> None:
    """Swap places with the previous (up) or next sibling."""
    siblings = list(
        ReportSection.objects.select_for_update()
        .filter(edition_id=section.edition_id, parent_id=section.parent_id)
        .order_by("position", "id")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


@transaction.atomic
def section_delete(*, section: ReportSection) -> None:
    """Removes the section with its sub-sections; numbering follows the tree."""
    section.delete()


# --- Exports ----------------------------------------------------------------
#
# The life cycle (claim, heartbeat, restart of a dead worker's export, no
# second file) is kiallianz/jobs.py's, shared with the contact imports.


class _ReportExportJobs(ExportJobLifecycle):
    model = ReportExport
    name = "Berichtsexport"
    task = "reporting.tasks.run_report_export"
    started_message = gettext_lazy("Export gestartet …")


EXPORT_JOBS = _ReportExportJobs()
STALE_AFTER_MINUTES = EXPORT_JOBS.stale_after_minutes
PENDING_STALE_AFTER_MINUTES = EXPORT_JOBS.pending_stale_after_minutes
MAX_RESTARTS = EXPORT_JOBS.max_restarts
HEARTBEAT_SECONDS = jobs.HEARTBEAT_SECONDS
ExportClaimLostError = jobs.ClaimLostError
TRANSIENT_ERRORS = jobs.TRANSIENT_ERRORS


def transient_failure_message() -> str:
    return gettext(
        "Der Export ist nach mehreren Versuchen an einer vorübergehenden Störung "
        "(Datenbank oder Hintergrunddienst) gescheitert. Bitte versuchen Sie es erneut."
    )


def export_create(
    *,
    edition: ReportEdition,
    format: str,
    user=None,
    as_of: datetime.date | None = None,
    retry_of: ReportExport | None = None,
) -> ReportExport:
    """Store a pending export and hand it to the worker once committed.

    When the broker cannot be reached the export is marked failed with a
    German message (and can be retried); the caller shows its message.
    """
    from reporting.report.exporters import EXPORTERS

    as_of = as_of or edition.as_of
    if as_of < edition.period_start:
        raise ValidationError({"as_of": as_of_error(as_of, edition.period_start)})
    exporter = EXPORTERS.get(format)
    return EXPORT_JOBS.create(
        ReportExport(
            edition=edition,
            format=format,
            content_type=exporter.content_type if exporter else "",
            year=edition.year,
            as_of=as_of,
            created_by=user,
            retry_of=retry_of,
        )
    )


def export_retry(*, export: ReportExport, user=None) -> ReportExport:
    """A failed export is retried as a new export with the same parameters."""
    return export_create(
        edition=export.edition,
        format=export.format,
        user=user,
        as_of=export.as_of,
        retry_of=export,
    )


def export_claim(*, export_id: int, worker: str, now: datetime.datetime | None = None) -> bool:
    return EXPORT_JOBS.claim(pk=export_id, worker=worker, now=now)


def export_progress(
    *, export_id: int, progress: int, message: str, worker: str | None = None
) -> None:
    EXPORT_JOBS.progress(pk=export_id, progress=progress, message=message, worker=worker)


def export_heartbeat(*, export_id: int, worker: str) -> bool:
    return EXPORT_JOBS.heartbeat(pk=export_id, worker=worker)


def export_run(
    *, export_id: int, worker: str | None = None, heartbeat_seconds: float | None = None
) -> ReportExport:
    """Render the export's file once; any failure is recorded, never lost.

    ``worker`` names the claim (the task message); transient database and
    broker errors are raised after releasing the claim, for the task to
    retry with backoff. ``heartbeat_seconds`` starts a heartbeat thread.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    from reporting.report.exporters import get_exporter

    worker = worker or f"local-{uuid.uuid4().hex}"
    if not export_claim(export_id=export_id, worker=worker):
        logger.info(
            "Berichtsexport nicht übernommen (erledigt oder in Arbeit): export_id=%s", export_id
        )
        return ReportExport.objects.get(pk=export_id)
    export = ReportExport.objects.select_related("edition__project").get(pk=export_id)
    beat = EXPORT_JOBS.heartbeat_thread(pk=export_id, worker=worker, seconds=heartbeat_seconds)

    def progress(fraction: float, message: str) -> None:
        if getattr(beat, "lost", False):
            raise ExportClaimLostError(export_id)
        export_progress(
            export_id=export_id, progress=int(fraction * 100), message=message, worker=worker
        )

    try:
        with beat:
            exporter = get_exporter(export.format)
            filename, content_type, content, warnings = exporter.render_with_warnings(
                export.edition, export.as_of, progress=progress
            )
    except ExportClaimLostError:
        logger.warning("Berichtsexport von anderem Auftrag übernommen: export_id=%s", export_id)
        return ReportExport.objects.get(pk=export_id)
    except TRANSIENT_ERRORS as error:
        logger.warning(
            "Berichtsexport: vorübergehender Fehler export_id=%s error=%s",
            export_id,
            type(error).__name__,
        )
        _export_release(export_id=export_id, worker=worker)
        raise
    except SoftTimeLimitExceeded:
        logger.error("Berichtsexport: Zeitlimit überschritten export_id=%s", export_id)
        _export_fail(
            export_id=export_id,
            worker=worker,
            message=gettext(
                "Der Export hat das Zeitlimit überschritten und wurde abgebrochen. Bitte "
                "versuchen Sie es erneut; bleibt der Fehler, wenden Sie sich an die Administration."
            ),
        )
        return ReportExport.objects.get(pk=export_id)
    except Exception as error:
        # Only ids and the error type: exception texts may quote data.
        logger.error(
            "Berichtsexport fehlgeschlagen: export_id=%s format=%s error=%s",
            export_id,
            export.format,
            type(error).__name__,
        )
        logger.debug("Berichtsexport export_id=%s: Verlauf", export_id, exc_info=True)
        _export_fail(
            export_id=export_id,
            worker=worker,
            message=gettext(
                "Der Export ist fehlgeschlagen. Bitte versuchen Sie es erneut; "
                "bleibt der Fehler, wenden Sie sich an die Administration."
            ),
        )
        return ReportExport.objects.get(pk=export_id)
    return _export_finish(
        export_id=export_id,
        worker=worker,
        filename=filename,
        content_type=content_type,
        content=content,
        warnings=warnings,
    )


def _export_release(*, export_id: int, worker: str) -> None:
    EXPORT_JOBS.release(pk=export_id, worker=worker)


def export_fail_transient(*, export_id: int) -> None:
    """The retries are used up: failed with a German message and a retry button."""
    _export_fail(export_id=export_id, message=transient_failure_message())


def export_fail(*, export_id: int, message: str) -> None:
    """Fail a pending or running export (e.g. refused after too many deliveries)."""
    _export_fail(export_id=export_id, message=message)


def _export_finish(
    *,
    export_id: int,
    worker: str,
    filename: str,
    content: bytes,
    warnings: list[str],
    content_type: str = "",
) -> ReportExport:
    with EXPORT_JOBS.finishing(pk=export_id, worker=worker) as export:
        if export is None:  # failed meanwhile (stale, refused) or taken over: no second file
            return ReportExport.objects.get(pk=export_id)
        export.file.save(filename, ContentFile(content), save=False)
        export.content_type = content_type
        export.file_size = len(content)
        export.checksum = hashlib.sha256(content).hexdigest()
        export.warnings = list(warnings)
        EXPORT_JOBS.done(
            export,
            message=gettext("Fertig."),
            fields=["file", "content_type", "file_size", "checksum", "warnings"],
        )
    logger.info("Berichtsexport fertig: export_id=%s bytes=%s", export.id, export.file_size)
    return export


def _export_fail(*, export_id: int, message: str, worker: str | None = None) -> bool:
    return EXPORT_JOBS.fail(pk=export_id, message=message, worker=worker)


def exports_fail_stale(*, now: datetime.datetime | None = None) -> int:
    """Running exports without a heartbeat for STALE_AFTER_MINUTES lost their
    worker (killed, out of memory): started once more, then failed. Pending
    ones that never reached a worker are failed. Both can be retried."""
    return EXPORT_JOBS.fail_stale(now=now)


def export_refresh(*, export: ReportExport, now: datetime.datetime | None = None) -> ReportExport:
    """The export as the user should see it: a stale one is restarted or failed first."""
    return EXPORT_JOBS.refresh(export, now=now)


def exports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Remove exports (file and row) older than the retention period."""
    now = now or timezone.now()
    exports_fail_stale(now=now)
    cutoff = now - datetime.timedelta(days=settings.REPORT_EXPORT_RETENTION_DAYS)
    removed = 0
    for export in ReportExport.objects.filter(created_at__lt=cutoff).exclude(
        status__in=[ReportExport.Status.PENDING, ReportExport.Status.RUNNING]
    ):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    if removed:
        logger.info("Alte Berichtsexporte entfernt: count=%s", removed)
    return removed
