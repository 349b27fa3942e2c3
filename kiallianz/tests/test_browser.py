import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_community_manager_sees_the_german_dashboard_on_a_phone(
    phone_page, browser_login, live_server, cm_user
):
    browser_login(phone_page, "cm-karlsruhe")
    assert phone_page.locator("h1").inner_text().startswith("Willkommen")
    assert phone_page.locator("html").get_attribute("lang") == "de"
    # On a phone the navigation folds behind the toggler and opens on tap.
    toggler = phone_page.locator(".navbar-toggler")
    assert toggler.is_visible()
    toggler.click()
    overview = phone_page.get_by_role("link", name="Übersicht")
    overview.wait_for(state="visible")
    # Nothing is wider than the screen.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_a_failed_login_shows_a_german_message(phone_page, live_server, cm_user):
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.get_by_label("Benutzername").fill("cm-karlsruhe")
    phone_page.get_by_label("Passwort").fill("falsch")
    phone_page.get_by_role("button", name="Anmelden").click()
    expect(phone_page.get_by_text("Benutzername oder Passwort ist falsch.")).to_be_visible()
