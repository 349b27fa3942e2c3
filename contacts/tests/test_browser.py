import pytest
from django.urls import reverse

from contacts.models import FirstContact
from contacts.tests.factories import OrganisationFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_logs_a_first_contact_with_a_new_organisation_on_a_phone(
    phone_page, browser_login, live_server, cm_user, region
):
    # A similar organisation exists, so the duplicate check has something to say.
    OrganisationFactory(name="Schwarzwald Robotik AG", region=region)
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_label("Organisation suchen").fill("Schwarzwald")
    page.locator("[data-org-id]").first.wait_for()  # the autocomplete answers
    page.get_by_label("Neue Organisation anlegen").check()
    page.get_by_label("Name der Organisation").fill("Schwarzwald Robotic GmbH")
    page.locator("#org-dup-hint").get_by_text("Schwarzwald Robotik AG").wait_for()
    page.get_by_label("Ort").fill("Freudenstadt")
    page.get_by_label("Nachname").fill("Beispiel")
    page.get_by_label("E-Mail").fill("kim.beispiel@example.org")
    page.get_by_label("Besprochene Inhalte").fill("Interesse an der KI-Challenge")
    page.locator("#capture-more > summary").click()  # the rarer fields are folded
    page.get_by_label("Speaker:in").check()
    page.get_by_role("button", name="Speichern").click()

    page.get_by_text("Mögliche Dubletten").wait_for()
    page.get_by_role("button", name="Trotzdem neu anlegen und speichern").click()
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()
    fc = FirstContact.objects.get()
    assert fc.organisation.name == "Schwarzwald Robotic GmbH"
    assert fc.community_manager == cm_user and fc.region == region

    page.goto(f"{live_server.url}{reverse('contacts:index')}?q=Robotic")
    page.get_by_role("link", name="Schwarzwald Robotic GmbH").wait_for()


def test_a_manager_picks_the_existing_organisation_from_the_duplicate_hint(
    phone_page, browser_login, live_server, cm_user, region
):
    existing = OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    page.get_by_label("Neue Organisation anlegen").check()
    page.get_by_label("Name der Organisation").fill("Koch Freiburg")
    page.locator("#org-dup-hint").get_by_role("button", name="Diese verwenden").click()
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()
    assert FirstContact.objects.get().organisation == existing


def test_a_manager_picks_a_known_person_by_search(
    phone_page, browser_login, live_server, cm_user, region
):
    organisation = OrganisationFactory(name="Maddox AI GmbH", region=region)
    person = PersonFactory(first_name="Kim", last_name="Beispiel", organisation=None)
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(
        f"{live_server.url}{reverse('contacts:first_contact_create')}?organisation={organisation.pk}"
    )
    page.locator(".capture-more-persons > summary").click()
    page.get_by_label("Bekannte Person suchen").fill("Beispiel")
    page.locator("[data-person-id]").first.click()
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()
    fc = FirstContact.objects.get()
    assert fc.organisation == organisation
    assert list(fc.persons.all()) == [person]
