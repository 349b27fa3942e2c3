import pytest
from django.core.exceptions import ValidationError

from contacts.merging import organisation_merge, person_merge
from contacts.models import FirstContact, MergeLog, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory

# The events app builds on contacts; contacts never imports it, but these
# tests prove that the merge finds its references generically.
from events.tests.factories import EventFactory


@pytest.fixture
def duplicates(region, office_user):
    survivor = OrganisationFactory(name="Maddox AI GmbH", city="Karlsruhe", sector="")
    merged = OrganisationFactory(name="maddox-ai", city="Stuttgart", sector="Software")
    persons = [PersonFactory(organisation=merged), PersonFactory(organisation=merged)]
    contacts = [
        FirstContactFactory(organisation=merged, persons=persons[:1]),
        FirstContactFactory(organisation=merged),
        FirstContactFactory(organisation=survivor),
    ]
    return survivor, merged, persons, contacts


def _merge_organisations(survivor, merged, user, take=()):
    return organisation_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=list(take),
        survivor_version=survivor.version,
        merged_version=merged.version,
        user=user,
    )


def test_it_moves_every_first_contact_and_person(duplicates, office_user):
    survivor, merged, persons, contacts = duplicates
    counts = (FirstContact.objects.count(), Person.objects.count())
    _merge_organisations(survivor, merged, office_user)
    assert (FirstContact.objects.count(), Person.objects.count()) == counts
    for contact in contacts:
        contact.refresh_from_db()
        assert contact.organisation_id == survivor.pk
    # Edit forms still open on a moved record must reload.
    assert [c.version for c in contacts] == [2, 2, 1]
    for person in persons:
        person.refresh_from_db()
        assert person.organisation_id == survivor.pk
    assert not Organisation.objects.filter(pk=merged.pk).exists()


def test_it_moves_references_of_other_apps(duplicates, office_user):
    survivor, merged, _persons, contacts = duplicates
    both = EventFactory(co_organisers=[merged, survivor])
    only_merged = EventFactory(co_organisers=[merged])
    only_merged.first_contacts.add(contacts[0])
    _merge_organisations(survivor, merged, office_user)
    assert list(both.co_organisers.all()) == [survivor]
    assert list(only_merged.co_organisers.all()) == [survivor]
    assert list(only_merged.first_contacts.all()) == [contacts[0]]


def test_it_keeps_the_chosen_values_and_logs_the_discarded_ones(duplicates, office_user):
    survivor, merged, _persons, _contacts = duplicates
    merged_pk = merged.pk
    log = _merge_organisations(survivor, merged, office_user, take=["sector"])
    survivor.refresh_from_db()
    assert survivor.sector == "Software"
    assert survivor.city == "Karlsruhe"
    assert survivor.name == "Maddox AI GmbH"
    assert survivor.version == 2
    differences = {d["field"]: d for d in log.differences}
    assert differences["city"] == {
        "field": "city",
        "label": "Ort",
        "kept": "Karlsruhe",
        "discarded": "Stuttgart",
    }
    assert differences["sector"]["kept"] == "Software"
    assert differences["sector"]["discarded"] == ""
    assert log.merged_id == merged_pk
    assert log.merged_data["name"] == "maddox-ai"
    assert log.moved["contacts.firstcontact.organisation"] == 2
    assert ("Erstgespräche (Organisation)", 2) in log.moved_rows()
    assert log.difference_rows()[0]["label"] == "Name"
    assert list(survivor.merge_logs.all()) == [log]


def test_it_refuses_a_stale_version_and_changes_nothing(duplicates, office_user):
    survivor, merged, _persons, _contacts = duplicates
    with pytest.raises(ValidationError, match="inzwischen von jemand anderem geändert"):
        organisation_merge(
            survivor=survivor,
            merged=merged,
            take_from_merged=[],
            survivor_version=survivor.version,
            merged_version=merged.version - 1,
            user=office_user,
        )
    assert Organisation.objects.filter(pk=merged.pk).exists()
    assert FirstContact.objects.filter(organisation=merged).count() == 2
    assert not MergeLog.objects.exists()


def test_it_refuses_to_merge_a_record_with_itself(duplicates, office_user):
    survivor = duplicates[0]
    with pytest.raises(ValidationError, match="mit sich selbst"):
        _merge_organisations(survivor, survivor, office_user)


def test_earlier_merge_logs_follow_the_survivor(duplicates, office_user):
    survivor, merged, _persons, _contacts = duplicates
    third = OrganisationFactory(name="Maddox")
    first_log = _merge_organisations(merged, third, office_user)
    merged.refresh_from_db()
    _merge_organisations(survivor, merged, office_user)
    first_log.refresh_from_db()
    assert first_log.organisation_id == survivor.pk
    assert survivor.merge_logs.count() == 2


def test_person_merge_moves_first_contact_links_without_duplicates(region, office_user):
    survivor = PersonFactory(email="anna@maddox.ai", phone="")
    merged = PersonFactory(email="ANNA@maddox.ai", phone="0721 1")
    shared = FirstContactFactory(persons=[survivor, merged])
    only_merged = FirstContactFactory(persons=[merged])
    speaker_event = EventFactory()
    speaker_event.speakers.add(merged)
    contacts_before = FirstContact.objects.count()
    log = person_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=["phone"],
        survivor_version=survivor.version,
        merged_version=merged.version,
        user=office_user,
    )
    assert FirstContact.objects.count() == contacts_before
    assert list(shared.persons.all()) == [survivor]
    assert list(only_merged.persons.all()) == [survivor]
    assert list(speaker_event.speakers.all()) == [survivor]
    survivor.refresh_from_db()
    assert survivor.phone == "0721 1"
    assert survivor.email == "anna@maddox.ai"
    assert log.person == survivor and log.organisation is None
    assert not Person.objects.filter(pk=merged.pk).exists()


def test_the_history_panel_costs_the_same_queries_for_many_merges(
    duplicates, office_user, django_assert_num_queries
):
    from django.template.loader import render_to_string

    survivor, merged, _persons, _contacts = duplicates
    _merge_organisations(survivor, merged, office_user)
    for n in range(3):
        extra = OrganisationFactory(name=f"Maddox {n}")
        survivor.refresh_from_db()
        _merge_organisations(survivor, extra, office_user)
    survivor = Organisation.objects.get(pk=survivor.pk)
    with django_assert_num_queries(1):
        html = render_to_string("contacts/data/merge_history.html", {"record": survivor})
    assert html.count("hier zusammengeführt") == 4


def test_a_do_not_contact_wish_survives_the_merge(region, office_user):
    survivor = PersonFactory(do_not_contact=False)
    merged = PersonFactory(do_not_contact=True)
    person_merge(
        survivor=survivor,
        merged=merged,
        take_from_merged=[],
        survivor_version=survivor.version,
        merged_version=merged.version,
        user=office_user,
    )
    survivor.refresh_from_db()
    assert survivor.do_not_contact


def test_a_taken_membership_status_passes_the_membership_checks(duplicates, office_user):
    from contacts import extensions

    survivor, merged, _persons, _contacts = duplicates
    Organisation.objects.filter(pk=merged.pk).update(membership_status="member")
    merged.refresh_from_db()

    def refuse_members(organisation, status):
        if status == "member":
            raise ValidationError("Ein Mitglied ist nie zugleich aktive:r Partner:in.")

    extensions.register_membership_check(refuse_members)
    try:
        with pytest.raises(ValidationError, match="Mitglied"):
            _merge_organisations(survivor, merged, office_user, take=["membership_status"])
    finally:
        extensions._membership_checks.remove(refuse_members)
    assert Organisation.objects.filter(pk=merged.pk).exists()
