"""The Celery configuration matches the failure modes it must survive."""

from django.conf import settings

from kiallianz.celery import MAX_DELIVERIES, DeliveryLimitedTask, app
from reporting.tasks import run_report_export


def test_every_task_has_time_limits_and_the_report_the_longest():
    assert (settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT) == (120, 180)
    assert (run_report_export.soft_time_limit, run_report_export.time_limit) == (600, 720)


def test_the_visibility_timeout_is_above_the_longest_hard_limit():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility == 15 * 60 > run_report_export.time_limit > settings.CELERY_TASK_TIME_LIMIT


def test_pool_processes_are_recycled_by_memory_and_task_count():
    assert app.conf.worker_max_memory_per_child == 600 * 1024
    assert app.conf.worker_max_tasks_per_child == 50


def test_messages_are_acknowledged_late_and_failures_are_not_redelivered():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.task_acks_on_failure_or_timeout is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_every_task_counts_its_deliveries():
    assert MAX_DELIVERIES == 3
    assert isinstance(run_report_export, DeliveryLimitedTask)
    assert all(
        isinstance(task, DeliveryLimitedTask)
        for name, task in app.tasks.items()
        if not name.startswith("celery.")
    )


def test_broker_and_result_clients_give_up_within_seconds():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["socket_connect_timeout"] == 1 and options["socket_timeout"] == 2
    assert settings.CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS == {
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
    }
    assert app.conf.redis_socket_connect_timeout == 1 and app.conf.redis_socket_timeout == 2
    assert app.conf.broker_connection_timeout == 1
    assert app.conf.task_publish_retry_policy["max_retries"] == 1


def test_beat_keeps_its_schedule_outside_the_code_folder():
    assert not settings.CELERY_BEAT_SCHEDULE_FILENAME.startswith(str(settings.BASE_DIR))
