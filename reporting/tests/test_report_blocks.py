import datetime
import re

import pytest
from django.template.loader import render_to_string

from contacts.models import FirstContact
from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from events.models import EventKind, EventStatus
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import OfferFactory
from reporting.models import Target
from reporting.report.blocks import BLOCKS, ReportContext
from reporting.tests.factories import TargetFactory, WorkPackageFactory
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
    network = WorkPackageFactory(project=edition.project, number=2)
    TargetFactory(
        work_package=network,
        title="Mindestens 60 Erstgespräche im Jahr 2024",
        target_value=60,
        due_end_of_2024=True,
        position=1,
    )
    TargetFactory(
        work_package=network, title="Mindestens 120 über die Laufzeit", target_value=120, position=2
    )
    # Neither another metric nor a per-region target is the first-contact target.
    TargetFactory(work_package=network, title="Partner", metric_key="partners_new")
    TargetFactory(work_package=network, title="Je Region", scope=Target.Scope.REGION)
    TargetFactory(title="Anderes Projekt", target_value=1)
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
    targets = [(t.title, t.target_value, t.value, t.percent, t.status) for t in data["targets"]]
    assert targets == [
        ("Mindestens 60 Erstgespräche im Jahr 2024", "60", "3", 5, "missed"),
        ("Mindestens 120 über die Laufzeit", "120", "4", 3, "at_risk"),
    ]
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
    headers, rows = BLOCKS["ki_challenge"].rows(data)
    assert headers[:3] == ["Beginn", "Ende", "Titel"]
    assert rows[1][0:2] == [datetime.date(2025, 5, 6), datetime.date(2025, 5, 6)]


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


def test_it_leaves_the_first_contact_target_out_when_there_is_none():
    edition = make_edition()
    data = collect("first_contacts", edition)
    assert data["targets"] == []
    html = render_to_string(BLOCKS["first_contacts"].template, {"data": data})
    assert "Ziel laut Förderantrag" not in html
    assert "Erstgespräche im Berichtsjahr" in html


@pytest.fixture
def targets_of_a_project(region, other_region):
    edition = make_edition()
    coordination = WorkPackageFactory(
        project=edition.project, number=1, title="Koordination und Projektorganisation"
    )
    network = WorkPackageFactory(project=edition.project, number=2, title="Netzwerkmanagement")
    events = WorkPackageFactory(project=edition.project, number=3, title="Veranstaltungen")
    WorkPackageFactory(project=edition.project, number=5, title="Ohne Ziele")
    TargetFactory(
        work_package=coordination,
        title="Monitoring-Konzept liegt vor",
        manual_done=True,
    )
    TargetFactory(
        work_package=network,
        title="Mindestens 2 Erstgespräche 2024",
        target_value=2,
        due_end_of_2024=True,
    )
    TargetFactory(
        work_package=events,
        title="Eine Großveranstaltung je Region",
        events_per_region=True,
        metric_params={"size": "large"},
        target_value=1,
        due_kind=Target.DueKind.MID_TERM,
    )
    FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
    FirstContactFactory(region=region, date=datetime.date(2024, 12, 31))
    FirstContactFactory(region=region, date=datetime.date(2025, 1, 2))  # after the target's due
    EventFactory(
        region=region,
        size_category="large",
        status=EventStatus.HELD,
        start_date=datetime.date(2024, 7, 1),
    )
    # After the Stichtag: not counted yet.
    EventFactory(
        region=other_region,
        size_category="large",
        status=EventStatus.HELD,
        start_date=datetime.date(2025, 3, 1),
    )
    return edition


def test_it_collects_the_target_status_per_work_package_as_of_the_stichtag(
    targets_of_a_project,
):
    data = collect("target_status", targets_of_a_project)

    packages = {p["number"]: p for p in data["packages"]}
    assert sorted(packages) == [1, 2, 3]  # a package without targets is left out
    (monitoring,) = packages[1]["lines"]
    assert (monitoring.value, monitoring.percent, monitoring.status_label) == (
        "erledigt",
        None,
        "erreicht",
    )
    (first_contacts,) = packages[2]["lines"]
    assert (
        first_contacts.title,
        first_contacts.due_date,
        first_contacts.due_label,
        first_contacts.target_value,
        first_contacts.value,
        first_contacts.percent,
        first_contacts.status_label,
    ) == (
        "Mindestens 2 Erstgespräche 2024",
        datetime.date(2024, 12, 31),
        "",
        "2",
        "2",
        100,
        "erreicht",
    )
    (large,) = packages[3]["lines"]
    assert large.due_label == "Halbzeit"
    assert (large.target_value, large.value, large.status_label) == (
        "1 je Region",
        "1 von 2 Regionen",
        "gefährdet",  # Freiburg has none, with most of the time to mid-term gone
    )
    assert data["matrix"]["regions"] == ["Freiburg", "Karlsruhe"]
    (row,) = data["matrix"]["targets"]
    assert [(c["region"], c["value"], c["met"]) for c in row["cells"]] == [
        ("Freiburg", 0, False),
        ("Karlsruhe", 1, True),
    ]


def test_it_renders_the_target_table_and_the_region_matrix(targets_of_a_project):
    data = collect("target_status", targets_of_a_project)
    html = render_to_string(BLOCKS["target_status"].template, {"data": data})
    assert "Ziele Arbeitspaket 2: Netzwerkmanagement (Stand 19. Februar 2025)" in html
    assert "Mindestens 2 Erstgespräche 2024" in html
    assert "31. Dezember 2024" in html and "(Halbzeit)" in html
    assert "1 von 2 Regionen" in html and "gefährdet" in html
    assert "Ziele je Region (Stand 19. Februar 2025)" in html
    assert re.search(r"<td class=\"num cell-met\">1 ✓</td>", html)
    assert re.search(r"<td class=\"num\">0 ✗</td>", html)


def test_it_says_when_a_project_has_no_targets():
    data = collect("target_status", make_edition())
    assert data["packages"] == [] and data["matrix"]["targets"] == []
    html = render_to_string(BLOCKS["target_status"].template, {"data": data})
    assert "Für dieses Projekt sind keine Ziele erfasst." in html


def test_the_workbook_rows_hold_the_targets_and_the_region_cells(targets_of_a_project):
    data = collect("target_status", targets_of_a_project)
    headers, rows = BLOCKS["target_status"].rows(data)
    assert headers[:2] == ["Arbeitspaket", "Ziel"]
    assert [row[1] for row in rows] == [
        "Monitoring-Konzept liegt vor",
        "Mindestens 2 Erstgespräche 2024",
        "Eine Großveranstaltung je Region",
        "Eine Großveranstaltung je Region: Freiburg",
        "Eine Großveranstaltung je Region: Karlsruhe",
    ]
    assert rows[1][4:] == ["2", 100, "erreicht"]


def test_it_gives_every_block_a_table_for_the_workbook(region):
    edition = make_edition()
    EventFactory()
    context = ReportContext(edition=edition, as_of=AS_OF)
    for block in BLOCKS.values():
        headers, rows = block.rows(block.collect(context))
        assert headers, block.key
        assert all(len(row) == len(headers) for row in rows), block.key
