"""The global search (reporting/search.py, issue 14 item 4).

The same expectations run on SQLite (the fallback) and, in the PostgreSQL
pass, on the full-text and trigram engine: both backends must return
exactly these records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory
from kiallianz.tests.factories import CommunityManagerFactory, OfficeUserFactory
from partners.tests.factories import PartnerFactory
from reporting.search import GROUP_LIMIT, global_search, normalize_search_text

pytestmark = pytest.mark.django_db

URL = reverse("reporting:search")


@pytest.fixture
def records():
    robotik = OrganisationFactory(name="Robotik Werkstatt GmbH", city="Ulm")
    brauerei = OrganisationFactory(name="Brauerei Mößner", city="Freiburg")
    PartnerFactory(organisation=robotik)
    return {
        "robotik": robotik,
        "brauerei": brauerei,
        "mueller": PersonFactory(
            first_name="Jürgen", last_name="Müller", email="jm@example.com", organisation=robotik
        ),
        "mueller_ascii": PersonFactory(
            first_name="Anna", last_name="Mueller", email="am@example.com", organisation=brauerei
        ),
        "schmidt": PersonFactory(
            first_name="Eva",
            last_name="Schmidt",
            email="eva@schmidt-beratung.de",
            organisation=brauerei,
        ),
        "visit": FirstContactFactory(
            organisation=brauerei, content="Gespräch über Qualitätsprüfung mit Bildverarbeitung."
        ),
        "other_visit": FirstContactFactory(organisation=robotik, content="Kurzes Telefonat."),
        "event": EventFactory(title="KI-Frühstück Straßburg", venue="Rathaus", city="Kehl"),
    }


def _found(query):
    return {group.key: {record.pk for record in group.records} for group in global_search(query)}


CASES = [
    # query, expected records per group (keys of the fixture)
    ("Robotik", {"organisations": ["robotik"], "partners": ["robotik"]}),
    ("Müller", {"persons": ["mueller", "mueller_ascii"]}),
    ("mueller", {"persons": ["mueller", "mueller_ascii"]}),
    ("MÜLLER Jürgen", {"persons": ["mueller"]}),
    ("Mößner", {"organisations": ["brauerei"]}),
    ("moessner freiburg", {"organisations": ["brauerei"]}),
    ("Bildverarbeitung", {"first_contacts": ["visit"]}),
    ("qualitaetspruefung", {"first_contacts": ["visit"]}),
    ("Frühstück", {"events": ["event"]}),
    ("strassburg", {"events": ["event"]}),
    ("eva@schmidt-beratung.de", {"persons": ["schmidt"]}),
    ("100%_", {}),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_both_backends_find_exactly_these_records(records, query, expected):
    by_group = {
        group: {records[key].pk for key in keys}
        for group, keys in expected.items()
        # Partners are found through their organisation.
    }
    partner_pks = {records[key].partner.pk for key in expected.get("partners", [])}
    by_group["partners"] = partner_pks
    found = _found(query)
    for group in ("organisations", "persons", "first_contacts", "events", "partners"):
        assert found[group] == by_group.get(group, set()), (query, group)


def test_umlauts_are_normalised_like_in_sql():
    assert normalize_search_text("Müller Straße ÖL Ärger") == "mueller strasse oel aerger"


def test_better_matches_come_first(records):
    OrganisationFactory(name="Robotikzentrum Süd", city="Ulm")
    names = [record.name for record in global_search("Robotik")[0].records]
    assert names == ["Robotik Werkstatt GmbH", "Robotikzentrum Süd"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs pg_trgm")
def test_postgresql_tolerates_a_typo(records):
    assert _found("Robtik Werkstatt")["organisations"] == {records["robotik"].pk}
    assert _found("Robtik")["organisations"] == {records["robotik"].pk}
    assert _found("Mösner")["organisations"] == {records["brauerei"].pk}


def test_each_group_is_cut_and_says_there_is_more(records):
    OrganisationFactory.create_batch(GROUP_LIMIT + 1, name="Sensorik Labor")
    group = global_search("Sensorik")[0]
    assert len(group.records) == GROUP_LIMIT
    assert group.more


def _search_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"q": query})
    assert response.status_code == 200
    return len(queries.captured_queries)


def _add_robotik_records(count, start=0):
    for n in range(start, start + count):
        organisation = OrganisationFactory(name=f"Robotik Filiale {n}")
        PartnerFactory(organisation=organisation)
        PersonFactory(last_name="Robotik", organisation=organisation)
        FirstContactFactory(organisation=organisation, content="Robotik")
        EventFactory(title=f"Robotik-Tag {n}")


def test_the_number_of_queries_does_not_grow_with_the_results(client):
    client.force_login(CommunityManagerFactory())
    _add_robotik_records(1)
    one_each = _search_queries(client, "Robotik")
    _add_robotik_records(GROUP_LIMIT + 1, start=1)
    assert _search_queries(client, "Robotik") == one_each


def test_a_signed_in_user_sees_the_results_grouped(client, records):
    client.force_login(CommunityManagerFactory())
    response = client.post(URL, {"q": "Müller"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jürgen Müller" in content
    assert "Anna Mueller" in content
    assert reverse("contacts:person_detail", args=[records["mueller"].pk]) in content
    assert 'id="search-persons"' in content


def test_a_get_shows_the_empty_form(client):
    client.force_login(OfficeUserFactory())
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["groups"] is None


def test_a_too_short_query_gets_a_german_message(client, records):
    client.force_login(OfficeUserFactory())
    response = client.post(URL, {"q": "M"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert response.context["groups"] is None
    assert "Bitte geben Sie mindestens zwei Zeichen ein." in response.content.decode()


def test_anonymous_users_are_sent_to_the_login_and_see_nothing(client, records):
    response = client.post(URL, {"q": "Müller"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Person.objects.count() == 3
    assert Organisation.objects.count() == 2
    assert FirstContact.objects.count() == 2


def test_the_navigation_posts_the_search_box(client):
    client.force_login(OfficeUserFactory())
    content = client.get(reverse("contacts:organisation_list")).content.decode()
    assert f'action="{URL}"' in content
    assert 'id="nav-search"' in content
    assert 'method="post"' in content
