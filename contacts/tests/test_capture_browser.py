"""The capture screen on a 390×844 phone: the fast path's taps, a card photo
pre-filling the form, and the offline round trip."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacts.models import FirstContact, Person
from contacts.tests.card_images import generate_cards, ocr_or_skip
from contacts.tests.factories import OrganisationFactory
from kiallianz.models import Offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Interactions:
    """Counts what the manager does: taps and typed fields."""

    def __init__(self, page):
        self.page = page
        self.taps = 0
        self.typed = 0

    def tap(self, locator):
        locator.click()
        self.taps += 1

    def type(self, locator, text):
        locator.fill(text)  # focusing the field is part of typing into it
        self.typed += 1


def test_a_new_organisation_person_offer_and_follow_up_in_few_taps(
    phone_page, browser_login, live_server, cm_user, region
):
    Offer.objects.get_or_create(name="KI-Challenge", defaults={"is_active": True})
    page = phone_page
    browser_login(page, cm_user.username)
    do = Interactions(page)
    do.tap(page.get_by_role("link", name="Erstgespräch erfassen"))  # dashboard button
    page.wait_for_url("**/contacts/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    do.type(page.get_by_label("Organisation suchen"), "Remstal Robotik GmbH")
    do.tap(page.get_by_label("Neue Organisation anlegen"))
    assert page.get_by_label("Name der Organisation").input_value() == "Remstal Robotik GmbH"
    do.type(page.get_by_label("Vorname"), "Lea")
    do.type(page.get_by_label("Nachname"), "Brandt")
    do.type(page.get_by_label("E-Mail"), "lea.brandt@remstal-robotik.example")
    do.type(page.get_by_label("Besprochene Inhalte"), "Interesse an der KI-Challenge")
    do.tap(page.get_by_label("KI-Challenge", exact=True))
    do.tap(page.get_by_role("button", name="in 2 Wochen"))
    save = page.get_by_role("button", name="Speichern")
    # The save bar stays in reach without scrolling down.
    box = save.bounding_box()
    assert box["y"] + box["height"] <= 844 and box["height"] >= 44
    do.tap(save)
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()

    assert do.taps <= 10 and do.typed <= 6, (do.taps, do.typed)
    fc = FirstContact.objects.get()
    assert fc.organisation.name == "Remstal Robotik GmbH"
    assert [p.email for p in fc.persons.all()] == ["lea.brandt@remstal-robotik.example"]
    assert [o.name for o in fc.offers.all()] == ["KI-Challenge"]
    assert fc.follow_up_date == timezone.localdate() + datetime.timedelta(days=14)


def test_checkboxes_and_buttons_are_big_enough_to_tap(
    phone_page, browser_login, live_server, cm_user, region
):
    Offer.objects.get_or_create(name="KI-Challenge", defaults={"is_active": True})
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    for locator in (
        page.get_by_label("KI-Challenge", exact=True).locator(".."),
        page.get_by_label("Neue Organisation anlegen").locator(".."),
        page.get_by_role("button", name="in 1 Woche"),
        page.get_by_role("button", name="Speichern"),
    ):
        assert locator.bounding_box()["height"] >= 44


def test_a_card_photo_prefills_the_capture(
    phone_page, browser_login, live_server, cm_user, region, tmp_path
):
    ocr_or_skip()
    card = generate_cards(1, seed=11)[0]
    photo = tmp_path / "karte.png"
    photo.write_bytes(card.png())
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    page.locator("#card-photo").set_input_files(str(photo))
    page.get_by_text("Bitte die übernommenen Angaben prüfen.").wait_for()

    assert page.get_by_label("Name der Organisation").input_value() == card.fields.organisation
    assert page.get_by_label("Vorname").input_value() == card.fields.first_name
    assert page.get_by_label("Nachname").input_value() == card.fields.last_name
    assert page.get_by_label("E-Mail").input_value() == card.fields.email
    assert page.get_by_label("Telefon").input_value() == card.fields.phone
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()
    person = Person.objects.get()
    assert (person.email, person.phone) == (card.fields.email, card.fields.phone)


def test_a_bad_file_gets_a_german_message(
    phone_page, browser_login, live_server, cm_user, region, tmp_path
):
    bad = tmp_path / "karte.vcf"
    bad.write_text("kein vCard-Inhalt")
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    page.locator("#card-vcard").set_input_files(str(bad))
    page.get_by_text("Die vCard-Datei ist beschädigt oder leer.").wait_for()
    assert not Person.objects.exists()


def test_offline_captures_are_kept_and_sent_once_when_online(
    phone_page, browser_login, live_server, cm_user, region
):
    OrganisationFactory(name="Bestand Robotik GmbH", region=region)
    page = phone_page
    browser_login(page, cm_user.username)
    url = f"{live_server.url}{reverse('contacts:first_contact_create')}"
    page.goto(url)
    # The service worker has cached the capture page for the way offline.
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    # A new organisation …
    page.get_by_label("Neue Organisation anlegen").check()
    page.get_by_label("Name der Organisation").fill("Offline Eins GmbH")
    page.get_by_label("Nachname").fill("Messe")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Ohne Netz gespeichert").wait_for()
    # … and a known one, found in the cached reference list.
    page.get_by_label("Organisation suchen").fill("Bestand")
    page.locator("#org-matches [data-org-id]").first.click()
    page.get_by_label("Nachname").fill("Messe")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#capture-queue")).to_have_attribute("data-pending", "2")

    page.reload()  # the queue survives: it is in IndexedDB, the page in the cache
    expect(page.locator("#capture-queue")).to_have_attribute("data-pending", "2")
    assert FirstContact.objects.count() == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#capture-queue")).to_have_attribute("data-pending", "0")
    assert sorted(FirstContact.objects.values_list("organisation__name", flat=True)) == [
        "Bestand Robotik GmbH",
        "Offline Eins GmbH",
    ]
    # Sending again (a second tab, a flaky reconnect) creates nothing new.
    page.reload()
    expect(page.locator("#capture-queue")).to_have_attribute("data-pending", "0")
    assert FirstContact.objects.count() == 2


def test_a_refused_capture_lands_in_not_sent_with_its_reason(
    phone_page, browser_login, live_server, cm_user, region
):
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    page.context.set_offline(True)
    page.get_by_label("Neue Organisation anlegen").check()
    page.get_by_label("Name der Organisation").fill("Falsche Nummer GmbH")
    page.get_by_label("Nachname").fill("Messe")
    page.get_by_label("Telefon").fill("12345")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Ohne Netz gespeichert").wait_for()
    page.context.set_offline(False)  # back online: the queue sends by itself
    page.get_by_text("Nicht übertragen").wait_for()
    page.get_by_text("keine gültige Telefonnummer").wait_for()
    assert FirstContact.objects.count() == 0
    page.get_by_role("button", name="Bearbeiten").click()
    assert page.get_by_label("Name der Organisation").input_value() == "Falsche Nummer GmbH"
    page.get_by_label("Telefon").fill("0721 123456")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Das Erstgespräch wurde gespeichert.").wait_for()
    assert FirstContact.objects.count() == 1


def test_a_vcf_with_two_cards_offers_a_person_per_card(
    phone_page, browser_login, live_server, cm_user, region, tmp_path
):
    from contacts.tests.test_cards import VCARDS

    vcf = tmp_path / "kontakte.vcf"
    vcf.write_text(VCARDS)
    page = phone_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}{reverse('contacts:first_contact_create')}")
    page.locator("#card-vcard").set_input_files(str(vcf))
    page.get_by_role("button", name="Person übernehmen: Jonas Keller").click()
    page.get_by_role("button", name="Person übernehmen: Lea Brandt").click()
    assert page.locator("#id_person-0-last_name").input_value() == "Keller"
    assert page.locator("#id_person-1-last_name").input_value() == "Brandt"
    assert page.locator("#id_person-1-phone").input_value() == "+49 1512 3456789"
