"""Export the report with the keyboard alone (issue 16): from the navigation
to the edition, „PDF exportieren“, the progress while the page polls, and the
download link, with Tab and Enter only. The test plays the worker (as in
test_report_browser.py), so no real worker is needed."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kiallianz.tests.keyboard import login_with_keyboard, skip_to_content, tab_to
from reporting.models import ReportExport
from reporting.report import services
from reporting.tests.test_report_browser import queued_tasks  # noqa: F401 - fixture
from reporting.tests.test_report_factories import make_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_staff_export_the_pdf_with_the_keyboard_alone(
    desktop_page,
    live_server,
    office_user,
    queued_tasks,  # noqa: F811
):
    from conftest import TEST_PASSWORD

    edition = make_edition()
    page = desktop_page
    login_with_keyboard(page, live_server.url, office_user.username, TEST_PASSWORD)

    # The navigation's „Berichte“, then the edition in the list.
    tab_to(page, f'nav a.nav-link[href="{reverse("reporting:reports")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    skip_to_content(page)
    tab_to(page, f'main a[href="{reverse("reporting:edition_detail", args=[edition.pk])}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # „Zum Export“ near the top saves tabbing through every section's buttons.
    skip_to_content(page)
    tab_to(page, 'main a[href="#export-heading"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="PDF exportieren")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    export = ReportExport.objects.get()
    card = page.locator(f"#export-{export.pk}")
    # The answer opens at the new export's card, which has the focus.
    expect(card).to_be_focused()
    expect(card).to_have_attribute("data-status", "pending")

    assert services.export_claim(export_id=export.id, worker="keyboard-test")
    services.export_progress(
        export_id=export.id, progress=40, message="Seiten werden gesetzt …", worker="keyboard-test"
    )
    expect(card).to_contain_text("Seiten werden gesetzt …")
    expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "40")

    services.export_run(export_id=export.id, worker="keyboard-test")
    download = card.get_by_role("link", name="Herunterladen")
    expect(download).to_be_visible()
    # The polled card replaced itself and kept the focus: the next Tab is the download.
    expect(card).to_be_focused()
    page.keyboard.press("Tab")
    expect(download).to_be_focused()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.endswith(".pdf")
