"""The contacts pages for the three personas (``kiallianz/tests/personas.py``)."""

import pytest
from django.urls import reverse

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.views_support import capture_data
from kiallianz.tests.personas import (
    assert_create_page,
    assert_edit_page,
    assert_read_page,
    assert_three_personas,
)

pytestmark = pytest.mark.django_db


def _first_contact(region):
    return FirstContactFactory(region=region, organisation__region=region)


# URL name: (a record of the community manager's region, the change made in its form)
EDIT_PAGES = {
    "contacts:first_contact_edit": (_first_contact, {"content": "Zweites Gespräch am Stand"}),
    "contacts:organisation_edit": (
        lambda region: OrganisationFactory(region=region),
        {"notes": "Kontakt über die IHK"},
    ),
    "contacts:person_edit": (
        lambda region: PersonFactory(organisation__region=region),
        {"function": "Leitung Digitalisierung"},
    ),
}


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_an_edit_page_for_the_three_personas(name, region, cm_user, other_cm_user):
    make, changes = EDIT_PAGES[name]
    record = make(region)
    assert_edit_page(name, record, changes, allowed=cm_user, refused=other_cm_user)


def test_a_follow_up_is_marked_done_by_its_region_only(region, cm_user, other_cm_user):
    first_contact = _first_contact(region)
    url = reverse("contacts:follow_up_done", args=[first_contact.pk])
    assert_three_personas(url, {}, allowed=cm_user, refused=other_cm_user, refused_get=False)
    first_contact.refresh_from_db()
    assert first_contact.follow_up_done


def test_the_quality_decision_is_the_offices(region, office_user, other_cm_user, cm_user):
    first_contact = _first_contact(region)
    url = reverse("contacts:first_contact_review", args=[first_contact.pk])
    data = {"quality_status": FirstContact.QualityStatus.CHECKED, "relevance": "2"}
    # Office-only: the region's own community manager is refused as well.
    assert_three_personas(
        url, data, allowed=office_user, refused=(other_cm_user, cm_user), refused_get=False
    )
    first_contact.refresh_from_db()
    assert (first_contact.quality_status, first_contact.relevance) == ("checked", 2)


# URL name: the data of a new record in the community manager's region.
CREATE_PAGES = {
    "contacts:first_contact_create": lambda region: capture_data(region),
    "contacts:organisation_create": lambda region: {
        "name": "Neue Werkstatt GmbH",
        "kind": "company",
        "region": region.pk,
        "membership_status": "none",
    },
    "contacts:person_create": lambda region: {
        "last_name": "Muster",
        "legal_basis": "legitimate_interest",
        "organisation": OrganisationFactory(region=region).pk,
    },
}


@pytest.mark.parametrize("name", CREATE_PAGES)
def test_a_create_page_for_the_three_personas(name, region, cm_user, other_cm_user):
    data = CREATE_PAGES[name](region)
    assert_create_page(reverse(name), data, allowed=cm_user, refused=other_cm_user)


def _pair_of_organisations(region) -> tuple[str, dict]:
    a, b = OrganisationFactory(region=region), OrganisationFactory(region=region)
    data = {"kind": "organisation", "a": str(a.pk), "b": str(b.pk)}
    return reverse("contacts:duplicate_dismiss"), data


def _person_to_keep(region) -> tuple[str, dict]:
    person = PersonFactory(organisation__region=region)
    data = {"reason": "Laufendes Förderprojekt", "version": str(person.version)}
    return reverse("contacts:person_retention_keep", args=[person.pk]), data


def _person_to_erase(region) -> tuple[str, dict]:
    person = PersonFactory(organisation__region=region)
    data = {"version": str(person.version), "confirm": "on"}
    return reverse("contacts:person_erase", args=[person.pk]), data


@pytest.mark.parametrize("make", [_pair_of_organisations, _person_to_keep, _person_to_erase])
def test_a_data_tool_is_the_offices(make, region, office_user, cm_user, other_cm_user):
    url, data = make(region)
    # Office-only: the region's own community manager is refused as well.
    assert_three_personas(
        url, data, allowed=office_user, refused=(other_cm_user, cm_user), refused_get=False
    )


def test_the_bulk_quality_check_is_the_offices(region, office_user, cm_user, other_cm_user):
    first_contacts = [_first_contact(region), _first_contact(region)]
    data = {"first_contacts": [str(fc.pk) for fc in first_contacts], "relevance": "3"}
    url = reverse("contacts:quality_queue")
    assert_three_personas(url, data, allowed=office_user, refused=(other_cm_user, cm_user))
    assert set(FirstContact.objects.values_list("quality_status", "relevance")) == {("checked", 3)}


def test_the_pages_that_read_need_a_login_only(region, other_cm_user):
    first_contact = _first_contact(region)
    person = PersonFactory(organisation=first_contact.organisation)
    names = ["contacts:index", "contacts:organisation_list", "contacts:person_list"]
    urls = [reverse(name) for name in [*names, "contacts:follow_ups"]] + [
        reverse("contacts:first_contact_detail", args=[first_contact.pk]),
        reverse("contacts:organisation_detail", args=[first_contact.organisation_id]),
        reverse("contacts:person_detail", args=[person.pk]),
    ]
    for url in urls:
        assert_read_page(url, reader=other_cm_user)
