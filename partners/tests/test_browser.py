import pytest

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from partners.models import Partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_cm_records_a_partner_on_a_phone(phone_page, browser_login, live_server, cm_user):
    region = cm_user.regions.get()
    OrganisationFactory(name="Maddox AI GmbH", region=region)
    OrganisationFactory(
        name="Mitglied Beispiel GmbH",
        region=region,
        membership_status=Organisation.MembershipStatus.MEMBER,
    )
    page = phone_page
    browser_login(page, cm_user.username)

    page.goto(f"{live_server.url}/partners/new/")
    page.get_by_label("Organisation suchen").fill("beispiel")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_text("Mitglied Beispiel GmbH").click()
    assert "kann deshalb nicht Partner:in sein" in page.locator(".alert-danger").inner_text()

    page.get_by_role("link", name="Andere Organisation wählen").click()
    page.get_by_label("Organisation suchen").fill("maddox")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_text("Maddox AI GmbH").click()
    page.get_by_label("Partner:in seit").fill("2024-05-13")
    page.get_by_label("Kategorie").select_option("company")
    page.get_by_label("Karlsruhe").check()
    page.get_by_label("Bringt Expertise ein").check()
    page.get_by_role("button", name="Speichern").click()

    page.wait_for_url(f"{live_server.url}/partners/*/")
    assert "seit 13. Mai 2024 (aktiv)" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    partner = Partner.objects.get()
    assert partner.organisation.name == "Maddox AI GmbH" and partner.brings_expertise
    assert not Partner.objects.filter(organisation__name__startswith="Mitglied").exists()
