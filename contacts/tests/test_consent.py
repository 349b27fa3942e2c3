"""Consent withdrawal and objection; outreach exports; access log of exports."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from contacts.models import Person
from contacts.services import person_update
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.history import history_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def persons(region):
    organisation = OrganisationFactory(region=region)
    return {
        "open": PersonFactory(last_name="Offen", organisation=organisation),
        "withdrawn": PersonFactory(
            last_name="Widerrufen",
            organisation=organisation,
            legal_basis=Person.LegalBasis.CONSENT,
            consent_date=datetime.date(2024, 1, 1),
            consent_source="Visitenkarte",
        ),
        "objecting": PersonFactory(last_name="Widersprochen", organisation=organisation),
        "dnc": PersonFactory(
            last_name="Nichtkontakt", organisation=organisation, do_not_contact=True
        ),
    }


def _export(client, **params):
    response = client.get(reverse("contacts:person_list"), {"format": "csv", **params})
    return response, response.content.decode("utf-8-sig") if response.status_code == 200 else ""


def test_withdrawing_consent_removes_the_person_from_the_outreach_export(
    persons, office_client, office_user
):
    _, before = _export(office_client)
    assert "Widerrufen" in before
    person = persons["withdrawn"]
    with history_actor(user=office_user):
        person_update(
            person=person,
            version=person.version,
            consent_withdrawn_on=datetime.date(2025, 3, 1),
            consent_withdrawal_source="E-Mail vom 1. März",
        )
    _, after = _export(office_client)
    assert "Widerrufen" not in after
    assert "Offen" in after
    person.refresh_from_db()
    # Date and source of the consent stay on record.
    assert person.consent_date == datetime.date(2024, 1, 1)
    assert person.consent_source == "Visitenkarte"
    latest = person.history.latest()
    assert latest.consent_withdrawn_on == datetime.date(2025, 3, 1)
    assert latest.history_user_id == office_user.pk


def test_an_objection_removes_the_person_from_the_export(persons, office_client):
    person = persons["objecting"]
    person_update(person=person, version=person.version, objected_on=datetime.date(2025, 1, 5))
    _, content = _export(office_client)
    assert "Widersprochen" not in content


def test_do_not_contact_is_left_out_unless_office_includes_it_with_a_reason(persons, office_client):
    _, default = _export(office_client)
    assert "Nichtkontakt" not in default
    response, _ = _export(office_client, include_do_not_contact="on")
    assert response.status_code == 302
    assert AccessLogEntry.objects.count() == 1  # the first export only
    _, included = _export(office_client, include_do_not_contact="on", include_reason="Einladung")
    assert "Nichtkontakt" in included
    entry = AccessLogEntry.objects.latest("id")
    assert "Einladung" in entry.purpose


def test_community_managers_cannot_include_do_not_contact(persons, cm_client):
    _, content = _export(cm_client, include_do_not_contact="on", include_reason="x")
    assert "Nichtkontakt" not in content
    assert "Offen" in content


def test_each_export_writes_one_access_entry_without_personal_data(
    persons, office_client, office_user
):
    _export(office_client, purpose="Newsletter")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.export_type, entry.row_count) == (
        office_user,
        "export",
        "personen",
        3,  # all but „nicht kontaktieren“
    )
    assert entry.view_name == "contacts:person_list"
    values = " ".join(str(v) for v in AccessLogEntry.objects.values().get().values())
    assert "Offen" not in values and "@" not in values


def test_a_large_export_by_a_community_manager_needs_a_purpose(persons, cm_client, monkeypatch):
    monkeypatch.setattr("audit.services.PURPOSE_REQUIRED_ABOVE", 0)
    response, _ = _export(cm_client)
    assert response.status_code == 302
    assert AccessLogEntry.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Zweck" in m for m in messages)
    response, _content = _export(cm_client, purpose="Einladung KI-Night")
    assert response.status_code == 200
    assert AccessLogEntry.objects.get().purpose == "Einladung KI-Night"


def test_first_contact_export_and_person_page_are_logged(persons, office_client, region):
    FirstContactFactory(region=region, persons=[persons["open"]])
    office_client.get(reverse("contacts:index"), {"format": "xlsx"})
    office_client.get(reverse("contacts:person_detail", args=[persons["open"].pk]))
    entries = list(AccessLogEntry.objects.order_by("id"))
    assert [(e.action, e.export_type, e.row_count) for e in entries] == [
        ("export", "erstgespraeche", 1),
        ("view", "", None),
    ]
    assert (entries[1].model_label, entries[1].object_id) == ("contacts.person", persons["open"].pk)


def test_the_gdpr_export_is_logged(persons, office_client):
    person = persons["open"]
    office_client.get(reverse("contacts:person_export", args=[person.pk, "json"]))
    entry = AccessLogEntry.objects.get()
    assert (entry.export_type, entry.object_id) == ("gdpr_json", person.pk)


def test_a_person_page_adds_one_write(persons, office_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        office_client.get(reverse("contacts:person_detail", args=[persons["open"].pk]))
    writes = [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 1


def test_a_background_persons_export_leaves_out_withdrawn_persons(
    persons, office_client, monkeypatch, django_capture_on_commit_callbacks
):
    from contacts.models import ListExport

    monkeypatch.setattr("contacts.services.exports.SYNC_EXPORT_ROWS", 0)
    person = persons["withdrawn"]
    person_update(person=person, version=person.version, consent_withdrawn_on=datetime.date.today())
    with django_capture_on_commit_callbacks(execute=True):
        response = office_client.get(reverse("contacts:person_list"), {"format": "csv"})
    assert response.status_code == 302
    job = ListExport.objects.get()
    assert job.status == ListExport.Status.DONE
    content = job.file.read().decode("utf-8-sig")
    assert "Offen" in content
    assert "Widerrufen" not in content and "Nichtkontakt" not in content
    entry = AccessLogEntry.objects.get()
    assert (entry.export_type, entry.row_count) == ("personen", 2)
