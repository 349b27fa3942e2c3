from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task
def ping() -> str:
    """Round trip through the broker; used by the worker test and operators."""
    return "pong"


@shared_task
def clear_task_deliveries() -> int:
    """Forget delivery counts of messages older than a week."""
    from kiallianz.celery import deliveries_cleanup

    return deliveries_cleanup()


@shared_task
def fail_stale_jobs() -> int:
    """Every minute: background jobs whose worker died (kiallianz/jobs.py)."""
    from kiallianz.jobs import fail_stale_jobs as sweep

    return sweep()
