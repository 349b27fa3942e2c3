import datetime

import pytest

from partners.selectors import partner_list, partners_active_at, partners_new_in_period
from partners.services import partner_end, partner_reactivate
from partners.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def partners():
    """open: since 1 Mar 2024; ended: 1 Feb–30 Jun 2024; back: ended 31 Mar,
    again since 1 Oct 2024."""
    open_partner = PartnerFactory(since=D(2024, 3, 1))
    ended = PartnerFactory(since=D(2024, 2, 1))
    partner_end(partner=ended, ended=D(2024, 6, 30))
    back = PartnerFactory(since=D(2024, 1, 15))
    partner_end(partner=back, ended=D(2024, 3, 31))
    partner_reactivate(partner=back, since=D(2024, 10, 1))
    return {"open": open_partner, "ended": ended, "back": back}


def _names(queryset, partners):
    ids = set(queryset.values_list("id", flat=True))
    return {key for key, partner in partners.items() if partner.id in ids}


def test_it_counts_a_partner_active_on_its_start_day(partners):
    assert _names(partners_active_at(day=D(2024, 3, 1)), partners) == {"open", "ended", "back"}
    assert _names(partners_active_at(day=D(2024, 2, 29)), partners) == {"ended", "back"}


def test_it_counts_a_partner_active_on_its_end_day_but_not_after(partners):
    assert "ended" in _names(partners_active_at(day=D(2024, 6, 30)), partners)
    assert "ended" not in _names(partners_active_at(day=D(2024, 7, 1)), partners)


def test_it_leaves_out_a_partner_ended_the_day_before(partners):
    assert "back" not in _names(partners_active_at(day=D(2024, 4, 1)), partners)


def test_it_counts_a_reactivated_partner_again(partners):
    assert "back" not in _names(partners_active_at(day=D(2024, 9, 30)), partners)
    assert "back" in _names(partners_active_at(day=D(2024, 10, 1)), partners)
    assert "back" in _names(partners_active_at(day=D(2025, 2, 19)), partners)


def test_it_finds_partners_new_in_a_period_inclusive(partners):
    assert _names(partners_new_in_period(start=D(2024, 3, 1), end=D(2024, 10, 1)), partners) == {
        "open",
        "back",
    }
    assert (
        _names(partners_new_in_period(start=D(2024, 3, 2), end=D(2024, 9, 30)), partners) == set()
    )
    assert _names(partners_new_in_period(start=D(2024, 1, 1), end=D(2024, 2, 1)), partners) == {
        "ended",
        "back",
    }


def test_it_selects_the_organisation_along(partners, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [p.organisation.name for p in partners_active_at(day=D(2024, 3, 1))]
    assert len(names) == 3


def test_it_filters_the_list_by_activity_and_start(partners):
    def listed(**params):
        return _names(partner_list(params=params)[1], partners)

    assert listed(active="1") == {"open", "back"}
    assert listed(active="0") == {"ended"}
    assert listed(started_after="2024-03-01", started_before="2024-03-31") == {"open"}
    assert listed(started_after="2024-10-01") == {"back"}
    assert listed(year="2024") == {"open", "ended", "back"}
    assert listed(year="2023") == set()


def test_it_filters_the_list_by_region_category_and_text(region, other_region):
    karlsruhe = PartnerFactory(regions=[region], category="chamber")
    freiburg = PartnerFactory(
        regions=[other_region], category="media", organisation__name="Medienhaus Süd GmbH"
    )
    partners = {"karlsruhe": karlsruhe, "freiburg": freiburg}

    def listed(**params):
        return _names(partner_list(params=params)[1], partners)

    assert listed(region=str(other_region.pk)) == {"freiburg"}
    assert listed(category="chamber") == {"karlsruhe"}
    assert listed(q="medienhaus") == {"freiburg"}
