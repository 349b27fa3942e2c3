"""Celery tasks of reporting: take ids, call a service."""

from celery import shared_task
from django.conf import settings

from kiallianz.celery import DeliveryLimitedTask
from reporting.report import services
from reporting.report.exporters import report_locale

# Backoff between the retries after a transient database or broker error.
RETRY_COUNTDOWNS = (10, 60, 180)


class ReportExportTask(DeliveryLimitedTask):
    def on_delivery_limit(self, args, kwargs, reason: str) -> None:
        export_id = args[0] if args else kwargs["export_id"]
        services.export_fail(export_id=export_id, message=reason)


@shared_task(
    bind=True,
    base=ReportExportTask,
    acks_late=True,
    max_retries=len(RETRY_COUNTDOWNS),
    soft_time_limit=settings.REPORT_EXPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_EXPORT_TIME_LIMIT,
)
def run_report_export(self, export_id: int) -> int:
    retries = self.request.retries or 0
    heartbeat = None if self.request.is_eager else services.HEARTBEAT_SECONDS
    while True:
        # One claim per try: a retry takes the export back from pending, a
        # redelivered copy of the same try finds it claimed and does nothing.
        worker = f"{self.request.id}:{retries}"
        try:
            with report_locale():
                services.export_run(export_id=export_id, worker=worker, heartbeat_seconds=heartbeat)
        except services.TRANSIENT_ERRORS as error:
            if retries >= self.max_retries:
                services.export_fail_transient(export_id=export_id)
                return export_id
            if not self.request.is_eager:
                raise self.retry(exc=error, countdown=RETRY_COUNTDOWNS[retries]) from error
            retries += 1  # in-process there is no broker to wait on: again at once
            continue
        return export_id


@shared_task
def fail_stale_report_exports() -> int:
    """Every minute: exports whose worker stopped beating are restarted once, then failed."""
    return services.exports_fail_stale()


@shared_task
def cleanup_report_exports() -> int:
    return services.exports_cleanup()
