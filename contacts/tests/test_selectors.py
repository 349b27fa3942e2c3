import datetime

import pytest
from django.utils import timezone

from contacts import selectors
from contacts.models import CooperationPotential, FirstContact, Organisation
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from kiallianz.tests.factories import OfferFactory

D = datetime.date
START, END = D(2024, 1, 1), D(2024, 12, 31)


@pytest.fixture
def contacts_around_2024(region, other_region):
    checked = FirstContact.QualityStatus.CHECKED
    return [
        FirstContactFactory(date=D(2023, 12, 31), region=region),
        FirstContactFactory(date=D(2024, 1, 1), region=region, quality_status=checked),
        FirstContactFactory(date=D(2024, 6, 1), region=other_region),
        FirstContactFactory(
            date=D(2024, 12, 31),
            region=other_region,
            quality_status=FirstContact.QualityStatus.IN_ECOSYSTEM,
        ),
        FirstContactFactory(date=D(2025, 1, 1), region=region),
    ]


@pytest.mark.django_db
class TestFirstContactsInPeriod:
    def test_it_includes_both_period_edges(self, contacts_around_2024):
        found = selectors.first_contacts_in_period(start=START, end=END)
        assert [fc.date for fc in found] == [D(2024, 1, 1), D(2024, 6, 1), D(2024, 12, 31)]

    def test_it_filters_regions_and_checked_ones(self, contacts_around_2024, region, other_region):
        assert (
            selectors.first_contacts_in_period(start=START, end=END, region_ids=[region.id]).count()
            == 1
        )
        checked = selectors.first_contacts_in_period(start=START, end=END, checked_only=True)
        assert [fc.date for fc in checked] == [D(2024, 1, 1), D(2024, 12, 31)]

    def test_it_counts_by_region_and_month(self, contacts_around_2024, region, other_region):
        assert selectors.first_contact_counts_by_region(start=START, end=END) == {
            region.id: 1,
            other_region.id: 2,
        }
        by_month = selectors.first_contact_counts_by_month(start=START, end=END)
        assert by_month == {
            (2024, 1): {region.id: 1},
            (2024, 6): {other_region.id: 1},
            (2024, 12): {other_region.id: 1},
        }


@pytest.mark.django_db
def test_it_counts_potentials_and_offers_once_per_contact(region):
    offer = OfferFactory(name="KI-Challenge")
    FirstContactFactory(
        date=D(2024, 3, 1),
        potentials=[CooperationPotential.SPEAKER, CooperationPotential.MEDIA_PARTNER],
        offers=[offer],
    )
    FirstContactFactory(date=D(2024, 4, 1), potentials=[CooperationPotential.SPEAKER])
    FirstContactFactory(
        date=D(2025, 4, 1), potentials=[CooperationPotential.SPEAKER], offers=[offer]
    )
    assert selectors.first_contact_counts_by_potential(start=START, end=END) == {
        "speaker": 2,
        "media_partner": 1,
    }
    assert selectors.first_contact_counts_by_offer(start=START, end=END) == {offer.id: 1}


@pytest.mark.django_db
def test_it_lists_organisations_as_of_the_end_of_a_berlin_day(region):
    early = OrganisationFactory(name="Frühe GmbH")
    late = OrganisationFactory(name="Späte GmbH")
    berlin = timezone.get_default_timezone()
    Organisation.objects.filter(pk=early.pk).update(
        created_at=datetime.datetime(2025, 2, 19, 23, 30, tzinfo=berlin)
    )
    Organisation.objects.filter(pk=late.pk).update(
        created_at=datetime.datetime(2025, 2, 20, 0, 0, tzinfo=berlin)
    )
    found = selectors.organisations_as_of(as_of=D(2025, 2, 19))
    assert list(found) == [early]


@pytest.mark.django_db
def test_it_lists_referrals_by_project(region):
    lab = OfferFactory(name="KI-Innovation Lab", slug="ki-innovation-lab")
    referred = FirstContactFactory(date=D(2024, 9, 1), referral_offer=lab)
    FirstContactFactory(date=D(2024, 9, 2))
    assert list(selectors.referred_first_contacts(start=START, end=END)) == [referred]
    assert (
        list(selectors.referred_first_contacts(start=START, end=END, offer_slug="datenplattform"))
        == []
    )


@pytest.mark.django_db
def test_the_monthly_chart_counts_equal_counting_every_row_in_python(region, other_region):
    """The database groups by month and region; the result is what reading
    every (date, region) row and counting in Python gives."""
    days = [
        D(2023, 12, 31),
        D(2024, 1, 1),
        D(2024, 1, 31),
        D(2024, 2, 1),
        D(2024, 2, 29),
        D(2024, 10, 9),
        D(2024, 12, 31),
        D(2025, 1, 1),
    ]
    for number, day in enumerate(days):
        for repeat in range(number % 3 + 1):
            FirstContactFactory(date=day, region=region if repeat % 2 else other_region)
    expected: dict = {}
    for fc in FirstContact.objects.filter(date__gte=START, date__lte=END):
        month = expected.setdefault((fc.date.year, fc.date.month), {})
        month[fc.region_id] = month.get(fc.region_id, 0) + 1
    counted = selectors.first_contact_counts_by_month(start=START, end=END)
    assert counted == expected
    assert counted[(2024, 2)] == {other_region.id: 2, region.id: 1}
    assert (2023, 12) not in counted and (2025, 1) not in counted


@pytest.mark.django_db
def test_the_organisation_list_counts_the_first_contacts_of_each_row(region):
    none = OrganisationFactory(name="Ohne Gespräch", region=region)
    one = OrganisationFactory(name="Ein Gespräch", region=region)
    three = OrganisationFactory(name="Drei Gespräche", region=region)
    FirstContactFactory(organisation=one, date=D(2024, 5, 2))
    for day in (D(2023, 1, 9), D(2024, 11, 30), D(2024, 2, 1)):
        FirstContactFactory(organisation=three, date=day)
    rows = {o.pk: o for o in selectors.organisation_list(filters={})[1]}
    assert (rows[none.pk].first_contact_count, rows[none.pk].last_contact_date) == (0, None)
    assert (rows[one.pk].first_contact_count, rows[one.pk].last_contact_date) == (1, D(2024, 5, 2))
    assert (rows[three.pk].first_contact_count, rows[three.pk].last_contact_date) == (
        3,
        D(2024, 11, 30),
    )
    by_count = selectors.organisation_list(filters={})[1].order_by("-first_contact_count", "-pk")
    assert list(by_count) == [three, one, none]
