"""The UI works under the Content-Security-Policy; 2FA set-up in a browser."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TEST_PASSWORD
from contacts.tests.factories import OrganisationFactory
from kiallianz.tests.factories import OfficeUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_pages_and_their_scripts_work_without_csp_violations(
    desktop_page, browser_login, live_server, office_user, region
):
    OrganisationFactory(name="Musterwerk GmbH", region=region)
    page = desktop_page
    page.add_init_script(WATCH_CSP)
    console = []
    page.on("console", lambda message: console.append(message.text))
    browser_login(page, office_user.username)
    assert violations(page) == []

    # htmx autocomplete and the capture script.
    page.goto(f"{live_server.url}/contacts/new/")
    page.get_by_label("Organisation suchen").fill("Musterw")
    page.locator("#org-matches").get_by_text("Musterwerk GmbH").wait_for()
    page.get_by_label("Neue Organisation anlegen").check()
    assert page.get_by_label("Name der Organisation").is_visible()
    assert violations(page) == []

    # The select-all box in the quality queue.
    page.goto(f"{live_server.url}/contacts/quality/")
    assert violations(page) == []

    # The event form's area toggle and the picker filter box.
    page.goto(f"{live_server.url}/events/new/")
    assert page.locator("input[type=search].form-control-sm").count() >= 1
    assert violations(page) == []

    # The month view keeps its grid styles from app.css.
    page.goto(f"{live_server.url}/events/2024/9/")
    height = page.evaluate("getComputedStyle(document.querySelector('.month-grid td')).height")
    assert float(height.rstrip("px")) >= 90
    assert violations(page) == []

    # The language switch submits on change (data-autosubmit).
    page.goto(f"{live_server.url}/contacts/")
    # Wait for the navigation itself: wait_for_load_state() alone may return
    # on the old, already loaded page before the form is submitted.
    with page.expect_navigation():
        page.locator("#language-select").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations(page) == []
    assert not [text for text in console if "Content Security Policy" in text]


def test_office_staff_set_up_the_second_factor_on_a_phone(phone_page, live_server, settings):
    settings.TWO_FACTOR_REQUIRED = True
    office = OfficeUserFactory(username="gs")
    page = phone_page
    page.add_init_script(WATCH_CSP)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("gs")
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/2fa/setup/**")
    assert page.locator("#totp-qr svg").is_visible()
    device = TOTPDevice.objects.get(user=office)
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Code").fill(token)
    page.get_by_role("button", name="Bestätigen").click()
    assert page.locator("#recovery-codes li").count() == 10
    page.get_by_role("link", name="Ich habe die Codes notiert").click()
    page.wait_for_url(f"{live_server.url}/")
    assert violations(page) == []
