import hashlib

import pytest
from django.urls import reverse

from contacts.models import DuplicateDismissal, DuplicateSuggestion
from contacts.services import duplicate_suggestions_refresh
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("contacts:duplicate_suggestions")


def _plant(count, region):
    """``count`` organisation pairs and ``count`` person pairs."""
    for n in range(count):
        # Unalike names, so that only the planted pairs match.
        name = hashlib.sha256(f"{region.pk}-{n}".encode()).hexdigest()[:12]
        kept = OrganisationFactory(name=f"{name} GmbH", region=region)
        duplicate = OrganisationFactory(name=name, region=region)
        FirstContactFactory(organisation=duplicate)
        PersonFactory(
            first_name=name, last_name="Doppel", email=f"{name}@zwilling.de", organisation=kept
        )
        PersonFactory(
            first_name=name,
            last_name="Doppel",
            email=f"{name.upper()}@zwilling.de",
            organisation=None,
        )
    duplicate_suggestions_refresh()


def test_it_shows_organisation_and_person_pairs_with_merge_links(office_client, region):
    kept = OrganisationFactory(name="Maddox AI", region=region)
    duplicate = OrganisationFactory(name="Maddox AI GmbH", region=region)
    FirstContactFactory(organisation=kept)
    anna = PersonFactory(first_name="Anna", last_name="Schmidt", email="anna@maddox.ai")
    twin = PersonFactory(first_name="Anna", last_name="Schmid", email="anna@maddox.ai")
    duplicate_suggestions_refresh()
    response = office_client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    organisation_link = f"{reverse('contacts:organisation_merge')}?a={kept.pk}&amp;b={duplicate.pk}"
    person_link = f"{reverse('contacts:person_merge')}?a={anna.pk}&amp;b={twin.pk}"
    assert organisation_link in body and person_link in body
    assert "gleicher Name" in body and "gleiche E-Mail-Adresse" in body
    assert "1 Erstgespräch" in body and "anna@maddox.ai" in body


def test_it_says_when_there_are_no_suggestions(office_client):
    response = office_client.get(URL)
    assert response.content.decode().count("Keine wahrscheinlichen Dubletten gefunden.") == 2


def test_it_pages_through_the_stored_pairs(office_client, region, monkeypatch):
    monkeypatch.setattr("contacts.views.tools.PAIR_LIMIT", 2)
    _plant(3, region)
    body = office_client.get(URL).content.decode()
    assert body.count('class="card mb-2 duplicate-pair"') == 4
    assert body.count("Seite 1 von 2") == 2
    last = office_client.get(URL, {"opage": 2, "ppage": 1}).content.decode()
    assert last.count('class="card mb-2 duplicate-pair"') == 3
    assert "?opage=1&amp;ppage=1#organisation-pairs" in last


def test_it_skips_a_stored_pair_whose_record_was_merged_away(office_client, region):
    _plant(1, region)
    suggestion = DuplicateSuggestion.objects.get(kind="organisation")
    from contacts.models import Organisation

    pair = (suggestion.first_id, suggestion.second_id)
    Organisation.objects.filter(pk__in=pair, first_contacts__isnull=True).delete()
    body = office_client.get(URL).content.decode()
    assert body.count('class="card mb-2 duplicate-pair"') == 1  # the person pair


def test_office_staff_ask_for_a_new_computation(
    office_client, region, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Maddox AI", region=region)
    OrganisationFactory(name="Maddox AI GmbH", region=region)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = office_client.post(reverse("contacts:duplicate_refresh"))
    assert response.status_code == 302 and len(callbacks) == 1
    assert DuplicateSuggestion.objects.filter(kind="organisation").count() == 1


def test_community_managers_may_not_ask_for_a_computation(
    cm_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        assert cm_client.post(reverse("contacts:duplicate_refresh")).status_code == 403
    assert callbacks == []


def test_anonymous_users_may_not_ask_for_a_computation(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("contacts:duplicate_refresh"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert callbacks == []


def test_its_query_count_does_not_grow_with_pairs(
    office_client, region, other_region, count_queries
):
    _plant(3, region)
    few = count_queries(office_client, URL)
    _plant(30, other_region)
    body = office_client.get(URL).content.decode()
    assert body.count('class="card mb-2 duplicate-pair"') == 66
    assert count_queries(office_client, URL) == few


def test_it_is_linked_from_the_navigation_and_the_merge_selection(office_client):
    body = office_client.get(reverse("contacts:organisation_merge")).content.decode()
    assert body.count(f'href="{URL}"') == 2


def test_it_forbids_community_managers(cm_client):
    assert cm_client.get(URL).status_code == 403


def test_it_sends_anonymous_users_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


DISMISS_URL = reverse("contacts:duplicate_dismiss")


@pytest.fixture
def maddox_pair(region):
    return (
        OrganisationFactory(name="Maddox AI", region=region),
        OrganisationFactory(name="Maddox AI GmbH", region=region),
    )


def test_office_staff_dismiss_a_pair_as_no_duplicate(office_client, maddox_pair):
    kept, duplicate = maddox_pair
    data = {"kind": "organisation", "a": kept.pk, "b": duplicate.pk}
    response = office_client.post(DISMISS_URL, data, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == URL
    assert "Der Vorschlag wird nicht mehr angezeigt." in body
    assert 'class="card mb-2 duplicate-pair"' not in body
    assert DuplicateDismissal.objects.filter(first_id=kept.pk, second_id=duplicate.pk).exists()


def test_it_refuses_a_bad_dismissal_with_a_message(office_client, maddox_pair):
    kept, _duplicate = maddox_pair
    response = office_client.post(
        DISMISS_URL, {"kind": "organisation", "a": kept.pk, "b": kept.pk + 999}, follow=True
    )
    assert "gibt es nicht (mehr)" in response.content.decode()
    response = office_client.post(DISMISS_URL, {"kind": "planet", "a": "x"}, follow=True)
    assert "konnte nicht verworfen werden" in response.content.decode()
    assert not DuplicateDismissal.objects.exists()


def test_community_managers_may_not_dismiss_a_pair(cm_client, maddox_pair):
    kept, duplicate = maddox_pair
    data = {"kind": "organisation", "a": kept.pk, "b": duplicate.pk}
    assert cm_client.post(DISMISS_URL, data).status_code == 403
    assert not DuplicateDismissal.objects.exists()


def test_anonymous_users_may_not_dismiss_a_pair(client, maddox_pair):
    kept, duplicate = maddox_pair
    response = client.post(DISMISS_URL, {"kind": "organisation", "a": kept.pk, "b": duplicate.pk})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not DuplicateDismissal.objects.exists()


def test_a_dismissed_pair_leaves_the_stored_suggestions(office_client, maddox_pair):
    duplicate_suggestions_refresh()
    assert DuplicateSuggestion.objects.filter(kind="organisation").count() == 1
    kept, duplicate = maddox_pair
    office_client.post(
        reverse("contacts:duplicate_dismiss"),
        {"kind": "organisation", "a": kept.pk, "b": duplicate.pk},
    )
    assert not DuplicateSuggestion.objects.filter(kind="organisation").exists()
