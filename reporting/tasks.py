"""Celery tasks of reporting: take ids, call a service."""

from celery import shared_task

from reporting.report import services
from reporting.report.exporters import report_locale


@shared_task(acks_late=True)
def run_report_export(export_id: int) -> int:
    with report_locale():
        services.export_run(export_id=export_id)
    return export_id


@shared_task
def cleanup_report_exports() -> int:
    return services.exports_cleanup()
