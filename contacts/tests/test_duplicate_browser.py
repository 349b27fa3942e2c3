import pytest
from django.urls import reverse

from contacts.models import Organisation
from contacts.services import duplicate_suggestions_refresh
from contacts.tests.factories import FirstContactFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_staff_merge_a_suggested_pair_and_it_leaves_the_suggestions(
    desktop_page, browser_login, live_server, office_user, region
):
    kept = OrganisationFactory(name="Maddox AI", region=region)
    OrganisationFactory(name="Maddox AI GmbH", region=region)
    FirstContactFactory(organisation=kept)
    duplicate_suggestions_refresh()
    page = desktop_page
    browser_login(page, office_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:organisation_list')}")
    page.get_by_role("link", name="Dubletten zusammenführen").click()
    pair = page.locator("#organisation-pairs .duplicate-pair")
    assert pair.count() == 1
    assert "gleicher Name" in pair.inner_text()
    pair.get_by_role("link", name="Zusammenführen").click()
    page.get_by_role("button", name="Zusammenführen").click()
    page.get_by_text("wurde in „Maddox AI“ zusammengeführt").wait_for()
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Maddox AI"]
    page.goto(f"{live_server.url}{reverse('contacts:duplicate_suggestions')}")
    assert page.locator("#organisation-pairs .duplicate-pair").count() == 0
    assert page.locator("#organisation-pairs").get_by_text("Keine wahrscheinlichen").is_visible()


def test_office_staff_dismiss_a_suggested_pair_as_no_duplicate(
    desktop_page, browser_login, live_server, office_user, region
):
    OrganisationFactory(name="Hein AG", region=region)
    OrganisationFactory(name="Heinz GmbH", region=region)
    duplicate_suggestions_refresh()
    page = desktop_page
    browser_login(page, office_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:duplicate_suggestions')}")
    pair = page.locator("#organisation-pairs .duplicate-pair")
    assert "Hein AG" in pair.inner_text() and "ähnlicher Name" in pair.inner_text()
    pair.get_by_role("button", name="keine Dublette").click()
    page.get_by_text("Der Vorschlag wird nicht mehr angezeigt.").wait_for()
    assert page.locator("#organisation-pairs .duplicate-pair").count() == 0
    assert Organisation.objects.count() == 2
