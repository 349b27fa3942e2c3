import pytest

from contacts.duplicates import (
    name_similarity,
    organisation_duplicate_candidates,
    person_duplicate_candidates,
)
from contacts.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_it_scores_similar_names():
    assert name_similarity("maddox ai", "maddox ai") == 1.0
    assert name_similarity("maddox ai", "madox ai") > 0.85
    assert name_similarity("maddox ai", "telenot") < 0.5


def test_it_finds_organisations_by_normalised_and_similar_name(region):
    koch = OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
    OrganisationFactory(name="Telenot Electronic", region=region)
    same = organisation_duplicate_candidates(name="Koch Freiburg")
    assert [c.record for c in same] == [koch]
    assert same[0].score == 1.0
    typo = organisation_duplicate_candidates(name="Koch Frieburg GmbH")
    assert [c.record for c in typo] == [koch]


def test_it_excludes_the_record_itself(region):
    koch = OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
    assert organisation_duplicate_candidates(name="Koch Freiburg", exclude_id=koch.pk) == []


def test_it_finds_organisations_by_website_or_person_email_domain(region):
    by_site = OrganisationFactory(name="Alpha", website="https://www.alpha-ki.de", region=region)
    by_mail = OrganisationFactory(name="Beta", website="", region=region)
    PersonFactory(organisation=by_mail, email="x@beta-werke.de")
    assert [
        c.record for c in organisation_duplicate_candidates(name="Anders", website="alpha-ki.de")
    ] == [by_site]
    assert [
        c.record
        for c in organisation_duplicate_candidates(name="Anders", website="https://beta-werke.de")
    ] == [by_mail]
    # "ha-ki.de" is contained in "alpha-ki.de" but is another domain.
    assert organisation_duplicate_candidates(name="Anders", website="ha-ki.de") == []


def test_it_finds_persons_by_email_and_name(region):
    organisation = OrganisationFactory(region=region)
    mia = PersonFactory(
        first_name="Mia", last_name="Muster", email="mia@firma.de", organisation=organisation
    )
    assert [c.record for c in person_duplicate_candidates(email="MIA@firma.de")] == [mia]
    assert [
        c.record
        for c in person_duplicate_candidates(
            first_name="mia", last_name="muster", organisation_id=organisation.pk
        )
    ] == [mia]
    assert person_duplicate_candidates(first_name="Max", last_name="Muster") == []
    assert person_duplicate_candidates(email="mia@firma.de", exclude_id=mia.pk) == []
