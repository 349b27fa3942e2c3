"""In the embedded mode a task enqueued by a request runs in a thread: the
request answers at once and the page polls the progress."""

from unittest import mock

import pytest
from django.db import connection

from kiallianz import celery as background
from reporting.models import ReportExport
from reporting.report import services
from reporting.tests.test_report_factories import make_edition


class RecordedThread:
    """Stands in for threading.Thread: runs only when the test says so."""

    started: list["RecordedThread"] = []

    def __init__(self, target, args, daemon):
        self.target, self.args, self.daemon = target, args, daemon

    def start(self):
        RecordedThread.started.append(self)

    def run_now(self):
        # A real thread closes its own connection; here it is the test's.
        with mock.patch.object(connection, "close"):
            self.target(*self.args)


@pytest.fixture
def recorded_threads(monkeypatch):
    RecordedThread.started = []
    monkeypatch.setattr(background, "Thread", RecordedThread)
    return RecordedThread.started


@pytest.mark.django_db
def test_an_in_process_export_answers_at_once_and_finishes_in_its_thread(
    settings, recorded_threads, django_capture_on_commit_callbacks
):
    settings.EAGER_TASKS_IN_THREAD = True
    with django_capture_on_commit_callbacks(execute=True):
        export = services.export_create(edition=make_edition(), format="xlsx")

    # The request is answered with the export still waiting: the page polls.
    assert export.status == ReportExport.Status.PENDING
    assert len(recorded_threads) == 1 and recorded_threads[0].daemon is True

    recorded_threads[0].run_now()
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE


@pytest.mark.django_db
def test_without_the_thread_the_task_runs_inside_the_request(settings, recorded_threads):
    settings.EAGER_TASKS_IN_THREAD = False
    export = services.export_create(edition=make_edition(), format="xlsx")
    from reporting.tasks import run_report_export

    assert background.enqueue(run_report_export, export.id)
    export.refresh_from_db()
    assert export.status == ReportExport.Status.DONE and recorded_threads == []
