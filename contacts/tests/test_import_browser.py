from pathlib import Path

import pytest

from contacts.models import FirstContact
from kiallianz.tests.factories import OfficeUserFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_staff_import_a_csv_through_the_browser(
    desktop_page, browser_login, live_server, tmp_path: Path
):
    RegionFactory(name="Karlsruhe", slug="karlsruhe")
    OfficeUserFactory(username="office")
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_bytes(
        "\ufeffFirma;Vorname;Nachname;E-Mail;Datum;Region\n"
        "Müller GmbH;Jürgen;Müller;jm@mueller.de;12.03.2024;Karlsruhe\n"
        "Schäfer AG;;;;01.04.2024;Karlsruhe\n".encode()
    )
    browser_login(desktop_page, "office")
    desktop_page.goto(f"{live_server.url}/contacts/import/")
    desktop_page.get_by_label("Datei").set_input_files(str(csv_file))
    desktop_page.get_by_role("button", name="Datei prüfen").click()
    desktop_page.get_by_text("noch nichts gespeichert").wait_for()
    assert FirstContact.objects.count() == 0
    desktop_page.get_by_role("button", name="Jetzt importieren").click()
    desktop_page.get_by_text("Import abgeschlossen").first.wait_for()
    counts = desktop_page.locator("#import-counts").inner_text()
    assert "Erstgespräche\t2\t0\t0" in counts
    assert FirstContact.objects.count() == 2
