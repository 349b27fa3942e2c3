"""The section editor's picker inserts live values and blocks at the cursor."""

import pytest

from reporting.tests.test_report_factories import make_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_inserts_a_value_and_a_block_and_sees_them_resolved(
    desktop_page, browser_login, live_server, office_user
):
    edition = make_edition()
    section = edition.sections.get(key="introduction")
    page = desktop_page
    browser_login(page, "office")
    page.goto(f"{live_server.url}/reports/sections/{section.pk}/edit/")
    area = page.locator("#id_narrative")
    area.fill("Stand: ")
    area.press("End")
    page.locator(".value-sheet").get_by_role("button", name="stichtag", exact=True).click()
    page.locator(".block-sheet").get_by_role("button", name="meetings", exact=True).click()
    assert area.input_value() == "Stand: [[wert:stichtag]]\n[[block:meetings]]\n"
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/reports/{edition.pk}/preview/**")
    intro = page.locator("#sec-introduction").locator("xpath=..")
    assert "Stand: 19. Februar 2025" in intro.inner_text()
    assert "[[" not in intro.inner_text()
