import pytest
from django.core.exceptions import ValidationError

from contacts.duplicates import organisation_duplicate_pairs, person_duplicate_pairs
from contacts.merging import organisation_merge, person_merge
from contacts.models import DuplicateDismissal
from contacts.services import duplicate_pair_dismiss
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(region):
    return {
        "koch": OrganisationFactory(name="KOCH Freiburg GmbH", region=region),
        "koch_same": OrganisationFactory(name="Koch Freiburg", region=region),
        "maddox": OrganisationFactory(name="Maddox AI GmbH", region=region),
        "maddox_typo": OrganisationFactory(name="Maddox AIs", region=region),
        "telenot": OrganisationFactory(
            name="Telenot Electronic", website="https://www.telenot.de", region=region
        ),
        "telenot_web": OrganisationFactory(
            name="Alarmtechnik Aalen", website="http://telenot.de/kontakt", region=region
        ),
        "robotik": OrganisationFactory(name="Schwarzwald Robotik AG", region=region),
        "medizin": OrganisationFactory(name="Schwarzwald Medizintechnik", region=region),
        "via_email": OrganisationFactory(name="Sicherheit Ostalb", region=region),
        "unrelated": OrganisationFactory(name="Bäckerei Müller", region=region),
    }


def test_it_finds_planted_organisation_duplicates_with_their_reason(organisations):
    pairs = organisation_duplicate_pairs()
    found = {frozenset((p.kept.pk, p.duplicate.pk)): p for p in pairs}
    o = organisations
    same = found[frozenset((o["koch"].pk, o["koch_same"].pk))]
    assert (same.reason, same.score) == ("gleicher Name", 1.0)
    similar = found[frozenset((o["maddox"].pk, o["maddox_typo"].pk))]
    assert similar.reason == "ähnlicher Name" and 0.85 <= similar.score < 1.0
    web = found[frozenset((o["telenot"].pk, o["telenot_web"].pk))]
    assert web.reason == "gleiche Web-/E-Mail-Domain"
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert pairs[0] == same


def test_it_does_not_pair_distinct_organisations(organisations):
    o = organisations
    paired = {pk for p in organisation_duplicate_pairs() for pk in (p.kept.pk, p.duplicate.pk)}
    # Same first word, different organisation; and an organisation with no twin.
    assert o["robotik"].pk not in paired and o["medizin"].pk not in paired
    assert o["unrelated"].pk not in paired
    assert len(organisation_duplicate_pairs()) == 3


def test_it_pairs_an_organisation_whose_persons_write_from_anothers_website_domain(
    organisations,
):
    o = organisations
    PersonFactory(organisation=o["via_email"], email="kim@telenot.de")
    PersonFactory(organisation=o["unrelated"], email="kim@gmail.com")  # freemail: no tie
    pairs = organisation_duplicate_pairs()
    assert {frozenset((p.kept.pk, p.duplicate.pk)) for p in pairs} >= {
        frozenset((o["via_email"].pk, o["telenot"].pk)),
        frozenset((o["via_email"].pk, o["telenot_web"].pk)),
    }
    assert o["unrelated"].pk not in {p.kept.pk for p in pairs} | {p.duplicate.pk for p in pairs}


def test_it_keeps_the_organisation_with_more_first_contacts_else_the_older(organisations):
    o = organisations
    FirstContactFactory(organisation=o["koch_same"])
    pairs = {frozenset((p.kept.pk, p.duplicate.pk)): p for p in organisation_duplicate_pairs()}
    koch = pairs[frozenset((o["koch"].pk, o["koch_same"].pk))]
    assert (koch.kept, koch.duplicate) == (o["koch_same"], o["koch"])
    assert koch.kept.first_contacts_counted == 1
    maddox = pairs[frozenset((o["maddox"].pk, o["maddox_typo"].pk))]
    assert (maddox.kept, maddox.duplicate) == (o["maddox"], o["maddox_typo"])


def test_it_limits_the_organisation_pairs_to_the_best(organisations):
    pairs = organisation_duplicate_pairs(limit=1)
    assert len(pairs) == 1 and pairs[0].score == 1.0


def test_a_merged_organisation_pair_disappears(organisations, office_user):
    o = organisations
    kept, duplicate = o["koch"], o["koch_same"]
    organisation_merge(
        survivor=kept,
        merged=duplicate,
        take_from_merged=[],
        survivor_version=kept.version,
        merged_version=duplicate.version,
        user=office_user,
    )
    pairs = organisation_duplicate_pairs()
    assert kept.pk not in {pk for p in pairs for pk in (p.kept.pk, p.duplicate.pk)}
    assert len(pairs) == 2


@pytest.fixture
def persons(region):
    acme = OrganisationFactory(name="Acme Robotik", region=region)
    other = OrganisationFactory(name="Ganz Andere GmbH", region=region)
    return {
        "anna": PersonFactory(
            first_name="Anna", last_name="Schmidt", email="anna@acme.de", organisation=acme
        ),
        "anna_mail": PersonFactory(
            first_name="Anne", last_name="Schmitt", email=" Anna@ACME.de", organisation=other
        ),
        "bernd": PersonFactory(
            first_name="Bernd", last_name="Weber", email="bernd@acme.de", organisation=acme
        ),
        "bernd_name": PersonFactory(
            first_name="bernd", last_name="WEBER", email="b.weber@gmail.com", organisation=acme
        ),
        "weber_no_first": PersonFactory(
            first_name="", last_name="Weber", email="", organisation=other
        ),
        "clara_weber": PersonFactory(
            first_name="Clara", last_name="Weber", email="clara@acme.de", organisation=acme
        ),
        "bernd_elsewhere": PersonFactory(
            first_name="Bernd", last_name="Weber", email="bw@andere.de", organisation=other
        ),
    }


def test_it_finds_planted_person_duplicates_with_their_reason(persons):
    p = persons
    pairs = person_duplicate_pairs()
    found = {frozenset((x.kept.pk, x.duplicate.pk)): x for x in pairs}
    email = found[frozenset((p["anna"].pk, p["anna_mail"].pk))]
    assert (email.reason, email.score) == ("gleiche E-Mail-Adresse", 1.0)
    name = found[frozenset((p["bernd"].pk, p["bernd_name"].pk))]
    assert (name.reason, name.score) == ("gleicher Name", 0.9)
    # No first name matches any first name within the same organisation.
    assert frozenset((p["weber_no_first"].pk, p["bernd_elsewhere"].pk)) in found
    # Different first name; or same name in another organisation: not paired.
    assert frozenset((p["bernd"].pk, p["clara_weber"].pk)) not in found
    assert frozenset((p["bernd"].pk, p["bernd_elsewhere"].pk)) not in found
    assert len(found) == 3
    assert pairs[0] == email


def test_a_merged_person_pair_disappears(persons, office_user):
    p = persons
    kept, duplicate = p["bernd"], p["bernd_name"]
    person_merge(
        survivor=kept,
        merged=duplicate,
        take_from_merged=[],
        survivor_version=kept.version,
        merged_version=duplicate.version,
        user=office_user,
    )
    found = {frozenset((x.kept.pk, x.duplicate.pk)) for x in person_duplicate_pairs()}
    assert frozenset((kept.pk, duplicate.pk)) not in found
    assert len(found) == 2


def test_it_pairs_a_typo_in_the_first_word_but_not_names_differing_in_a_number(region):
    original = OrganisationFactory(name="Schwarzwald Robotik AG", region=region)
    typo = OrganisationFactory(name="Schwarzwlad Robotik", region=region)
    OrganisationFactory(name="Fraunhofer Werk 1", region=region)
    OrganisationFactory(name="Fraunhofer Werk 2", region=region)
    pairs = organisation_duplicate_pairs()
    assert [(p.kept, p.duplicate, p.reason) for p in pairs] == [(original, typo, "ähnlicher Name")]


def test_a_pair_judged_no_duplicate_is_no_longer_suggested(organisations, persons, office_user):
    o, p = organisations, persons
    duplicate_pair_dismiss(
        kind="organisation", first_id=o["koch_same"].pk, second_id=o["koch"].pk, user=office_user
    )
    duplicate_pair_dismiss(  # twice changes nothing
        kind="organisation", first_id=o["koch"].pk, second_id=o["koch_same"].pk, user=office_user
    )
    duplicate_pair_dismiss(
        kind="person", first_id=p["anna"].pk, second_id=p["anna_mail"].pk, user=office_user
    )
    assert DuplicateDismissal.objects.count() == 2
    organisation_pairs = {
        frozenset((x.kept.pk, x.duplicate.pk)) for x in organisation_duplicate_pairs()
    }
    assert frozenset((o["koch"].pk, o["koch_same"].pk)) not in organisation_pairs
    assert len(organisation_pairs) == 2
    person_pairs = {frozenset((x.kept.pk, x.duplicate.pk)) for x in person_duplicate_pairs()}
    assert frozenset((p["anna"].pk, p["anna_mail"].pk)) not in person_pairs
    assert len(person_pairs) == 2


def test_it_refuses_to_dismiss_a_pair_of_missing_records(organisations, office_user):
    koch = organisations["koch"]
    with pytest.raises(ValidationError, match="gibt es nicht"):
        duplicate_pair_dismiss(
            kind="organisation", first_id=koch.pk, second_id=koch.pk + 999, user=office_user
        )
    with pytest.raises(ValidationError):
        duplicate_pair_dismiss(kind="person", first_id=koch.pk, second_id=koch.pk, user=office_user)
    assert not DuplicateDismissal.objects.exists()


def test_it_pairs_names_that_differ_in_legal_form_and_place(region):
    OrganisationFactory(name="CyberForum e.V.", city="Karlsruhe", region=region)
    OrganisationFactory(name="CyberForum Karlsruhe", city="Karlsruhe", region=region)
    OrganisationFactory(name="Carl-Zeiss-Stiftung", city="Stuttgart", region=region)
    OrganisationFactory(name="Carl Zeiss gGmbH", city="Stuttgart", region=region)
    OrganisationFactory(name="Stadtwerke Karlsruhe", city="Karlsruhe", region=region)
    OrganisationFactory(name="Stadtwerke Stuttgart", city="Stuttgart", region=region)
    found = {(p.kept.name, p.duplicate.name): p.reason for p in organisation_duplicate_pairs()}
    assert found == {
        ("CyberForum e.V.", "CyberForum Karlsruhe"): "gleicher Name ohne Ort",
        ("Carl-Zeiss-Stiftung", "Carl Zeiss gGmbH"): "gleicher Name ohne Ort",
    }


def test_it_does_not_pair_short_similar_names_of_different_cities(region):
    OrganisationFactory(name="Junk GmbH", city="Ulm", region=region)
    OrganisationFactory(name="Junck AG", city="Aalen", region=region)
    OrganisationFactory(name="Heinz GmbH", city="Freiburg", region=region)
    OrganisationFactory(name="Hein KG", city="Offenburg", region=region)
    OrganisationFactory(name="Präzisionsmechanik Müller", city="Ulm", region=region)
    OrganisationFactory(name="Praezisionsmechanik Muller", city="Ulm", region=region)
    found = {(p.kept.name, p.duplicate.name) for p in organisation_duplicate_pairs()}
    assert found == {("Präzisionsmechanik Müller", "Praezisionsmechanik Muller")}


def test_it_pairs_umlaut_spellings_and_typos_of_a_person_only_with_a_shared_context(region):
    acme = OrganisationFactory(name="Acme Robotik", region=region)
    other = OrganisationFactory(name="Ganz Andere GmbH", city="Ulm", region=region)
    jurgen = PersonFactory(first_name="Jürgen", last_name="Müller", email="", organisation=acme)
    juergen = PersonFactory(first_name="Juergen", last_name="Mueller", email="", organisation=acme)
    typo = PersonFactory(
        first_name="Katharina", last_name="Schneider", email="k@acme.de", organisation=acme
    )
    twin = PersonFactory(
        first_name="Katarina", last_name="Schneider", email="ks@acme.de", organisation=None
    )
    # Same name, other organisation and domain: a name alone pairs nobody.
    PersonFactory(first_name="Jürgen", last_name="Müller", email="jm@andere.de", organisation=other)
    # Short surnames: „Hein“ is not „Heinz“, even in one organisation.
    PersonFactory(first_name="Eva", last_name="Hein", email="", organisation=acme)
    PersonFactory(first_name="Eva", last_name="Heinz", email="", organisation=acme)
    found = {frozenset((p.kept.pk, p.duplicate.pk)) for p in person_duplicate_pairs()}
    assert found == {frozenset((jurgen.pk, juergen.pk)), frozenset((typo.pk, twin.pk))}


def test_it_pairs_persons_with_the_same_phone_and_a_similar_name(region):
    first = PersonFactory(first_name="Tom", last_name="Berger", phone="+49 721 123456", email="")
    second = PersonFactory(
        first_name="Thomas", last_name="Berger", phone="+49 721 123456", email=""
    )
    PersonFactory(first_name="Zora", last_name="Alt", phone="+49 721 123456", email="")
    pairs = person_duplicate_pairs()
    assert [(p.reason, {p.kept, p.duplicate}) for p in pairs] == [
        ("gleiche Telefonnummer", {first, second})
    ]


def test_imports_and_edits_enqueue_a_new_computation_on_commit(
    region, office_user, django_capture_on_commit_callbacks
):
    from contacts.importing import contacts_import
    from contacts.models import DuplicateSuggestion
    from contacts.services import person_update
    from kiallianz.services import database_statistics_refresh

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        contacts_import(
            data=b"Organisation;Ort\nMaddox AI GmbH;Karlsruhe\nMaddox AIs;Karlsruhe\n",
            user=office_user,
        )
    # One enqueue; the other callback refreshes the planner statistics.
    assert len([c for c in callbacks if c is not database_statistics_refresh]) == 1
    assert DuplicateSuggestion.objects.filter(kind="organisation").count() == 1
    person = PersonFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        person_update(person=person, version=person.version, function="CTO")
    assert len(callbacks) == 1


def test_an_edit_succeeds_when_the_broker_is_down(
    region, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from contacts.services import person_update
    from contacts.services.duplicates import DUPLICATE_REFRESH_PENDING

    monkeypatch.setattr("kiallianz.celery.enqueue", lambda task, *args, **kwargs: False)
    cache.delete(DUPLICATE_REFRESH_PENDING)
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        person_update(person=person, version=person.version, function="CTO")
    person.refresh_from_db()
    assert person.function == "CTO"
    # Not marked as queued: the next write tries again.
    assert cache.get(DUPLICATE_REFRESH_PENDING) is None


def test_one_transaction_enqueues_one_computation(region, django_capture_on_commit_callbacks):
    from django.db import transaction

    from contacts.services import organisation_create

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for name in ("Alpha GmbH", "Beta GmbH", "Gamma GmbH"):
            organisation_create(user=None, name=name, region=region)
    assert len(callbacks) == 1
