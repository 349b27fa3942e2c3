import datetime

import pytest

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import OfferFactory
from reporting.report.blocks import BLOCKS, ReportContext
from reporting.tests.test_report_factories import make_edition, make_photo

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 2, 19)


def collect(key, edition, as_of=AS_OF):
    return BLOCKS[key].collect(ReportContext(edition=edition, as_of=as_of))


def test_it_lists_internal_meetings_held_up_to_the_as_of_date_and_planned_after(region):
    edition = make_edition()
    kick_off = EventFactory(
        title="Kick-off", kind=EventKind.KICK_OFF, start_date=datetime.date(2024, 5, 8)
    )
    status = EventFactory(
        title="Drittes Statustreffen",
        kind=EventKind.STATUS_MEETING,
        start_date=datetime.date(2025, 2, 17),
    )
    planned = EventFactory(
        title="Viertes Statustreffen",
        kind=EventKind.STATUS_MEETING,
        start_date=datetime.date(2025, 5, 1),
        status=EventStatus.PLANNED,
    )
    EventFactory(title="KI-Night", kind=EventKind.OWN_EVENT, start_date=datetime.date(2024, 6, 1))
    EventFactory(
        title="Vor dem Zeitraum", kind=EventKind.KICK_OFF, start_date=datetime.date(2023, 12, 1)
    )

    data = collect("meetings", edition)

    assert data["held"] == [kick_off, status]
    assert data["planned"] == [planned]


def test_it_counts_first_contacts_against_the_target_as_of_the_stichtag(region, other_region):
    edition = make_edition()
    karlsruhe_org = OrganisationFactory(region=region)
    FirstContactFactory(organisation=karlsruhe_org, date=datetime.date(2024, 3, 1))
    FirstContactFactory(
        organisation=karlsruhe_org,
        date=datetime.date(2024, 4, 1),
        quality_status=FirstContact.QualityStatus.CHECKED,
    )
    FirstContactFactory(
        organisation=OrganisationFactory(region=other_region), date=datetime.date(2024, 5, 1)
    )
    # After the period but before the as-of date: cumulative only.
    FirstContactFactory(organisation=karlsruhe_org, date=datetime.date(2025, 1, 10))
    # After the as-of date: not counted at all.
    FirstContactFactory(organisation=karlsruhe_org, date=datetime.date(2025, 3, 1))

    data = collect("first_contacts", edition)

    assert data["in_period"] == 3
    assert data["cumulative"] == 4
    assert data["checked"] == 1
    assert data["target"] == 120
    assert data["percent"] == 3
    by_region = {row["region"]: (row["count"], row["checked"]) for row in data["regions"]}
    assert by_region["Karlsruhe"] == (2, 1)
    assert by_region["Freiburg"] == (1, 0)


def test_it_separates_held_and_planned_ki_challenge_rounds(region):
    edition = make_edition()
    held = KIChallengeRoundFactory(
        region=region, start_date=datetime.date(2024, 11, 5), status=EventStatus.HELD
    )
    planned = KIChallengeRoundFactory(
        region=region, theme="Smart Eco-Events", start_date=datetime.date(2025, 5, 6)
    )

    data = collect("ki_challenge", edition)

    assert data["held"] == [held]
    assert data["planned"] == [planned]


def test_it_groups_events_by_region_with_planned_ones_marked(region, other_region):
    edition = make_edition()
    kickoff = EventFactory(
        title="Auftakt Karlsruhe", region=region, start_date=datetime.date(2024, 3, 13)
    )
    freiburg = EventFactory(
        title="Twin Transformation", region=other_region, start_date=datetime.date(2024, 10, 11)
    )
    later = EventFactory(
        title="KI-Night 2025",
        region=region,
        start_date=datetime.date(2025, 4, 1),
        status=EventStatus.PLANNED,
    )
    EventFactory(title="Messe", kind=EventKind.TRADE_FAIR, region=region)
    EventFactory(title="Abgesagt", region=region, status=EventStatus.CANCELLED)

    groups = {g["region"]: g for g in collect("events_by_region", edition)["groups"]}

    assert groups["Karlsruhe"]["held"] == [kickoff]
    assert groups["Karlsruhe"]["planned"] == [later]
    assert groups["Freiburg"]["held"] == [freiburg]


def test_it_numbers_figures_continuously_across_blocks(region):
    edition = make_edition()
    event = EventFactory(title="Auftakt", region=region, start_date=datetime.date(2024, 3, 13))
    fair = EventFactory(title="Quantum Effects", kind=EventKind.TRADE_FAIR, region=region)
    make_photo(event, caption="Gruppenfoto", position=0)
    make_photo(event, caption="Vorstellung", position=1)
    make_photo(fair, caption="Am Stand")
    context = ReportContext(edition=edition, as_of=AS_OF)

    regional = BLOCKS["events_by_region"].collect(context)
    visibility = BLOCKS["visibility"].collect(context)
    rest = BLOCKS["photos"].collect(context)

    numbers = [f.number for pair in regional["groups"][0]["figures"] for f in pair]
    assert numbers == [1, 2]
    assert [f.number for pair in visibility["figures"] for f in pair] == [3]
    assert rest["figures"] == []  # every photo appears once


def test_it_reports_a_missing_photo_file_as_warning(region):
    edition = make_edition()
    event = EventFactory(title="Auftakt", region=region)
    make_photo(event, caption="Verloren", missing=True)
    context = ReportContext(edition=edition, as_of=AS_OF)

    data = BLOCKS["events_by_region"].collect(context)

    figure = data["groups"][0]["figures"][0][0]
    assert figure.missing and figure.url == ""
    assert len(context.warnings) == 1 and "Bilddatei fehlt" in context.warnings[0]


def test_it_lists_workshops_by_kind(region):
    edition = make_edition()
    topics = EventFactory(kind=EventKind.WORKSHOP_NEW_TOPICS, start_date=datetime.date(2024, 9, 26))
    funding = EventFactory(
        kind=EventKind.FUNDING_WORKSHOP,
        start_date=datetime.date(2025, 3, 11),
        status=EventStatus.PLANNED,
    )

    groups = collect("workshops", edition)["groups"]

    assert groups[0]["held"] == [topics] and groups[0]["planned"] == []
    assert groups[1]["held"] == [] and groups[1]["planned"] == [funding]


def test_it_lists_referrals_with_organisation_names_only(region):
    edition = make_edition()
    lab = OfferFactory(name="KI-Innovation Lab")
    contact = FirstContactFactory(
        organisation=OrganisationFactory(name="Gemeinde Jagstzell", region=region),
        date=datetime.date(2024, 11, 20),
    )
    contact.referral_offer = lab
    contact.referral_note = "Herr Müller, 0171 1234567"
    contact.save()
    consultation = EventFactory(kind=EventKind.FUNDING_CONSULTATION)

    data = collect("funding_referrals", edition)

    assert data["referrals"] == [
        {
            "date": datetime.date(2024, 11, 20),
            "organisation": "Gemeinde Jagstzell",
            "region": "Karlsruhe",
            "referred_to": "KI-Innovation Lab",
        }
    ]
    assert data["consultations_held"] == [consultation]


def test_it_collects_international_activities(region):
    edition = make_edition()
    delegation = EventFactory(
        kind=EventKind.DELEGATION_VISIT, start_date=datetime.date(2024, 6, 11)
    )
    EventFactory(kind=EventKind.OWN_EVENT)

    assert collect("international", edition)["held"] == [delegation]


def test_it_lists_new_and_active_partners_at_the_period_edges(region):
    from partners.models import PartnershipSpan
    from partners.tests.factories import PartnerFactory

    edition = make_edition()  # 2024, Stichtag 19 Feb 2025
    PartnerFactory(organisation__name="Cyber Forum", since=datetime.date(2024, 1, 1))
    PartnerFactory(
        organisation__name="Allianz Industrie 4.0",
        is_statewide=True,
        regions=[],
        since=datetime.date(2025, 2, 19),
    )
    PartnerFactory(organisation__name="INNOPORT", since=datetime.date(2023, 5, 1))
    ended = PartnerFactory(organisation__name="Beendet e.V.", since=datetime.date(2023, 5, 1))
    PartnershipSpan.objects.filter(partner=ended).update(ended=datetime.date(2025, 2, 18))
    PartnerFactory(organisation__name="Zu spät GmbH", since=datetime.date(2025, 2, 20))

    new = collect("partners_new", edition)["partners"]
    assert [row["name"] for row in new] == ["Allianz Industrie 4.0", "Cyber Forum"]
    assert new[0]["region"] == "landesweit"
    assert new[1]["region"] == "Karlsruhe"
    active = collect("partners_active", edition)["partners"]
    assert [row["name"] for row in active] == ["Allianz Industrie 4.0", "Cyber Forum", "INNOPORT"]


def test_it_leaves_the_target_status_to_the_targets_api():
    assert collect("target_status", make_edition())["available"] is False


def test_it_gives_every_block_a_table_for_the_workbook(region):
    edition = make_edition()
    EventFactory()
    context = ReportContext(edition=edition, as_of=AS_OF)
    for block in BLOCKS.values():
        headers, rows = block.rows(block.collect(context))
        assert headers, block.key
        assert all(len(row) == len(headers) for row in rows), block.key
