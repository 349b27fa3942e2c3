from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import FirstContact, Organisation, Person
from kiallianz.tests.factories import OfferFactory

FIXTURES = Path(__file__).parent / "fixtures"
URL = reverse("contacts:import")


def _upload(name="windows-1252.csv", **extra):
    return {"file": SimpleUploadedFile(name, (FIXTURES / name).read_bytes()), **extra}


def _counts():
    return Organisation.objects.count(), Person.objects.count(), FirstContact.objects.count()


@pytest.fixture
def regions(region, other_region):
    OfferFactory(name="KI-Challenge", slug="ki-challenge")
    return region, other_region


def test_it_shows_the_upload_form_to_office_staff(office_client):
    response = office_client.get(URL)
    assert response.status_code == 200
    assert reverse("contacts:import_template") in response.content.decode()


def test_it_previews_then_imports_on_confirmation(office_client, office_user, regions):
    preview = office_client.post(URL, _upload())
    assert preview.status_code == 200
    assert "noch nichts gespeichert" in preview.content.decode()
    assert _counts() == (0, 0, 0)
    token = preview.context["confirm_form"].initial["token"]
    result = office_client.post(URL, {"token": token, "skip_invalid": ""})
    assert result.status_code == 200
    assert result.context["report"].saved
    assert "2 neu" in result.content.decode() or "Import abgeschlossen" in result.content.decode()
    # The next step after an import is checking the new first contacts.
    assert "Neue Erstgespräche prüfen" in result.content.decode()
    assert _counts() == (2, 2, 2)
    assert set(FirstContact.objects.values_list("community_manager", flat=True)) == {office_user.pk}


def test_it_lists_invalid_rows_and_offers_no_import(office_client, regions):
    response = office_client.post(URL, _upload("excel-german.csv"))
    body = response.content.decode()
    assert "Der Name der Organisation fehlt." in body
    assert not response.context["can_import"]
    assert 'id="confirm-import"' not in body
    assert _counts() == (0, 0, 0)


def test_it_imports_valid_rows_when_asked_to_skip_invalid(office_client, regions):
    preview = office_client.post(URL, _upload("excel-german.csv", skip_invalid="on"))
    assert preview.context["can_import"]
    token = preview.context["confirm_form"].initial["token"]
    office_client.post(URL, {"token": token, "skip_invalid": "True"})
    assert Organisation.objects.count() == 3


def test_it_refuses_a_forged_token(office_client, regions):
    response = office_client.post(URL, {"token": "forged"}, follow=True)
    assert "abgelaufen" in response.content.decode()
    assert _counts() == (0, 0, 0)


def test_it_refuses_another_file_type(office_client):
    response = office_client.post(URL, {"file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert "Bitte eine CSV- oder XLSX-Datei hochladen." in response.content.decode()


def test_it_reports_an_unreadable_file_next_to_the_field(office_client):
    response = office_client.post(URL, {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04xx")})
    assert "Die Excel-Datei kann nicht gelesen werden." in response.content.decode()


def test_it_forbids_community_managers(cm_client, regions):
    assert cm_client.get(URL).status_code == 403
    assert cm_client.post(URL, _upload()).status_code == 403
    assert cm_client.get(reverse("contacts:import_template")).status_code == 403
    assert _counts() == (0, 0, 0)


def test_it_sends_anonymous_users_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_downloads_the_template(office_client):
    response = office_client.get(reverse("contacts:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Organisation;Art;Website" in response.content.decode("utf-8-sig")
