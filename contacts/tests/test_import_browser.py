"""The browser import with its progress page, as office staff see it.

Tasks run in a thread as in the embedded mode (`make run`); each job waits
for the test to open its gate, so the progress page is seen for certain.
"""

import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from contacts.models import FirstContact, ImportJob
from contacts.services import imports
from kiallianz.tests.factories import OfficeUserFactory, RegionFactory
from kiallianz.tests.test_accessibility_browser import _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gates(monkeypatch, settings):
    """One gate per mode: a job of that mode starts once its gate is open."""
    settings.EAGER_TASKS_IN_THREAD = True
    opened = {mode: threading.Event() for mode in ImportJob.Mode.values}
    run = imports.import_job_run

    def gated(*, job_id, **kwargs):
        opened[ImportJob.objects.get(pk=job_id).mode].wait(timeout=60)
        return run(job_id=job_id, **kwargs)

    monkeypatch.setattr(imports, "import_job_run", gated)
    yield opened
    for gate in opened.values():  # no thread is left waiting
        gate.set()


def test_office_staff_import_a_csv_with_progress_and_result(
    desktop_page, browser_login, live_server, tmp_path: Path, gates
):
    page = desktop_page
    RegionFactory(name="Karlsruhe", slug="karlsruhe")
    OfficeUserFactory(username="office")
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_bytes(
        "\ufeffFirma;Vorname;Nachname;E-Mail;Datum;Region\n"
        "Müller GmbH;Jürgen;Müller;jm@mueller.de;12.03.2024;Karlsruhe\n"
        "Schäfer AG;;;;01.04.2024;Karlsruhe\n".encode()
    )
    browser_login(page, "office")
    page.goto(f"{live_server.url}/contacts/import/")
    page.get_by_label("Datei").set_input_files(str(csv_file))
    page.get_by_role("button", name="Datei prüfen").click()

    # The request answered at once: the progress page, not a frozen button.
    expect(page.get_by_role("heading", name="Datei wird geprüft")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Fortschritt")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.get_by_role("status")).to_have_text("Wartet auf die Verarbeitung …")
    assert _axe_violations(page) == []
    gates["dry_run"].set()

    expect(page.get_by_text("noch nichts gespeichert")).to_be_visible(timeout=20_000)
    assert FirstContact.objects.count() == 0
    page.get_by_role("button", name="Jetzt importieren").click()

    expect(page.get_by_role("heading", name="Import läuft")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Fortschritt")).to_be_visible()
    gates["import"].set()

    expect(page.get_by_role("heading", name="Import abgeschlossen")).to_be_visible(timeout=20_000)
    expect(page.locator("#import-counts")).to_contain_text("Erstgespräche")
    counts = page.locator("#import-counts").inner_text()
    assert "Erstgespräche\t2\t0\t0" in counts
    assert FirstContact.objects.count() == 2
