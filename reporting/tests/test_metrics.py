"""Each metric against hand-counted fixtures, at the period edges and the as-of date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events.models import EventKind, EventStatus, SizeCategory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from partners.tests.factories import PartnerFactory, PartnershipSpanFactory
from reporting.metrics import all_metrics, get_metric
from reporting.models import CommunicationActivity, TransferProject
from reporting.tests.factories import CommunicationActivityFactory, TransferProjectFactory

START = datetime.date(2024, 1, 1)
END = datetime.date(2024, 12, 31)
AS_OF = datetime.date(2024, 6, 30)


def compute(key, *, region_ids=None, as_of=AS_OF, **params):
    return get_metric(key).compute(
        start=START, end=END, as_of=as_of, region_ids=region_ids, params=params
    )


def test_every_metric_has_a_key_a_german_label_and_a_parameter_schema():
    keys = [metric.key for metric in all_metrics()]
    assert len(keys) == len(set(keys))
    assert {
        "first_contacts",
        "organisations",
        "events_held",
        "ki_challenge_regions",
        "ki_challenge_rounds",
        "workshops",
        "funding_consultations",
        "transfer_projects",
        "partners_active",
        "partners_new",
        "communication_activities",
    } <= set(keys)
    for metric in all_metrics():
        assert str(metric.label)
        for param in metric.params:
            assert param.type in ("bool", "choice", "multiple")


@pytest.mark.django_db
class TestFirstContacts:
    @pytest.fixture
    def contacts(self, region, other_region):
        checked = FirstContact.QualityStatus.CHECKED
        FirstContactFactory(date=datetime.date(2023, 12, 31), region=region)  # before
        FirstContactFactory(date=START, region=region, quality_status=checked)  # first day
        FirstContactFactory(date=AS_OF, region=region)  # the as-of day counts
        FirstContactFactory(date=AS_OF + datetime.timedelta(days=1), region=region)  # after
        FirstContactFactory(date=datetime.date(2024, 3, 1), region=other_region)

    def test_it_counts_first_contacts_from_start_to_the_as_of_date(self, contacts):
        result = compute("first_contacts")
        assert result.value == 3
        assert result.drilldown_url == "/contacts/?date_after=2024-01-01&date_before=2024-06-30"

    def test_it_counts_per_region_and_links_the_filtered_list(self, contacts, region):
        result = compute("first_contacts", region_ids=[region.id])
        assert result.value == 2
        assert result.drilldown_url == (
            f"/contacts/?region={region.id}&date_after=2024-01-01&date_before=2024-06-30"
        )

    def test_it_counts_only_checked_ones_when_asked(self, contacts):
        result = compute("first_contacts", checked_only=True)
        assert result.value == 1
        assert result.drilldown_url.endswith("&checked_only=1")

    def test_it_stops_at_the_end_of_the_period_when_the_as_of_date_is_later(self, contacts):
        FirstContactFactory(date=END)
        FirstContactFactory(date=END + datetime.timedelta(days=1))
        assert compute("first_contacts", as_of=datetime.date(2025, 2, 19)).value == 5


@pytest.mark.django_db
def test_it_counts_organisations_created_by_the_end_of_the_as_of_day(region, other_region):
    old = OrganisationFactory(region=region)
    on_the_day = OrganisationFactory(region=other_region)
    later = OrganisationFactory(region=region)
    berlin = timezone.get_default_timezone()
    for organisation, moment in [
        (old, datetime.datetime(2024, 2, 1, 12, 0)),
        (on_the_day, datetime.datetime(2024, 6, 30, 23, 30)),
        (later, datetime.datetime(2024, 7, 1, 0, 30)),
    ]:
        type(organisation).objects.filter(pk=organisation.pk).update(
            created_at=timezone.make_aware(moment, berlin)
        )
    assert compute("organisations").value == 2
    assert compute("organisations", region_ids=[region.id]).value == 1


@pytest.mark.django_db
class TestEvents:
    @pytest.fixture
    def events(self, region, other_region):
        held, planned = EventStatus.HELD, EventStatus.PLANNED
        small, large = SizeCategory.SMALL, SizeCategory.LARGE
        EventFactory(start_date=START, region=region, size_category=small, status=held)
        EventFactory(start_date=AS_OF, region=region, size_category=large, status=held)
        EventFactory(start_date=datetime.date(2024, 7, 1), region=region, status=held)  # after
        EventFactory(start_date=datetime.date(2024, 2, 1), region=region, status=planned)
        EventFactory(start_date=datetime.date(2023, 12, 31), region=region, status=held)
        EventFactory(start_date=datetime.date(2024, 3, 1), region=other_region, size_category=small)
        EventFactory(
            start_date=datetime.date(2024, 3, 2), region=region, kind=EventKind.STATUS_MEETING
        )
        EventFactory(start_date=datetime.date(2024, 4, 1), region=region, kind=EventKind.TRADE_FAIR)

    def test_it_counts_held_events_without_internal_meetings(self, events, region):
        assert compute("events_held").value == 4
        assert compute("events_held", region_ids=[region.id]).value == 3

    def test_it_filters_by_size_and_kind_and_links_the_event_list(self, events, region):
        result = compute("events_held", region_ids=[region.id], size=SizeCategory.SMALL)
        assert result.value == 2
        assert result.drilldown_url == (
            f"/events/?region={region.id}&status=held&size_category=small&internal=0"
            "&date_after=2024-01-01&date_before=2024-06-30"
        )
        fair = compute("events_held", kinds=[EventKind.TRADE_FAIR])
        assert fair.value == 1
        assert "kind=trade_fair" in fair.drilldown_url

    def test_it_counts_internal_meetings_when_asked_for_by_kind(self, events):
        assert compute("events_held", kinds=[EventKind.STATUS_MEETING]).value == 1


@pytest.mark.django_db
def test_it_counts_workshops_and_funding_consultations_by_kind(region):
    held = EventStatus.HELD
    EventFactory(kind=EventKind.WORKSHOP_NEW_TOPICS, start_date=AS_OF, region=region, status=held)
    EventFactory(kind=EventKind.FUNDING_WORKSHOP, start_date=START, region=region, status=held)
    EventFactory(kind=EventKind.FUNDING_WORKSHOP, start_date=datetime.date(2024, 7, 1))
    EventFactory(kind=EventKind.FUNDING_CONSULTATION, start_date=START, status=held)
    EventFactory(kind=EventKind.FUNDING_CONSULTATION, start_date=START, status=EventStatus.PLANNED)
    assert compute("workshops").value == 2
    assert compute("workshops", kinds=[EventKind.FUNDING_WORKSHOP]).value == 1
    result = compute("funding_consultations", region_ids=[region.id])
    assert result.value == 1
    assert "kind=funding_consultation" in result.drilldown_url


@pytest.mark.django_db
def test_it_counts_regions_with_a_held_ki_challenge_and_the_rounds(region, other_region):
    held = EventStatus.HELD
    KIChallengeRoundFactory(region=region, start_date=START, status=held)
    KIChallengeRoundFactory(region=region, start_date=AS_OF, status=held)
    KIChallengeRoundFactory(region=other_region, start_date=datetime.date(2024, 5, 6))
    KIChallengeRoundFactory(region=other_region, start_date=datetime.date(2024, 7, 1), status=held)
    assert compute("ki_challenge_regions").value == 1
    assert compute("ki_challenge_rounds").value == 2
    assert compute("ki_challenge_rounds", as_of=END).value == 3
    assert compute("ki_challenge_regions", as_of=END).value == 2
    assert compute("ki_challenge_rounds", region_ids=[region.id]).drilldown_url == (
        f"/events/ki-challenge/?region={region.id}&status=held"
        "&date_after=2024-01-01&date_before=2024-06-30"
    )


@pytest.mark.django_db
def test_it_counts_transfer_projects_initiated_by_status(region, other_region):
    status = TransferProject.Status
    TransferProjectFactory(initiated_on=START, region=region, status=status.SUBMITTED)
    TransferProjectFactory(initiated_on=AS_OF, region=region, status=status.IDEA)
    TransferProjectFactory(initiated_on=datetime.date(2024, 7, 1), region=region)
    TransferProjectFactory(initiated_on=datetime.date(2024, 3, 1), region=other_region)
    assert compute("transfer_projects").value == 3
    result = compute("transfer_projects", region_ids=[region.id], statuses=[status.SUBMITTED])
    assert result.value == 1
    assert result.drilldown_url == (
        f"/transfer-projects/?region={region.id}&status=submitted"
        "&date_after=2024-01-01&date_before=2024-06-30"
    )


@pytest.mark.django_db
def test_it_counts_communication_activities_by_kind(region):
    kind = CommunicationActivity.Kind
    CommunicationActivityFactory(date=START, kind=kind.PRESS_RELEASE, region=region)
    CommunicationActivityFactory(date=AS_OF, kind=kind.LINKEDIN_POST, region=None)
    CommunicationActivityFactory(date=datetime.date(2024, 7, 1), kind=kind.LINKEDIN_POST)
    assert compute("communication_activities").value == 2
    assert compute("communication_activities", kinds=[kind.LINKEDIN_POST]).value == 1
    assert compute("communication_activities", region_ids=[region.id]).value == 1
    assert compute("communication_activities").drilldown_url.startswith("/communications/?")


@pytest.mark.django_db
def test_it_counts_partners_active_at_the_end_of_the_window():
    PartnerFactory(since=datetime.date(2023, 5, 1))
    ended = PartnerFactory(since=False)
    PartnershipSpanFactory(
        partner=ended, since=datetime.date(2024, 2, 1), ended=datetime.date(2024, 6, 29)
    )
    still_on_as_of = PartnerFactory(since=False)
    PartnershipSpanFactory(
        partner=still_on_as_of, since=datetime.date(2024, 2, 1), ended=datetime.date(2024, 8, 1)
    )
    PartnerFactory(since=datetime.date(2024, 7, 1))  # after the as-of date
    active = compute("partners_active")
    assert active.value == 2
    assert active.drilldown_url == "/partners/?active_on=2024-06-30"


@pytest.mark.django_db
def test_it_counts_partners_whose_span_began_in_the_window():
    PartnerFactory(since=datetime.date(2023, 12, 31))
    PartnerFactory(since=START)
    PartnerFactory(since=AS_OF)
    PartnerFactory(since=datetime.date(2024, 7, 1))
    renewed = PartnerFactory(since=False)
    PartnershipSpanFactory(
        partner=renewed, since=datetime.date(2023, 1, 1), ended=datetime.date(2023, 6, 1)
    )
    PartnershipSpanFactory(partner=renewed, since=datetime.date(2024, 3, 1))
    new = compute("partners_new")
    assert new.value == 3
    assert new.drilldown_url == "/partners/?started_after=2024-01-01&started_before=2024-06-30"


class TestParameterValidation:
    def test_it_refuses_an_unknown_event_kind_in_german(self):
        with pytest.raises(ValidationError) as error:
            get_metric("events_held").clean_params({"kinds": ["barbecue"]})
        message = error.value.messages[0]
        assert "„barbecue“ ist kein erlaubter Wert für „Arten“" in message
        assert "Messestand (trade_fair)" in message

    def test_it_refuses_unknown_parameters_and_a_second_size(self):
        with pytest.raises(ValidationError, match="Unbekannter Parameter „colour“"):
            get_metric("first_contacts").clean_params({"colour": "red"})
        with pytest.raises(ValidationError, match="nur ein Wert erlaubt"):
            get_metric("events_held").clean_params({"size": ["small", "large"]})

    def test_it_fills_in_defaults(self):
        assert get_metric("events_held").clean_params({}) == {"kinds": [], "size": ""}
        assert get_metric("first_contacts").clean_params({"checked_only": "1"}) == {
            "checked_only": True
        }


@pytest.mark.django_db
def test_the_grouped_count_per_region_matches_counting_each_region(region, other_region):
    held = EventStatus.HELD
    for where in (region, region, other_region):
        FirstContactFactory(date=datetime.date(2024, 2, 1), region=where)
        OrganisationFactory(region=where)
        EventFactory(start_date=datetime.date(2024, 2, 1), region=where, status=held)
        EventFactory(
            kind=EventKind.FUNDING_WORKSHOP, start_date=datetime.date(2024, 2, 2), region=where
        )
        EventFactory(
            kind=EventKind.FUNDING_CONSULTATION, start_date=datetime.date(2024, 2, 3), region=where
        )
        KIChallengeRoundFactory(region=where, start_date=datetime.date(2024, 2, 4), status=held)
        TransferProjectFactory(region=where, initiated_on=datetime.date(2024, 2, 5))
        CommunicationActivityFactory(region=where, date=datetime.date(2024, 2, 6))
    region_ids = [region.id, other_region.id]
    for metric in all_metrics():
        if not metric.per_region:
            continue
        grouped = metric.compute_by_region(
            start=START, end=END, as_of=AS_OF, region_ids=region_ids, params={}
        )
        for region_id in region_ids:
            single = metric.compute(
                start=START, end=END, as_of=AS_OF, region_ids=[region_id], params={}
            )
            assert grouped[region_id] == single, metric.key
    regions_with_round = get_metric("ki_challenge_regions").compute_by_region(
        start=START, end=END, as_of=AS_OF, region_ids=region_ids
    )
    assert [result.value for result in regions_with_round.values()] == [1, 1]
    assert (
        get_metric("first_contacts")
        .compute_by_region(start=START, end=END, as_of=AS_OF, region_ids=region_ids)[region.id]
        .value
        == 2
    )
