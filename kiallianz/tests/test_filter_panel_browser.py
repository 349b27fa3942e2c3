"""The filter panel in a browser: a drill-down lands with the panel closed and
the first results on screen; the panel opens and closes with the keyboard;
a chip removes its filter; axe finds nothing serious with the panel open."""

import re

import pytest
from playwright.sync_api import expect

from contacts.tests.factories import FirstContactFactory
from kiallianz.tests.test_accessibility_browser import _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_drilldown_shows_results_first_and_the_panel_works_with_the_keyboard(
    request, browser_login, live_server, office_user, region, other_region, viewport
):
    page = request.getfixturevalue(f"{viewport}_page")
    FirstContactFactory.create_batch(3, region=region, organisation__name="Treffer GmbH")
    FirstContactFactory(region=other_region, organisation__name="Andere Region AG")
    browser_login(page, office_user.username)
    page.goto(f"{live_server.url}/contacts/?region={region.pk}&quality_status=new&sort=-date")

    details = page.locator(".filter-panel details")
    summary = details.locator("summary")
    expect(summary).to_be_visible()
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    expect(page.locator("tbody tr").first).to_contain_text("Treffer GmbH")
    expect(page.locator("tbody tr").first).to_be_in_viewport()
    chip = page.get_by_role("link", name="Filter Region: Karlsruhe entfernen")
    expect(chip).to_be_visible()
    expect(page.locator(".filter-chip")).to_have_count(2)

    # Open and close with the keyboard.
    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(page.get_by_label("Region", exact=True)).to_be_visible()
    assert _axe_violations(page) == []
    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    expect(page.get_by_label("Region", exact=True)).to_be_hidden()

    # A chip removes its filter only; the sort stays.
    chip.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?quality_status=new&sort=-date$"))
    expect(page.locator(".filter-chip")).to_have_count(1)
    expect(page.get_by_text("Andere Region AG")).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="alle Filter zurücksetzen").click()
    expect(page).to_have_url(re.compile(r"/contacts/\?sort=-date$"))
    expect(page.locator(".filter-chip")).to_have_count(0)
