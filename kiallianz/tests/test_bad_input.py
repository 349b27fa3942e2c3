"""Bad input in any list, search, autocomplete or feed parameter never gives a 500.

Every GET parameter the pages' own filter forms offer (read from the HTML),
plus sorting, paging and the feeds' and autocompletes' parameters, is sent
with NUL bytes, over-long values and other junk. The answer must be 200
(an empty or unfiltered result), 400 or 404, never an exception; run it on
PostgreSQL too (DATABASE_URL=postgres://…), where NUL in text is an error.
"""

import re

import pytest

from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory
from kiallianz.middleware import MAX_QUERY_VALUE_LENGTH
from partners.tests.factories import PartnerFactory

LIST_URLS = [
    "/",
    "/contacts/",
    "/contacts/organisations/",
    "/contacts/persons/",
    "/contacts/quality/",
    "/contacts/follow-ups/",
    "/contacts/duplicates/",
    "/events/",
    "/events/2024/9/",
    "/events/ki-challenge/",
    "/partners/",
    "/targets/",
    "/transfer-projects/",
    "/communications/",
    "/reports/",
]
# Parameters read by views outside any filter form.
EXTRA_PARAMETERS = {
    "/contacts/": ["sort", "page", "per_page", "format"],
    "/contacts/organisations/": ["sort", "page", "per_page"],
    "/contacts/persons/": ["sort", "page", "per_page"],
    "/contacts/new/": ["organisation"],
    "/contacts/organisations/autocomplete/": ["organisation_query"],
    "/contacts/persons/autocomplete/": ["person_query"],
    "/contacts/organisations/persons/": ["organisation"],
    "/contacts/organisations/duplicates/": ["new_org_name", "new_org_website"],
    "/events/": ["sort", "page", "region"],
    "/events/new/": ["date"],
    "/partners/": ["sort", "page"],
    "/partners/new/": ["organisation", "q"],
    "/": ["project"],
    "/events/feed.ics": ["region"],
    "/events/feed/karlsruhe.ics": ["region"],
    "/api/public/events.json": ["region", "from", "to", "kind", "limit"],
    "/api/public/partners.json": ["region", "category"],
}
BAD_VALUES = [
    "\x00",
    "a\x00b",
    "x" * (MAX_QUERY_VALUE_LENGTH + 1),
    "'; --",
    "-1",
    "99999999999999999999999",
    "2024-13-45",
    "\ud7ff\u202e",
]
PARAMETER_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
GET_FORM = re.compile(r'<form(?![^>]*method="post")[^>]*>(.*?)</form>', re.S | re.I)


def form_parameters(html: str) -> set[str]:
    names = set()
    for form in GET_FORM.findall(html):
        names.update(PARAMETER_NAME.findall(form))
    return names - {"csrfmiddlewaretoken", "next", "language"}


@pytest.fixture
def records(region):
    organisation = OrganisationFactory(region=region, name="Muster GmbH")
    person = PersonFactory(organisation=organisation)
    FirstContactFactory(region=region, organisation=organisation, persons=[person])
    EventFactory(region=region, is_public=True)
    PartnerFactory(organisation=organisation)


def parameters_of(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    names = set(EXTRA_PARAMETERS.get(url, []))
    if response["Content-Type"].startswith("text/html"):
        names |= form_parameters(response.content.decode())
    return names


def fuzz(client, url: str, names: set[str]) -> None:
    for name in sorted(names):
        for value in BAD_VALUES:
            response = client.get(url, {name: value})
            # 404: an unknown region or organisation named in the parameter.
            assert response.status_code in (200, 400, 404), (url, name, value)


def test_the_list_pages_read_their_filters_from_the_form(office_client, records):
    names = parameters_of(office_client, "/contacts/")
    assert {"q", "region"} <= names


@pytest.mark.parametrize("url", LIST_URLS)
def test_every_list_parameter_survives_junk(office_client, records, url):
    fuzz(office_client, url, parameters_of(office_client, url))


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/new/",
        "/contacts/organisations/autocomplete/",
        "/contacts/persons/autocomplete/",
        "/contacts/organisations/persons/",
        "/contacts/organisations/duplicates/",
        "/events/new/",
        "/partners/new/",
    ],
)
def test_every_search_and_autocomplete_parameter_survives_junk(cm_client, records, url):
    fuzz(cm_client, url, set(EXTRA_PARAMETERS[url]))


@pytest.mark.parametrize(
    "url",
    [
        "/events/feed.ics",
        "/events/feed/karlsruhe.ics",
        "/api/public/events.json",
        "/api/public/partners.json",
    ],
)
def test_every_feed_parameter_survives_junk(client, records, url):
    fuzz(client, url, parameters_of(client, url))


@pytest.mark.django_db
def test_a_nul_byte_is_refused_with_a_german_400(client):
    response = client.get("/api/public/events.json", {"region": "\x00"})
    assert response.status_code == 400
    assert "Ungültige Angabe" in response.content.decode()


@pytest.mark.django_db
def test_an_over_long_value_is_refused(client):
    response = client.get("/api/public/events.json", {"region": "k" * 501})
    assert response.status_code == 400
