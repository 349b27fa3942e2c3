# Celery autodiscovers <app>.tasks; the report's tasks live in their package.
from reporting.report.tasks import cleanup_report_exports, run_report_export  # noqa: F401
