import pytest
from PIL import Image

from contacts.tests.factories import OrganisationFactory
from events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_community_manager_creates_an_event_with_a_photo_on_a_phone(
    phone_page, browser_login, live_server, cm_user, tmp_path
):
    photo = tmp_path / "buehne.png"
    Image.new("RGB", (64, 48), "orange").save(photo)
    page = phone_page
    browser_login(page, "cm-karlsruhe")

    page.goto(f"{live_server.url}/events/new/")
    page.locator("#id_title").fill("KI-Night am Schloss")
    page.locator("#id_kind").select_option("own_event")
    page.get_by_label("Beginn (Datum)").fill("2024-10-10")
    page.get_by_label("Beginn (Uhrzeit)").fill("18:00")
    page.get_by_label("Ende (Uhrzeit)").fill("21:30")
    page.locator("#id_city").fill("Karlsruhe")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("heading", name="KI-Night am Schloss").wait_for()

    page.locator("#id_image").set_input_files(str(photo))
    page.locator("#id_caption").fill("Begrüßung im Foyer")
    page.get_by_label("Bildnachweis").fill("Foto: KI-Allianz")
    page.get_by_role("button", name="Hochladen").click()
    page.get_by_text("Bild 1: Begrüßung im Foyer").wait_for()
    assert page.locator("#fotos img").evaluate("img => img.naturalWidth") == 64

    event = Event.objects.get()
    assert event.region_id == cm_user.regions.get().pk
    assert event.photos.get().credit == "Foto: KI-Allianz"

    page.goto(f"{live_server.url}/events/2024/10/")
    agenda = page.locator("#month-agenda")
    agenda.get_by_role("link", name="KI-Night am Schloss").click()
    page.wait_for_url(f"{live_server.url}/events/{event.pk}/")


def test_a_click_adds_to_a_multi_selection_without_dropping_the_others(
    desktop_page, browser_login, live_server, cm_user
):
    first = OrganisationFactory(name="Alpha Robotik GmbH")
    second = OrganisationFactory(name="Beta Sensorik AG")
    page = desktop_page
    browser_login(page, cm_user.username)
    page.goto(f"{live_server.url}/events/new/")
    picker = page.locator("#id_co_organisers")
    picker.locator("option", has_text="Alpha Robotik GmbH").click()
    picker.locator("option", has_text="Beta Sensorik AG").click()
    chosen = picker.evaluate("s => Array.from(s.selectedOptions).map(o => o.value)")
    assert sorted(chosen) == sorted([str(first.pk), str(second.pk)])
    # A second click takes one out again.
    picker.locator("option", has_text="Alpha Robotik GmbH").click()
    chosen = picker.evaluate("s => Array.from(s.selectedOptions).map(o => o.value)")
    assert chosen == [str(second.pk)]
