"""The contact lists' filters, table and pagination come from the shared
cache while no write has committed ({% list_fragment %}, kiallianz/caching.py
list_fragment_key); everything a user may see differently is part of the key."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz import caching
from reporting.tests.test_dashboard_cache import without_tokens

LISTS = ["contacts:index", "contacts:organisation_list", "contacts:person_list"]


@pytest.fixture(autouse=True)
def _cache_on(settings, monkeypatch):
    monkeypatch.setattr(caching, "outage_log", caching.OutageLog())
    settings.RESPONSE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
    translation.activate("de")


def get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def rows(region, count=3):
    for number in range(count):
        organisation = OrganisationFactory(name=f"Firma {number}", region=region)
        PersonFactory(organisation=organisation, last_name=f"Person{number}")
        FirstContactFactory(region=region, organisation=organisation)


@pytest.mark.django_db(transaction=True)  # real commits, as in production
@pytest.mark.parametrize("name", LISTS)
def test_a_list_is_served_from_the_cache_until_a_write_commits(
    settings, office_client, region, name
):
    rows(region)
    url = reverse(name)
    settings.RESPONSE_CACHE_SECONDS = 0
    uncached, computing = get(office_client, url)
    settings.RESPONSE_CACHE_SECONDS = 300
    first, _ = get(office_client, url)
    second, cached = get(office_client, url)
    assert without_tokens(first) == without_tokens(second) == without_tokens(uncached)
    assert "Firma 2" in second
    # The page's rows, counts and the filters' choices cost no query.
    assert cached < computing - 2

    organisation = OrganisationFactory(name="Neu GmbH", region=region)
    PersonFactory(organisation=organisation, last_name="Neuperson")
    FirstContactFactory(region=region, organisation=organisation)
    fresh, _ = get(office_client, url)
    assert "Neu GmbH" in fresh or "Neuperson" in fresh


@pytest.mark.django_db(transaction=True)
def test_the_address_the_user_and_the_language_each_have_their_own_entry(
    office_client, cm_user, region
):
    rows(region, 3)
    manager = Client()
    manager.force_login(cm_user)  # a login is a write: before the entries are made
    url = reverse("contacts:organisation_list")
    everything, _ = get(office_client, url)
    filtered, _ = get(office_client, url, {"q": "Firma 1"})
    assert "Firma 2" in everything and "Firma 2" not in filtered
    assert "1 aktiv" in filtered and "1 aktiv" not in everything
    # Another user never gets this user's entry (a community manager's
    # export options differ from the office's).
    with CaptureQueriesContext(connection) as office_hit:
        office_client.get(url)
    with CaptureQueriesContext(connection) as other_user:
        manager.get(url)
    assert len(other_user) > len(office_hit)
    office_client.cookies["django_language"] = "en"
    english, _ = get(office_client, url)
    assert "Filter and search" in english and "Filter und Suche" not in english


@pytest.mark.django_db(transaction=True)
def test_without_the_shared_cache_every_request_renders(settings, office_client, region):
    settings.RESPONSE_CACHE_SECONDS = 0
    rows(region, 2)
    _, first = get(office_client, reverse("contacts:index"))
    _, second = get(office_client, reverse("contacts:index"))
    assert first == second


def _fragment(body: str) -> Template:
    return Template("{% load lists %}{% list_fragment key %}" + body + "{% endlist_fragment %}")


@pytest.mark.django_db
def test_a_fragment_with_a_form_token_is_never_stored():
    request = RequestFactory().get("/")
    tokened = _fragment("{% csrf_token %}{{ n }}")
    plain = _fragment("{{ n }}")
    assert "1" in tokened.render(Context({"key": "a", "n": 1, "csrf_token": "t" * 64}))
    assert "2" in tokened.render(Context({"key": "a", "n": 2, "csrf_token": "t" * 64}))
    assert plain.render(Context({"key": "b", "n": 1, "request": request})) == "1"
    assert plain.render(Context({"key": "b", "n": 2, "request": request})) == "1"
    assert plain.render(Context({"key": "", "n": 3})) == "3"


@pytest.mark.django_db
def test_a_cache_outage_renders_the_list_from_the_database(office_client, region, monkeypatch):
    rows(region, 2)

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    content, _ = get(office_client, reverse("contacts:index"))
    assert "Firma 1" in content
