"""The main pages of contacts, partners and events fit a 390 px phone screen.

Partners sit on top of events and contacts (see the README), so this one
walk through all three apps lives here.
"""

import datetime

import pytest

from contacts.tests.factories import FirstContactFactory, PersonFactory
from events.models import EventPhoto
from events.tests.factories import EventFactory
from partners.tests.factories import PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# German compound words are long; a heading with one must wrap, not widen the page.
LONG_NAME = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft mbH"
PHONE_WIDTH = 390


def test_main_pages_do_not_scroll_sideways_on_a_phone(
    phone_page, browser_login, live_server, cm_user
):
    region = cm_user.regions.get()
    today = datetime.date.today()
    contact = FirstContactFactory(
        organisation__name=LONG_NAME,
        organisation__region=region,
        region=region,
        community_manager=cm_user,
        date=today,
        follow_up_date=today,
        follow_up_note="Unterlagen zur KI-Challenge schicken",
    )
    person = PersonFactory(organisation=contact.organisation, last_name="Mustermann-Beispielhaft")
    contact.persons.add(person)
    partner = PartnerFactory(organisation=contact.organisation, regions=[region])
    event = EventFactory(
        region=region,
        title=f"KI-Night mit der {LONG_NAME}",
        start_date=today,
        end_date=today,
        is_public=True,
    )
    event.co_organisers.add(contact.organisation)
    EventPhoto.objects.create(event=event, image="events/photos/x.png", caption="Publikum")

    page = phone_page
    browser_login(page, cm_user.username)
    paths = [
        "/contacts/",
        "/contacts/new/",
        f"/contacts/{contact.pk}/",
        "/contacts/follow-ups/",
        "/contacts/organisations/",
        f"/contacts/organisations/{contact.organisation_id}/",
        "/contacts/persons/",
        f"/contacts/persons/{person.pk}/",
        "/partners/",
        f"/partners/{partner.pk}/",
        "/partners/new/",
        "/events/",
        f"/events/{today.year}/{today.month}/",
        f"/events/{event.pk}/",
        "/events/new/",
    ]
    too_wide = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[path] = width
    assert too_wide == {}
