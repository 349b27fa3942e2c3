"""Capture a first contact with the keyboard alone (issue 16): Tab, Enter,
Space, the arrows and typing; no click and no fill. The skip link, the error
summary's links, the organisation search and the quick choices all work
without a mouse."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacts.models import FirstContact
from contacts.tests.factories import OrganisationFactory, PersonFactory
from kiallianz.models import Offer
from kiallianz.tests.keyboard import login_with_keyboard, skip_to_content, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_captures_a_first_contact_with_the_keyboard_alone(
    desktop_page, live_server, cm_user, region
):
    from conftest import TEST_PASSWORD

    Offer.objects.get_or_create(name="KI-Challenge", defaults={"is_active": True})
    organisation = OrganisationFactory(name="Werkzeugbau Durlach GmbH", region=region)
    person = PersonFactory(organisation=organisation, first_name="Jana", last_name="Roth")
    page = desktop_page
    login_with_keyboard(page, live_server.url, cm_user.username, TEST_PASSWORD)

    # From the dashboard: skip the navigation, then its „Erstgespräch erfassen“ button.
    skip_to_content(page)
    tab_to(page, f'a[href="{reverse("contacts:first_contact_create")}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{reverse('contacts:first_contact_create')}")

    # Say what was discussed, then save too early: no organisation yet.
    skip_to_content(page)
    tab_to(page, "#id_content")
    page.keyboard.type("Interesse an der KI-Challenge")
    tab_to(page, "#save-first-contact")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".form-error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    link = summary.get_by_role("link", name="Organisation suchen")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    search = page.get_by_label("Organisation suchen")
    expect(search).to_be_focused()
    expect(search).to_have_attribute("aria-invalid", "true")

    # The search offers matches; the arrow key reaches them, Enter chooses.
    page.keyboard.type("Werkzeug")
    match = page.locator("#org-matches [data-org-id]")
    expect(match).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(match).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#org-chosen")).to_be_focused()
    expect(page.locator("#org-chosen")).to_contain_text("Werkzeugbau Durlach GmbH")

    # The organisation's persons come as checkboxes: Space ticks one.
    box = page.get_by_label("Jana Roth")
    expect(box).to_be_attached()
    tab_to(page, f"#person-choice-{person.pk}")
    page.keyboard.press("Space")
    expect(box).to_be_checked()

    # The typed content survived the round trip; an offer and a follow-up chip.
    expect(page.get_by_label("Besprochene Inhalte")).to_have_value("Interesse an der KI-Challenge")
    offer = page.get_by_label("KI-Challenge", exact=True)
    tab_to(page, f"#{offer.get_attribute('id')}")
    page.keyboard.press("Space")
    expect(offer).to_be_checked()
    tab_to(page, "[data-follow-up-days='7']")
    page.keyboard.press("Enter")
    expect(page.locator("[data-follow-up-days='7']")).to_have_attribute("aria-pressed", "true")

    tab_to(page, "#save-first-contact")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Das Erstgespräch wurde gespeichert.")).to_be_visible()

    first_contact = FirstContact.objects.get()
    assert first_contact.organisation == organisation
    assert list(first_contact.persons.all()) == [person]
    assert first_contact.content == "Interesse an der KI-Challenge"
    assert [o.name for o in first_contact.offers.all()] == ["KI-Challenge"]
    assert first_contact.follow_up_date == timezone.localdate() + datetime.timedelta(days=7)
