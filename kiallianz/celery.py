"""The Celery app. Tasks run in-process unless CELERY_BROKER_URL is set.

Every task counts its deliveries: with late acknowledgement a message whose
worker died is delivered again, and a task that kills its worker would come
back forever. After MAX_DELIVERIES the message is refused, marked failed
with a German reason and acknowledged.
"""

import datetime
import logging
import os
from threading import Thread

from celery import Celery, Task, signals
from django.conf import settings
from django.utils.translation import gettext

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kiallianz.settings")

logger = logging.getLogger(__name__)

MAX_DELIVERIES = 3
DELIVERY_RECORDS_KEPT_DAYS = 7


class DeliveryLimitExceededError(Exception):
    """The message was delivered more often than MAX_DELIVERIES."""


def delivery_limit_reason() -> str:
    return gettext(
        "Die Aufgabe wurde %(count)s-mal begonnen, ohne zu Ende zu kommen (der "
        "Hintergrunddienst brach jedes Mal ab). Sie wird nicht erneut ausgeführt."
    ) % {"count": MAX_DELIVERIES}


def delivery_record(*, task_id: str, retries: int, task_name: str) -> int:
    """Count one delivery of a message; returns how often it arrived.

    A retry (self.retry) is a new message under the same id, so the retry
    number is part of the key: only redeliveries of one message add up.
    """
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from kiallianz.models import TaskDelivery

    key = f"{task_id}:{retries}"[:200]
    updated = TaskDelivery.objects.filter(key=key).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                TaskDelivery.objects.create(key=key, task_name=task_name[:200], count=1)
        except IntegrityError:  # a parallel delivery created it first
            TaskDelivery.objects.filter(key=key).update(count=F("count") + 1)
    return TaskDelivery.objects.filter(key=key).values_list("count", flat=True).get()


def deliveries_cleanup(*, now: datetime.datetime | None = None) -> int:
    from django.utils import timezone

    from kiallianz.models import TaskDelivery

    cutoff = (now or timezone.now()) - datetime.timedelta(days=DELIVERY_RECORDS_KEPT_DAYS)
    deleted, _ = TaskDelivery.objects.filter(first_delivered_at__lt=cutoff).delete()
    return deleted


class DeliveryLimitedTask(Task):
    """Base of every task: refuses a message after MAX_DELIVERIES deliveries.

    Tasks that own a record (an export) override on_delivery_limit to mark it
    failed so the user sees the reason and a retry button.
    """

    max_deliveries = MAX_DELIVERIES

    def __call__(self, *args, **kwargs):
        request = self.request
        # In-process (eager) runs are never redelivered: nothing to count.
        if request.id and not request.called_directly and not request.is_eager:
            count = delivery_record(
                task_id=request.id, retries=request.retries or 0, task_name=self.name
            )
            if count > self.max_deliveries:
                reason = delivery_limit_reason()
                logger.error(
                    "Aufgabe zu oft zugestellt, abgelehnt: task=%s id=%s deliveries=%s",
                    self.name,
                    request.id,
                    count,
                )
                self.on_delivery_limit(args, kwargs, reason)
                raise DeliveryLimitExceededError(reason)
        return super().__call__(*args, **kwargs)

    def on_delivery_limit(self, args, kwargs, reason: str) -> None:
        """Hook: record the refusal on the task's own record."""


app = Celery("kiallianz", task_cls=DeliveryLimitedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_incomplete_configuration(**kwargs) -> None:
    """A worker or beat sends mail and writes data: without the production
    variables (DEBUG off) it does not start. SystemExit, because Celery logs
    and swallows ordinary exceptions raised by signal handlers."""
    from kiallianz.config import ConfigurationError, require_production_configuration

    try:
        require_production_configuration()
    except ConfigurationError as error:
        raise SystemExit(f"Konfigurationsfehler: {error}") from None


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError as BrokerError

    errors: tuple[type[BaseException], ...] = (BrokerError, OSError, TimeoutError)
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a requirement
        return errors
    return (*errors, RedisConnectionError, RedisTimeoutError)


BROKER_ERRORS = _broker_errors()


def _run_in_thread(task, args, kwargs) -> None:
    from django.db import connection

    try:
        task.apply(args=args, kwargs=kwargs)
    except Exception as error:  # the task records its own failures; this is a last resort
        logger.error(
            "Aufgabe im Prozess fehlgeschlagen: task=%s error=%s", task.name, type(error).__name__
        )
    finally:
        connection.close()


def enqueue(task, *args, **kwargs) -> bool:
    """Hand a task to the broker; False (logged) when the broker is down.

    The broker clients have short connect and socket timeouts (settings), so
    a request that enqueues answers within seconds and can tell the user in
    German instead of hanging and ending in a 500. In-process (eager) mode
    runs the task here, and its errors are the task's own.
    """
    if task.app.conf.task_always_eager:
        if getattr(settings, "EAGER_TASKS_IN_THREAD", False):
            # Embedded mode: the request answers at once and the page polls
            # the progress, instead of a frozen button for the whole render.
            Thread(target=_run_in_thread, args=(task, args, kwargs), daemon=True).start()
        else:
            task.apply_async(args=args, kwargs=kwargs)
        return True
    try:
        # Nobody waits for the result: without ignore_result the Redis result
        # backend would subscribe first and fail on its own when Redis is down.
        task.apply_async(args=args, kwargs=kwargs, ignore_result=True)
    except BROKER_ERRORS as error:
        logger.error(
            "Hintergrunddienst nicht erreichbar: task=%s error=%s", task.name, type(error).__name__
        )
        return False
    return True
