"""Celery tasks of reporting: take ids, call a service."""

from celery import shared_task
from django.conf import settings

from kiallianz.jobs import job_task, run_job_task
from reporting.report import services
from reporting.report.exporters import report_locale


@job_task(
    lifecycle="reporting.report.services:EXPORT_JOBS",
    soft_time_limit=settings.REPORT_EXPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_EXPORT_TIME_LIMIT,
)
def run_report_export(self, export_id: int) -> int:
    def run(worker: str, heartbeat: float | None) -> None:
        with report_locale():
            services.export_run(export_id=export_id, worker=worker, heartbeat_seconds=heartbeat)

    run_job_task(self, run, lambda: services.export_fail_transient(export_id=export_id))
    return export_id


@shared_task
def cleanup_report_exports() -> int:
    return services.exports_cleanup()
