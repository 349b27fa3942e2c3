"""Every dashboard figure links to a list that shows exactly the records it counts.

On the demo data: the office dashboard for 2024 as of 19 February 2025 is
computed by the dashboard's own code; then each link is opened as office
staff and the total the list reports is compared with the figure.
"""

import datetime
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from events.models import EventStatus
from events.tests.factories import KIChallengeRoundFactory
from kiallianz.models import User
from partners.tests.factories import PartnerFactory, PartnershipSpanFactory
from reporting import selectors
from reporting.dashboard import PERIOD_FIGURES, dashboard_context
from reporting.metrics import get_metric

START, END = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
AS_OF = datetime.date(2025, 2, 19)


@pytest.fixture
def demo_dashboard(db, settings):
    """The demo data, and the office dashboard for 2024 as of the Stichtag."""
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    office = User.objects.get(username="office")
    context = dashboard_context(
        user=office,
        project=selectors.funding_project_current(),
        start=START,
        end=END,
        as_of=AS_OF,
        today=AS_OF,
    )
    return office, context


def _figures(context) -> list[tuple[str, int, str, str]]:
    """(what, value, link, what is counted) of every linked figure on the dashboard."""
    figures = []
    for package in context["packages"]:
        for row in package.rows:
            counted = _counted(row.target.metric_key)
            if row.progress.drilldown_url:
                figures.append(
                    (row.target.title, row.progress.value, row.progress.drilldown_url, counted)
                )
            for cell in row.regions:
                assert cell.drilldown_url, f"{row.target.title} / {cell.region.name}"
                figures.append(
                    (
                        f"{row.target.title} / {cell.region.name}",
                        cell.value,
                        cell.drilldown_url,
                        counted,
                    )
                )
    for key, figure in zip(PERIOD_FIGURES, context["figures"], strict=True):
        assert figure.result.drilldown_url, figure.label
        figures.append(
            (str(figure.label), figure.result.value, figure.result.drilldown_url, _counted(key))
        )
    for chart in context["charts"]:
        for series in chart.series:
            for index, value in enumerate(series.values):
                if series.link(index):
                    label = f"{chart.title} / {series.label} / {chart.categories[index]}"
                    figures.append((label, value, series.link(index), "pk"))
    return figures


def _counted(metric_key: str) -> str:
    metric = get_metric(metric_key) if metric_key else None
    return metric.counted if metric else "pk"


def _list_total(response, counted: str) -> int:
    if counted == "region_id":
        return response.context["region_count"]
    return response.context["listing"].page.paginator.count


@pytest.mark.django_db
def test_every_dashboard_figure_links_to_exactly_the_records_it_counts(demo_dashboard):
    office, context = demo_dashboard
    client = Client()
    client.force_login(office)
    figures = _figures(context)
    # Project-wide targets, the region matrix, the period figures and the charts.
    assert len(figures) > 40
    assert any(value for _label, value, _url, _counted in figures)
    views = set()
    mismatches = []
    for label, value, url, counted in figures:
        response = client.get(url)
        assert response.status_code == 200, (label, url)
        views.add(resolve(urlsplit(url).path).view_name)
        total = _list_total(response, counted)
        if total != value:
            mismatches.append(f"{label}: Kennzahl {value}, Liste {total} ({url})")
    assert mismatches == []
    assert {
        "contacts:index",
        "contacts:organisation_list",
        "events:index",
        "events:ki_challenge_list",
        "partners:index",
        "reporting:transfer_projects",
        "reporting:communications",
    } <= views


@pytest.mark.django_db
def test_the_partner_and_ki_challenge_links_count_what_the_figures_count(
    office_client, region, other_region
):
    """The figures the demo leaves at zero or does not show, on factories."""
    PartnerFactory(since=datetime.date(2023, 1, 1))
    ended = PartnerFactory(since=False)
    PartnershipSpanFactory(partner=ended, since=START, ended=datetime.date(2025, 1, 31))
    covering = PartnerFactory(since=False)
    PartnershipSpanFactory(partner=covering, since=START, ended=datetime.date(2025, 3, 1))
    PartnerFactory(since=datetime.date(2025, 2, 20))
    for where, day in (
        (region, "2024-03-01"),
        (region, "2024-09-01"),
        (other_region, "2024-12-31"),
    ):
        KIChallengeRoundFactory(region=where, start_date=day, status=EventStatus.HELD)
    KIChallengeRoundFactory(region=other_region, start_date="2025-03-01", status=EventStatus.HELD)
    KIChallengeRoundFactory(region=other_region, start_date="2024-05-01")  # planned
    checks = [("partners_active", 2), ("ki_challenge_regions", 2), ("ki_challenge_rounds", 3)]
    for key, expected in checks:
        metric = get_metric(key)
        result = metric.compute(start=START, end=datetime.date(2025, 12, 31), as_of=AS_OF)
        assert result.value == expected, key
        response = office_client.get(result.drilldown_url)
        assert _list_total(response, metric.counted) == expected, key
