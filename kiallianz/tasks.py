from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task
def ping() -> str:
    """Round trip through the broker; used by the worker test and operators."""
    return "pong"
