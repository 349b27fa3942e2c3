"""The „Verlauf“ opens in place on a record page (htmx, no inline script)."""

import pytest
from django.urls import reverse

from contacts.services import person_update
from contacts.tests.factories import PersonFactory
from kiallianz.history import history_actor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_history_opens_on_the_person_page(phone_page, browser_login, live_server, cm_user):
    person = PersonFactory(last_name="Vorher")
    with history_actor(user=cm_user):
        person_update(person=person, version=person.version, last_name="Nachher")
    violations = []
    phone_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_login(phone_page, cm_user.username)
    phone_page.goto(f"{live_server.url}{reverse('contacts:person_detail', args=[person.pk])}")
    phone_page.get_by_text("Verlauf", exact=True).click()
    entries = phone_page.locator(".history-entries")
    entries.wait_for()
    assert "Vorher" in entries.inner_text() and "Nachher" in entries.inner_text()
    assert violations == []
