import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts import extensions, services
from contacts.models import CooperationPotential, FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def refuse_members(monkeypatch):
    monkeypatch.setattr(extensions, "_membership_checks", [])
    seen = []

    def check(organisation, new_status):
        seen.append((organisation.pk, new_status))
        if new_status == Organisation.MembershipStatus.MEMBER:
            raise ValidationError({"membership_status": "Aktive Partner:in, kein Mitglied."})

    extensions.register_membership_check(check)
    return seen


class TestOrganisation:
    def test_it_creates_with_normalised_name(self, cm_user, region):
        organisation = services.organisation_create(
            user=cm_user, name="  Maddox AI GmbH ", region=region, city="Tübingen"
        )
        assert organisation.name == "Maddox AI GmbH"
        assert organisation.normalized_name == "maddox ai"
        assert organisation.created_by == cm_user

    def test_it_refuses_an_empty_name(self, cm_user, region):
        with pytest.raises(ValidationError) as error:
            services.organisation_create(user=cm_user, name="  ", region=region)
        assert "name" in error.value.message_dict
        assert not Organisation.objects.exists()

    def test_it_updates_and_bumps_the_version(self, region):
        organisation = OrganisationFactory(region=region)
        services.organisation_update(organisation=organisation, version=1, name="Neu GmbH")
        organisation.refresh_from_db()
        assert (organisation.name, organisation.normalized_name, organisation.version) == (
            "Neu GmbH",
            "neu",
            2,
        )

    def test_it_refuses_a_stale_version(self, region):
        organisation = OrganisationFactory(region=region, name="Alt GmbH")
        services.organisation_update(organisation=organisation, version=1, city="Aalen")
        stale = Organisation.objects.get(pk=organisation.pk)
        stale.version = 1  # the form was rendered before the first save
        with pytest.raises(ValidationError, match="inzwischen von jemand anderem"):
            services.organisation_update(organisation=stale, version=1, name="Überschrieben")
        assert Organisation.objects.get(pk=organisation.pk).name == "Alt GmbH"

    def test_it_runs_membership_checks_when_the_status_changes(self, region, refuse_members):
        organisation = OrganisationFactory(region=region)
        services.organisation_update(organisation=organisation, version=1, city="Aalen")
        assert refuse_members == []
        with pytest.raises(ValidationError):
            services.organisation_update(
                organisation=organisation, version=2, membership_status="member"
            )
        assert refuse_members == [(organisation.pk, "member")]
        assert Organisation.objects.get(pk=organisation.pk).membership_status == "none"
        services.organisation_update(
            organisation=Organisation.objects.get(pk=organisation.pk),
            version=2,
            membership_status="cooperative_member",
        )
        assert refuse_members[-1] == (organisation.pk, "cooperative_member")


class TestPerson:
    def test_it_normalises_email_and_phone(self, region):
        organisation = OrganisationFactory(region=region)
        person = services.person_create(
            user=None,
            last_name="Muster",
            first_name="Mia",
            email=" Mia.Muster@Example.ORG ",
            phone="0721 1234567",
            organisation=organisation,
        )
        assert person.email == "mia.muster@example.org"
        assert person.phone == "+49 721 1234567"

    @pytest.mark.parametrize(
        ("field", "value"), [("email", "keine-mail"), ("phone", "12"), ("phone", "abc")]
    )
    def test_it_refuses_bad_contact_data(self, field, value):
        with pytest.raises(ValidationError) as error:
            services.person_create(user=None, last_name="Muster", **{field: value})
        assert field in error.value.message_dict
        assert not Person.objects.exists()

    def test_it_needs_a_date_for_consent(self):
        with pytest.raises(ValidationError) as error:
            services.person_create(user=None, last_name="Muster", legal_basis="consent")
        assert "consent_date" in error.value.message_dict

    def test_it_refuses_a_stale_version(self):
        person = PersonFactory()
        with pytest.raises(ValidationError):
            services.person_update(person=person, version=7, last_name="Neu")
        assert Person.objects.get(pk=person.pk).last_name != "Neu"


class TestFirstContact:
    def test_it_creates_with_relations(self, cm_user, region):
        organisation = OrganisationFactory(region=region)
        person = PersonFactory(organisation=organisation)
        offer = OfferFactory(name="KI-Challenge")
        fc = services.first_contact_create(
            user=cm_user,
            date=datetime.date(2024, 6, 1),
            region=region,
            organisation=organisation,
            persons=[person],
            offers=[offer],
            potentials=[CooperationPotential.SPEAKER, CooperationPotential.MEDIA_PARTNER],
            content="Gespräch",
        )
        assert fc.community_manager == cm_user
        assert list(fc.persons.all()) == [person]
        assert list(fc.offers.all()) == [offer]
        assert set(fc.potentials.values_list("potential", flat=True)) == {
            "speaker",
            "media_partner",
        }
        assert fc.quality_status == FirstContact.QualityStatus.NEW

    def test_it_refuses_a_future_date(self, cm_user, region):
        organisation = OrganisationFactory(region=region)
        with pytest.raises(ValidationError) as error:
            services.first_contact_create(
                user=cm_user,
                date=timezone.localdate() + datetime.timedelta(days=1),
                region=region,
                organisation=organisation,
            )
        assert "date" in error.value.message_dict
        assert not FirstContact.objects.exists()

    def test_it_replaces_potentials_on_update(self, region):
        fc = FirstContactFactory(region=region, potentials=["speaker", "other"])
        services.first_contact_update(
            first_contact=fc, version=1, potentials=["other", "funding_project"], content="neu"
        )
        fc.refresh_from_db()
        assert fc.version == 2 and fc.content == "neu"
        assert set(fc.potentials.values_list("potential", flat=True)) == {
            "other",
            "funding_project",
        }

    def test_capture_saves_nothing_when_a_new_person_is_invalid(self, cm_user, region):
        with pytest.raises(ValidationError) as error:
            services.first_contact_capture(
                user=cm_user,
                organisation=None,
                new_organisation={"name": "Neu GmbH", "kind": "company"},
                new_persons=[{"last_name": "Muster", "phone": "0"}],
                date=datetime.date(2024, 5, 5),
                region=region,
            )
        assert "person_0__phone" in error.value.message_dict
        assert not Organisation.objects.exists()
        assert not Person.objects.exists()

    def test_capture_creates_organisation_persons_and_contact(self, cm_user, region):
        fc = services.first_contact_capture(
            user=cm_user,
            organisation=None,
            new_organisation={"name": "Vioonic GmbH", "kind": "startup", "city": "Reutlingen"},
            new_persons=[{"first_name": "Vera", "last_name": "Beispiel", "email": "v@example.org"}],
            date=datetime.date(2024, 11, 14),
            region=region,
        )
        assert fc.organisation.name == "Vioonic GmbH"
        assert fc.organisation.region == region
        assert fc.persons.get().organisation == fc.organisation


class TestQualityAndFollowUps:
    def test_it_records_reviewer_and_time(self, office_user, region):
        fc = FirstContactFactory(region=region)
        services.first_contact_set_quality_status(
            first_contact=fc, reviewer=office_user, status="in_ecosystem", relevance=3
        )
        fc.refresh_from_db()
        assert (fc.quality_status, fc.relevance, fc.reviewed_by, fc.version) == (
            "in_ecosystem",
            3,
            office_user,
            2,
        )
        assert fc.reviewed_at is not None

    def test_it_refuses_a_relevance_outside_one_to_three(self, office_user, region):
        fc = FirstContactFactory(region=region)
        with pytest.raises(ValidationError):
            services.first_contact_set_quality_status(
                first_contact=fc, reviewer=office_user, status="checked", relevance=5
            )

    def test_bulk_check_only_touches_new_contacts(self, office_user, region):
        new = FirstContactFactory(region=region)
        irrelevant = FirstContactFactory(region=region, quality_status="not_relevant")
        count = services.first_contacts_mark_checked(
            first_contact_ids=[new.pk, irrelevant.pk], reviewer=office_user, relevance=2
        )
        assert count == 1
        new.refresh_from_db()
        irrelevant.refresh_from_db()
        assert (new.quality_status, new.relevance, new.reviewed_by) == ("checked", 2, office_user)
        # Forms opened before the bulk „geprüft“ are refused: the version rose.
        assert (new.version, irrelevant.version) == (2, 1)
        assert irrelevant.quality_status == "not_relevant"

    def test_it_marks_a_follow_up_done(self, region):
        fc = FirstContactFactory(region=region, follow_up_date=datetime.date(2024, 7, 1))
        services.follow_up_mark_done(first_contact=fc)
        fc.refresh_from_db()
        assert (fc.follow_up_done, fc.version) == (True, 2)

    def test_an_edit_form_opened_before_done_is_refused(self, region):
        fc = FirstContactFactory(region=region, follow_up_date=datetime.date(2024, 7, 1))
        services.follow_up_mark_done(first_contact=FirstContact.objects.get(pk=fc.pk))
        with pytest.raises(ValidationError, match="inzwischen"):
            services.first_contact_update(first_contact=fc, version=1, content="Später")
        assert FirstContact.objects.get(pk=fc.pk).content != "Später"

    def test_the_cleaning_rules_are_plain_functions_for_importers(self):
        from contacts.services.cleaning import (
            first_contact_date_errors,
            person_consent_errors,
        )

        today = datetime.date(2024, 10, 1)
        assert first_contact_date_errors(datetime.date(2024, 10, 2), today=today) == {
            "date": ["Ein Erstgespräch kann nicht in der Zukunft liegen."]
        }
        assert first_contact_date_errors(today, today=today) == {}
        assert person_consent_errors(Person.LegalBasis.CONSENT, None)
        assert person_consent_errors(Person.LegalBasis.CONSENT, today) == {}
