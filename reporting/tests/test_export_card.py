"""The export card on the edition page (issue 16, defect 6): under the
embedded default the button answers at once and the card shows the state
while it polls; the checksum is folded away in a details line."""

import pytest
from django.urls import reverse

from kiallianz import celery as background
from kiallianz.tests.test_enqueue import RecordedThread
from reporting.models import ReportExport
from reporting.tests.test_report_factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(monkeypatch, settings):
    """The embedded default: tasks run in a thread that the test starts."""
    settings.EAGER_TASKS_IN_THREAD = True
    RecordedThread.started = []
    monkeypatch.setattr(background, "Thread", RecordedThread)
    return RecordedThread.started


def test_the_button_answers_at_once_and_the_card_polls_with_visible_state(
    office_client, threads, django_capture_on_commit_callbacks
):
    edition = make_edition()
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(
            reverse("reporting:export_create", args=[edition.pk]), {"format": "xlsx"}
        )
    export = ReportExport.objects.get()
    # Answered before the task ran: the task waits in its thread.
    assert response.status_code == 302
    assert response.url.endswith(f"#export-{export.pk}")
    assert export.status == ReportExport.Status.PENDING and len(threads) == 1

    page = office_client.get(reverse("reporting:edition_detail", args=[edition.pk])).text
    card = page[page.index(f'id="export-{export.pk}"') :]
    card = card[: card.index("</form>")] if "</form>" in card else card
    assert 'data-status="pending"' in card
    assert f'hx-get="{reverse("reporting:export_status", args=[export.pk])}"' in card
    assert 'hx-trigger="every 1s"' in card
    assert 'role="progressbar"' in card and 'aria-valuenow="0"' in card
    assert "Wartet auf die Verarbeitung …" in card

    threads[0].run_now()
    fragment = office_client.get(reverse("reporting:export_status", args=[export.pk])).text
    assert 'data-status="done"' in fragment and "hx-trigger" not in fragment
    assert "Herunterladen" in fragment


def test_the_checksum_sits_in_a_folded_details_line(
    office_client, threads, django_capture_on_commit_callbacks
):
    edition = make_edition()
    with django_capture_on_commit_callbacks(execute=True):
        office_client.post(
            reverse("reporting:export_create", args=[edition.pk]), {"format": "xlsx"}
        )
    export = ReportExport.objects.get()
    threads[0].run_now()
    export.refresh_from_db()
    fragment = office_client.get(reverse("reporting:export_status", args=[export.pk])).text
    details = fragment[fragment.index("<details") : fragment.index("</details>")]
    assert 'class="small text-muted mt-1 export-checksum"' in details
    assert "<summary>Prüfsumme</summary>" in details
    assert export.checksum in details
    # Not prominent: no monospace <code> and the hash appears only inside the details.
    assert "<code" not in fragment
    assert fragment.count(export.checksum) == 1
