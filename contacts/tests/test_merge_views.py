import pytest
from django.urls import reverse

from contacts.merging import organisation_merge, person_merge
from contacts.models import FirstContact, MergeLog, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory

ORG_URL = reverse("contacts:organisation_merge")
PERSON_URL = reverse("contacts:person_merge")


@pytest.fixture
def pair(region):
    survivor = OrganisationFactory(name="Maddox AI GmbH", city="Karlsruhe")
    merged = OrganisationFactory(name="Maddox AI", city="Stuttgart")
    FirstContactFactory(organisation=merged)
    return survivor, merged


def _compare_url(url, a, b):
    return f"{url}?a={a.pk}&b={b.pk}"


def _post(client, survivor, merged, **fields):
    data = {"survivor_version": survivor.version, "merged_version": merged.version, **fields}
    return client.post(_compare_url(ORG_URL, survivor, merged), data)


def test_it_shows_the_selection_form(office_client, pair):
    response = office_client.get(ORG_URL)
    assert response.status_code == 200
    assert "Maddox AI GmbH" in response.content.decode()


def test_it_shows_both_records_side_by_side_with_a_radio_per_differing_field(office_client, pair):
    survivor, merged = pair
    response = office_client.get(_compare_url(ORG_URL, survivor, merged))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="field_city"' in body and 'name="field_name"' in body
    assert 'name="field_kind"' not in body  # same value: nothing to choose
    assert "Stuttgart" in body and "Karlsruhe" in body


def test_it_merges_with_the_chosen_values(office_client, pair):
    survivor, merged = pair
    response = _post(office_client, survivor, merged, field_city="b", field_name="a")
    log = MergeLog.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("contacts:merge_log", kwargs={"pk": log.pk})
    survivor.refresh_from_db()
    assert (survivor.name, survivor.city) == ("Maddox AI GmbH", "Stuttgart")
    assert FirstContact.objects.get().organisation == survivor
    page = office_client.get(response.url).content.decode()
    assert "Maddox AI" in page and "Karlsruhe" in page  # the discarded value stays visible


def test_it_refuses_a_stale_form(office_client, pair):
    survivor, merged = pair
    data = {"survivor_version": survivor.version, "merged_version": merged.version}
    Organisation.objects.filter(pk=merged.pk).update(version=5)
    response = office_client.post(_compare_url(ORG_URL, survivor, merged), data)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    assert Organisation.objects.count() == 2


def test_it_rejects_the_same_record_twice(office_client, pair):
    survivor, _merged = pair
    response = office_client.get(_compare_url(ORG_URL, survivor, survivor))
    assert "Bitte zwei verschiedene Datensätze wählen." in response.content.decode()


def test_it_merges_persons(office_client, region):
    survivor = PersonFactory(last_name="Meier")
    merged = PersonFactory(last_name="Maier")
    contact = FirstContactFactory(persons=[merged])
    data = {
        "survivor_version": survivor.version,
        "merged_version": merged.version,
        "field_last_name": "a",
    }
    response = office_client.post(_compare_url(PERSON_URL, survivor, merged), data)
    assert response.status_code == 302
    assert list(contact.persons.all()) == [survivor]
    assert Person.objects.filter(pk=merged.pk).count() == 0


@pytest.mark.parametrize("url", [ORG_URL, PERSON_URL])
def test_it_forbids_community_managers_and_changes_nothing(cm_client, pair, url):
    survivor, merged = pair
    assert cm_client.get(url).status_code == 403
    response = _post(cm_client, survivor, merged, field_city="b")
    assert response.status_code == 403
    assert Organisation.objects.count() == 2
    assert not MergeLog.objects.exists()


def test_it_sends_anonymous_users_to_login(client, pair):
    survivor, merged = pair
    response = _post(client, survivor, merged)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert Organisation.objects.count() == 2


def test_the_merge_log_page_is_office_only(cm_client, office_user, pair):
    survivor, merged = pair
    log = organisation_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=[],
        survivor_version=1,
        merged_version=1,
        user=office_user,
    )
    assert cm_client.get(reverse("contacts:merge_log", kwargs={"pk": log.pk})).status_code == 403


def test_the_merge_history_include_escapes_values(office_client, office_user, region):
    from django.template.loader import render_to_string

    survivor = OrganisationFactory(name="Sicher GmbH")
    merged = OrganisationFactory(name="<script>alert(1)</script>")
    organisation_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=[],
        survivor_version=1,
        merged_version=1,
        user=office_user,
    )
    html = render_to_string("contacts/data/merge_history.html", {"record": survivor})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def _merge(merge, survivor, merged, user):
    return merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=[],
        survivor_version=survivor.version,
        merged_version=merged.version,
        user=user,
    )


def test_a_merged_organisations_old_page_redirects_to_the_survivor(
    office_client, office_user, pair
):
    survivor, merged = pair
    third = OrganisationFactory(name="Maddox Artificial Intelligence")
    _merge(organisation_merge, survivor, merged, office_user)
    survivor.refresh_from_db()
    # The survivor is merged again later: the first old link follows it too.
    _merge(organisation_merge, third, survivor, office_user)

    for old in (merged, survivor):
        response = office_client.get(reverse("contacts:organisation_detail", args=[old.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("contacts:organisation_detail", args=[third.pk])
    assert office_client.get(response["Location"]).status_code == 200


def test_a_merged_persons_old_page_redirects_to_the_survivor(office_client, office_user, region):
    survivor = PersonFactory(last_name="Müller")
    merged = PersonFactory(last_name="Mueller", organisation=survivor.organisation)
    _merge(person_merge, survivor, merged, office_user)

    response = office_client.get(reverse("contacts:person_detail", args=[merged.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:person_detail", args=[survivor.pk])


def test_an_id_that_never_existed_stays_a_404(office_client, region):
    organisation = OrganisationFactory()
    person = PersonFactory()
    assert (
        office_client.get(
            reverse("contacts:organisation_detail", args=[organisation.pk + 100])
        ).status_code
        == 404
    )
    assert (
        office_client.get(reverse("contacts:person_detail", args=[person.pk + 100])).status_code
        == 404
    )
