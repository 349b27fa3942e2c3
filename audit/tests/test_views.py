"""Office pages (change log, access log, retention register) and the
„Verlauf“ of a record."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AccessLogEntry
from contacts.services import person_update
from contacts.tests.factories import OrganisationFactory, PersonFactory
from kiallianz.history import history_actor

pytestmark = pytest.mark.django_db

OFFICE_PAGES = ["audit:change_log", "audit:access_log", "audit:retention_register"]


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_office_pages_are_for_office_staff(name, office_client):
    assert office_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_community_managers_are_refused(name, cm_client):
    assert cm_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_anonymous_users_are_sent_to_the_login(name, client):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_change_log_filters_by_user_model_and_date(office_client, office_user, cm_user):
    person = PersonFactory(last_name="Vorher")
    with history_actor(user=cm_user):
        person_update(person=person, version=person.version, last_name="Nachher")
    with history_actor(user=office_user):
        OrganisationFactory(name="Büro-Organisation")
    url = reverse("audit:change_log")
    by_cm = office_client.get(url, {"user": cm_user.pk}).content.decode()
    assert "Vorher" in by_cm and "Nachher" in by_cm
    assert "Büro-Organisation" not in by_cm
    organisations = office_client.get(url, {"model": "contacts.organisation"}).content.decode()
    assert "Büro-Organisation" in organisations and "Nachher" not in organisations
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    later = office_client.get(url, {"date_from": tomorrow.isoformat()}).content.decode()
    assert "Nachher" not in later


def _change_log_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("audit:change_log"), {"model": "contacts.person"})
        assert response.status_code == 200
    return len(queries)


def test_the_change_log_issues_the_same_queries_for_few_and_many_rows(office_client):
    """A fixed number of queries per model on the page, whatever the rows."""
    for _n in range(2):
        person = PersonFactory()
        person_update(person=person, version=person.version, function="Erste")
    few = _change_log_queries(office_client)
    for _n in range(30):
        person = PersonFactory()
        person_update(person=person, version=person.version, function="Zweite")
    assert _change_log_queries(office_client) == few


def test_the_access_log_lists_and_filters(office_client, office_user, cm_user):
    AccessLogEntry.objects.create(
        user=cm_user, action="export", export_type="persons", row_count=7, view_name="a"
    )
    AccessLogEntry.objects.create(
        user=office_user, action="view", model_label="contacts.person", object_id=3, view_name="b"
    )
    page = office_client.get(reverse("audit:access_log"), {"user": cm_user.pk}).content.decode()
    assert "persons" in page and "contacts.person #3" not in page
    page = office_client.get(reverse("audit:access_log"), {"what": "contacts.person"})
    assert "#3" in page.content.decode()


def test_the_register_names_every_category(office_client):
    page = office_client.get(reverse("audit:retention_register")).content.decode()
    for name in (
        "Ansprechpersonen",
        "Notizen zu Erstgesprächen",
        "Zugriffsprotokoll",
        "Änderungsverlauf",
        "Anmeldedaten",
        "Berichtsexporte",
    ):
        assert name in page
    assert "RETENTION_CONTACT_PERSON_DAYS" in page


def test_a_record_shows_its_history_in_german(cm_client, office_user):
    person = PersonFactory(last_name="Alt")
    with history_actor(user=office_user):
        person_update(person=person, version=person.version, last_name="Neu")
    url = reverse("audit:record_history", args=["contacts.person", person.pk])
    detail = cm_client.get(reverse("contacts:person_detail", args=[person.pk])).content.decode()
    assert url in detail and "Verlauf" in detail
    partial = cm_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Nachname" in partial and "Alt" in partial and "Neu" in partial
    assert "geändert" in partial and str(office_user) in partial
    assert "<html" not in partial


def test_history_of_unknown_or_unaudited_models_is_not_found(cm_client):
    assert cm_client.get("/audit/history/contacts.mergelog/1/").status_code == 404
    assert cm_client.get("/audit/history/nope.nothing/1/").status_code == 404
    assert cm_client.get("/audit/history/contacts.person/999/").status_code == 404


def test_history_needs_a_login(client):
    person = PersonFactory()
    response = client.get(reverse("audit:record_history", args=["contacts.person", person.pk]))
    assert response.status_code == 302
