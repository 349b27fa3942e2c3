"""Visible keyboard focus (issue 16): on the main pages every Tab stop shows
a solid outline of at least 2px that reaches 3:1 against the colour behind
it (static/css/app.css)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kiallianz.tests.keyboard import focus_problems, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "reporting:dashboard",
    "contacts:first_contact_create",
    "contacts:index",
    "events:index",
    "partners:index",
]


@pytest.mark.parametrize(
    ("screen", "name"),
    [("desktop_page", name) for name in PAGES] + [("phone_page", "contacts:first_contact_create")],
)
def test_every_tab_stop_shows_a_clear_outline(
    request, browser_login, live_server, cm_user, screen, name
):
    page = request.getfixturevalue(screen)
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse(name)}")
    problems = focus_problems(page, stops=45)
    assert not problems, "\n".join(problems)


def test_the_focus_outline_on_the_blue_navigation_is_white(
    desktop_page, browser_login, live_server, cm_user
):
    browser_login(desktop_page, cm_user.username)
    # Tab 1 is the skip link, tab 2 the brand in the navigation.
    desktop_page.keyboard.press("Tab")
    desktop_page.keyboard.press("Tab")
    brand = desktop_page.locator(".navbar-brand")
    assert brand.evaluate("el => el === document.activeElement")
    assert brand.evaluate("el => getComputedStyle(el).outlineColor") == "rgb(255, 255, 255)"
    assert brand.evaluate("el => getComputedStyle(el).outlineWidth") == "3px"


def test_arrow_keys_on_an_autosubmit_select_wait_for_enter(
    desktop_page, browser_login, live_server, cm_user
):
    """The footer's language select sends its form on Enter, not at the first
    arrow key: stepping through the options must not leave the page."""
    page = desktop_page
    browser_login(page, cm_user.username)
    tab_to(page, "#language-select", limit=200)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.keyboard.press("ArrowDown")
    expect(page.locator("#language-select")).to_have_value("en")
    page.wait_for_timeout(1500)  # the old behaviour submitted at once
    assert navigations == []
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
