import datetime
import io
import json
import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from contacts.merging import person_merge
from contacts.models import FirstContact, MergeLog, Person
from contacts.privacy import (
    person_erase,
    person_export_data,
    person_export_json,
    person_export_xlsx,
)
from contacts.tests.factories import FirstContactFactory, PersonFactory
from events.tests.factories import EventFactory


@pytest.fixture
def person(region):
    person = PersonFactory(
        first_name="Anna",
        last_name="Vertraulich",
        email="anna@geheim.de",
        phone="0721 99",
        linkedin_url="https://www.linkedin.com/in/anna",
        notes="mag Kaffee",
    )
    FirstContactFactory(persons=[person], content="Vorstellung KI-Challenge")
    FirstContactFactory(persons=[person, PersonFactory(last_name="Andere")])
    return person


def test_the_export_holds_the_person_and_their_first_contacts(person):
    EventFactory(title="KI-Night Karlsruhe").speakers.add(person)
    data = person_export_data(person)
    assert data["person"]["E-Mail"] == "anna@geheim.de"
    assert data["person"]["Notizen"] == "mag Kaffee"
    assert len(data["first_contacts"]) == 2
    assert data["first_contacts"][0]["content"] == "Vorstellung KI-Challenge"
    assert data["links"] == {"Veranstaltungen": ["KI-Night Karlsruhe"]}
    # Fellow participants are someone else's data.
    assert "Andere" not in json.dumps(data)


def test_the_export_comes_as_json_and_xlsx(person):
    assert json.loads(person_export_json(person))["person"]["Nachname"] == "Vertraulich"
    workbook = load_workbook(io.BytesIO(person_export_xlsx(person)))
    assert workbook.sheetnames[:2] == ["Person", "Erstgespräche"]
    values = list(workbook["Person"].iter_rows(values_only=True))
    assert ("E-Mail", "anna@geheim.de") in values
    assert workbook["Erstgespräche"].max_row == 3


def test_a_do_not_contact_person_can_still_get_their_data(person):
    # Right of access (Art. 15 DSGVO) does not depend on the outreach flag.
    person.do_not_contact = True
    person.save()
    assert json.loads(person_export_json(person))["person"]["Nachname"] == "Vertraulich"


def test_erasure_anonymises_and_keeps_the_statistics(person, office_user, caplog):
    contacts_before = FirstContact.objects.filter(persons=person).count()
    with caplog.at_level(logging.INFO, logger="contacts.privacy"):
        person_erase(person=person, version=person.version, user=office_user)
    person.refresh_from_db()
    assert (person.first_name, person.email, person.phone, person.linkedin_url, person.notes) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert person.last_name == "anonymisiert"
    assert person.do_not_contact
    assert person.organisation is not None
    assert FirstContact.objects.filter(persons=person).count() == contacts_before == 2
    log_text = caplog.text
    assert f"person {person.pk} anonymised" in log_text
    assert "Vertraulich" not in log_text and "anna@geheim.de" not in log_text


def test_erasure_removes_merge_logs_with_the_duplicates_data(person, office_user):
    duplicate = PersonFactory(first_name="Anna", last_name="Vertraulich", email="a@privat.de")
    person_merge(
        survivor=person,
        merged=duplicate,
        take_from_merged=[],
        survivor_version=person.version,
        merged_version=duplicate.version,
        user=office_user,
    )
    person.refresh_from_db()
    person_erase(person=person, version=person.version, user=office_user)
    assert not MergeLog.objects.exists()


def test_erasure_refuses_a_stale_version(person, office_user):
    with pytest.raises(ValidationError, match="inzwischen"):
        person_erase(person=person, version=person.version + 1, user=office_user)
    person.refresh_from_db()
    assert person.email == "anna@geheim.de"


# --- views ------------------------------------------------------------------


def _urls(person):
    return {
        "privacy": reverse("contacts:person_privacy", kwargs={"pk": person.pk}),
        "json": reverse("contacts:person_export", kwargs={"pk": person.pk, "file_format": "json"}),
        "xlsx": reverse("contacts:person_export", kwargs={"pk": person.pk, "file_format": "xlsx"}),
        "erase": reverse("contacts:person_erase", kwargs={"pk": person.pk}),
    }


def test_office_staff_see_the_privacy_page_and_download(office_client, person):
    urls = _urls(person)
    assert office_client.get(urls["privacy"]).status_code == 200
    response = office_client.get(urls["json"])
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    assert json.loads(response.content)["person"]["E-Mail"] == "anna@geheim.de"
    response = office_client.get(urls["xlsx"])
    assert response.content.startswith(b"PK")


def test_the_download_works_for_a_do_not_contact_person(office_client, person):
    Person.objects.filter(pk=person.pk).update(do_not_contact=True)
    response = office_client.get(_urls(person)["json"])
    assert response.status_code == 200
    assert json.loads(response.content)["person"]["E-Mail"] == "anna@geheim.de"


def test_erasure_needs_confirmation(office_client, person):
    url = _urls(person)["erase"]
    response = office_client.post(url, {"version": person.version})
    assert "Bitte bestätigen Sie die Löschung." in response.content.decode()
    person.refresh_from_db()
    assert person.email == "anna@geheim.de"
    response = office_client.post(url, {"version": person.version, "confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == ""


@pytest.mark.parametrize("name", ["privacy", "json", "xlsx", "erase"])
def test_community_managers_are_forbidden(cm_client, person, name):
    url = _urls(person)[name]
    assert cm_client.get(url).status_code == 403
    assert cm_client.post(url, {"version": person.version, "confirm": "on"}).status_code in (
        403,
        405,
    )
    person.refresh_from_db()
    assert person.email == "anna@geheim.de"


def test_anonymous_users_go_to_login(client, person):
    for url in _urls(person).values():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# --- Art. 15 completeness (issue 12) ----------------------------------------------


def test_the_export_covers_notes_follow_up_referral_roles_history_and_register(
    person, office_client
):
    from partners.tests.factories import PartnerFactory

    FirstContactFactory(
        persons=[person],
        referral_note="an das KI-Innovation Lab",
        follow_up_note="Angebot schicken",
        follow_up_date=datetime.date(2024, 7, 1),
    )
    PartnerFactory().contact_persons.add(person)
    office_client.get(reverse("contacts:person_detail", args=[person.pk]))
    data = person_export_data(person)
    notes = {
        (c["referral_note"], c["follow_up_note"], c["follow_up_date"])
        for c in data["first_contacts"]
    }
    assert ("an das KI-Innovation Lab", "Angebot schicken", "2024-07-01") in notes
    assert "Partner:innen" in data["links"]
    assert data["history"][-1]["action"] == "angelegt"
    assert [e["action"] for e in data["access_log"]] == ["angesehen"]
    categories = {entry["category"]: entry for entry in data["register"]}
    assert categories["Ansprechpersonen"]["retention_days"] == 3 * 365
    assert categories["Ansprechpersonen"]["purpose"]
    assert categories["Ansprechpersonen"]["recipients"]
    assert categories["Ansprechpersonen"]["source"]


def test_the_pdf_is_rendered_by_a_task_and_downloaded_by_office(
    person, office_client, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    privacy = reverse("contacts:person_privacy", args=[person.pk])
    pdf_url = reverse("contacts:person_export", args=[person.pk, "pdf"])
    assert office_client.get(pdf_url).status_code == 302  # not rendered yet
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.post(reverse("contacts:person_export_pdf", args=[person.pk]))
    assert response.status_code == 302
    assert pdf_url in office_client.get(privacy).content.decode()
    response = office_client.get(pdf_url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Auskunft nach Art. 15 DSGVO" in text
    assert "Vertraulich" in text
    assert "Speicherdauer" in text


def test_community_managers_get_no_pdf(person, cm_client):
    response = cm_client.post(reverse("contacts:person_export_pdf", args=[person.pk]))
    assert response.status_code == 403
