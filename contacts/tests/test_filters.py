"""The list filters the dashboard links to count what the selectors count."""

import datetime

import pytest
from django.utils import timezone

from contacts import selectors
from contacts.filters import OrganisationFilter
from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory

D = datetime.date


def _created(name: str, when: datetime.datetime) -> Organisation:
    organisation = OrganisationFactory(name=name)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=when)
    return organisation


@pytest.fixture
def organisations_around_a_berlin_day():
    berlin = timezone.get_default_timezone()
    return [
        _created("Vortag GmbH", datetime.datetime(2025, 2, 18, 23, 59, tzinfo=berlin)),
        _created("Früh GmbH", datetime.datetime(2025, 2, 19, 0, 0, tzinfo=berlin)),
        _created("Spät GmbH", datetime.datetime(2025, 2, 19, 23, 30, tzinfo=berlin)),
        _created("Folgetag GmbH", datetime.datetime(2025, 2, 20, 0, 0, tzinfo=berlin)),
    ]


def _names(params: dict) -> list[str]:
    organisation_filter = OrganisationFilter(params, queryset=Organisation.objects.all())
    assert organisation_filter.is_valid()
    return sorted(organisation.name for organisation in organisation_filter.qs)


@pytest.mark.django_db
class TestOrganisationCreatedFilters:
    def test_it_includes_the_whole_berlin_day_of_created_before(
        self, organisations_around_a_berlin_day
    ):
        assert _names({"created_before": "2025-02-19"}) == [
            "Früh GmbH",
            "Spät GmbH",
            "Vortag GmbH",
        ]

    def test_it_includes_the_whole_berlin_day_of_created_after(
        self, organisations_around_a_berlin_day
    ):
        assert _names({"created_after": "2025-02-19"}) == [
            "Folgetag GmbH",
            "Früh GmbH",
            "Spät GmbH",
        ]
        assert _names({"created_after": "2025-02-19", "created_before": "2025-02-19"}) == [
            "Früh GmbH",
            "Spät GmbH",
        ]

    def test_it_counts_what_organisations_as_of_counts(self, organisations_around_a_berlin_day):
        as_of = selectors.organisations_as_of(as_of=D(2025, 2, 19))
        assert _names({"created_before": "2025-02-19"}) == sorted(o.name for o in as_of)

    def test_it_rejects_a_malformed_date_in_german(self, organisations_around_a_berlin_day):
        organisation_filter = OrganisationFilter(
            {"created_before": "19.02.2025x"}, queryset=Organisation.objects.all()
        )
        assert not organisation_filter.is_valid()
        assert "Bitte ein gültiges Datum eingeben." in organisation_filter.errors["created_before"]
