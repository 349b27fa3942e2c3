"""Reporting's part in the GDPR lifecycle: stored report files in the
retention register, and their removal when a person is erased."""

import datetime
import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from audit.retention import cutoff_datetime, retention_category
from contacts.extensions import register_erasure_hook
from reporting.models import ReportExport
from reporting.report import services

logger = logging.getLogger(__name__)


def report_files_remove_after_erasure(person_id: int) -> int:
    """A stored report may name the erased person: every finished file goes;
    the report is rendered anew on the next export."""
    removed = 0
    finished = ReportExport.objects.exclude(
        status__in=[ReportExport.Status.PENDING, ReportExport.Status.RUNNING]
    )
    for export in finished:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    logger.info("report exports removed after erasure of person %s: %s", person_id, removed)
    return removed


@retention_category(
    key="report_exports",
    name=_("Berichtsexporte"),
    purpose=_("Bericht an den Fördergeber (Zwischenverwendungsnachweis)"),
    legal_basis=_("Art. 6 Abs. 1 lit. c DSGVO (Nachweispflicht gegenüber dem Fördergeber)"),
    recipients=_("Geschäftsstelle; der Fördergeber erhält den Bericht"),
    source=_("aus den Daten der Anwendung erzeugt"),
    period_setting="REPORT_EXPORT_RETENTION_DAYS",
    period_text=_(
        "Erzeugte Berichtsdateien werden nach Ablauf der Frist gelöscht; nach einer "
        "Anonymisierung sofort."
    ),
    order=60,
)
def _apply_report_exports(today: datetime.date, dry_run: bool) -> int:
    if dry_run:
        cutoff = cutoff_datetime(today, settings.REPORT_EXPORT_RETENTION_DAYS)
        return (
            ReportExport.objects.filter(created_at__lt=cutoff)
            .exclude(status__in=[ReportExport.Status.PENDING, ReportExport.Status.RUNNING])
            .count()
        )
    return services.exports_cleanup(now=cutoff_datetime(today, 0))


def register_reporting_privacy() -> None:
    register_erasure_hook(report_files_remove_after_erasure)
