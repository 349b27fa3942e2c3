"""The office dashboard's panels are rendered once and kept in the cache
until a write commits (reporting.dashboard.office_panels)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.tests.factories import FirstContactFactory
from kiallianz import caching
from reporting.tests.views_support import DASHBOARD, make_records

PARAMS = {"as_of": "2024-12-31", "year": "2024"}


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch):
    # A cache failure in an earlier test must not suspend the cache here.
    monkeypatch.setattr(caching, "outage_log", caching.OutageLog())
    cache.clear()
    yield
    cache.clear()


def first_contacts_figure(content: str) -> str:
    return re.search(r'data-period-figure="1">(\d+)<', content).group(1)


def without_tokens(content: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", content)


def get(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD, params or PARAMS)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db(transaction=True)  # real commits, as in production
def test_the_panels_are_served_from_the_cache_until_a_write_commits(
    settings, office_client, targets, region, other_region
):
    make_records(4, region, other_region)
    settings.RESPONSE_CACHE_SECONDS = 0
    uncached, computing = get(office_client)
    settings.RESPONSE_CACHE_SECONDS = 300

    first, _ = get(office_client)
    second, cached = get(office_client)
    assert without_tokens(first) == without_tokens(second) == without_tokens(uncached)
    assert first_contacts_figure(second) == "4"
    # Figures, targets, matrix and charts cost no query; the page itself a few.
    assert cached <= computing - 10

    FirstContactFactory(date="2024-06-03", region=region)
    assert first_contacts_figure(get(office_client)[0]) == "5"
    # Another period is another entry.
    quarter = {"date_from": "2024-01-01", "date_to": "2024-03-31", "as_of": "2024-12-31"}
    assert first_contacts_figure(get(office_client, **quarter)[0]) == "3"


@pytest.mark.django_db
def test_community_managers_get_their_own_dashboard(settings, cm_client, targets):
    settings.RESPONSE_CACHE_SECONDS = 300
    content, _ = get(cm_client)
    assert "Meine Wiedervorlagen" in content and "<svg" not in content


@pytest.mark.django_db
def test_the_cached_query_count_does_not_grow_with_records(
    settings, office_client, targets, region, other_region
):
    settings.RESPONSE_CACHE_SECONDS = 300
    make_records(5, region, other_region)
    get(office_client)
    _, few = get(office_client)
    cache.clear()
    make_records(100, region, other_region)
    get(office_client)
    _, many = get(office_client)
    assert few == many
