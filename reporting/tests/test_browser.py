import datetime

import pytest

from contacts.tests.factories import FirstContactFactory, OrganisationFactory
from reporting.models import Target
from reporting.tests.factories import (
    FundingProjectFactory,
    TargetFactory,
    TransferProjectFactory,
    WorkPackageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_office_staff_change_the_period_and_click_a_figure_through_to_its_records(
    desktop_page, browser_login, live_server, office_user, region
):
    project = FundingProjectFactory()
    package = WorkPackageFactory(project=project, number=4, title="Technologietransfer")
    target = TargetFactory(
        work_package=package,
        title="20 Projekte mit der Wirtschaft initiiert bis M26",
        metric_key="transfer_projects",
        target_value=20,
        due_kind=Target.DueKind.MONTH,
        due_month=26,
    )
    TransferProjectFactory(
        title="KI-Qualitätskontrolle Weisser",
        region=region,
        initiated_on=datetime.date(2024, 11, 6),
    )
    TransferProjectFactory(
        title="Hackathon Nordschwarzwald", region=region, initiated_on=datetime.date(2025, 3, 1)
    )
    page = desktop_page
    browser_login(page, "office")
    page.get_by_label("Berichtsjahr").select_option("2024")
    page.get_by_label("Stichtag", exact=True).fill("2024-12-31")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**as_of=2024-12-31**")
    figure = page.locator(f'[data-figure="{target.pk}"]').first
    assert figure.inner_text() == "1"
    figure.click()
    page.wait_for_url("**/transfer-projects/?**")
    assert "date_after=2024-01-01" in page.url
    assert "date_before=2024-12-31" in page.url
    assert page.get_by_text("KI-Qualitätskontrolle Weisser").is_visible()
    assert page.get_by_text("Hackathon Nordschwarzwald").count() == 0


def test_office_staff_define_a_target_from_the_metric_registry(
    desktop_page, browser_login, live_server, office_user, region
):
    project = FundingProjectFactory()
    WorkPackageFactory(project=project, number=3, title="Veranstaltungen")
    page = desktop_page
    browser_login(page, "office")
    page.goto(f"{live_server.url}/targets/new/")
    # Parameters of other metrics stay hidden; the chosen metric's appear.
    large = page.locator('[data-metric="events_held"]')
    assert not large.is_visible()
    page.get_by_label("Arbeitspaket").select_option(label="AP3: Veranstaltungen")
    page.get_by_label("Titel").fill("Eine Großveranstaltung je Region")
    page.get_by_label("Geltungsbereich").select_option("region")
    page.get_by_label("Kennzahl").select_option("events_held")
    assert large.is_visible()
    assert not page.locator('[data-metric="workshops"]').is_visible()
    large.get_by_label("Größe").select_option("large")
    large.get_by_label("Messestand").check()
    assert not page.get_by_label("Nachweis").is_visible()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"{live_server.url}/targets/")
    assert page.get_by_text("Das Ziel wurde gespeichert.").is_visible()
    assert page.get_by_role("columnheader", name="Eine Großveranstaltung je Region").count() == 1
    target = Target.objects.get()
    assert target.metric_params == {"kinds": ["trade_fair"], "size": "large"}


def test_the_reporting_pages_fit_a_phone_screen(
    phone_page, browser_login, live_server, office_user, region
):
    project = FundingProjectFactory()
    package = WorkPackageFactory(project=project, number=3, title="Veranstaltungen")
    TargetFactory(work_package=package, scope=Target.Scope.REGION, target_value=2)
    TransferProjectFactory(region=region)
    browser_login(phone_page, "office")
    for path in ("/", "/targets/", "/transfer-projects/", "/communications/"):
        phone_page.goto(f"{live_server.url}{path}")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, path


def test_office_staff_click_a_first_contact_figure_through_to_the_contacts(
    desktop_page, browser_login, live_server, office_user, region, other_region
):
    project = FundingProjectFactory()
    package = WorkPackageFactory(project=project, number=2, title="Netzwerkmanagement")
    target = TargetFactory(
        work_package=package,
        title="Mindestens 60 Erstgespräche im Jahr 2024",
        metric_key="first_contacts",
        target_value=60,
        due_end_of_2024=True,
    )
    per_region = TargetFactory(
        work_package=package,
        title="Erstgespräche je Region",
        metric_key="first_contacts",
        scope=Target.Scope.REGION,
        target_value=2,
    )
    for name, where, day in (
        ("Schwarzwald Robotics GmbH", other_region, datetime.date(2024, 3, 14)),
        ("Rheinhafen Analytics", region, datetime.date(2024, 12, 31)),
        ("Nachzügler AG", region, datetime.date(2025, 1, 15)),
    ):
        FirstContactFactory(organisation=OrganisationFactory(name=name), region=where, date=day)
    page = desktop_page
    browser_login(page, "office")
    page.goto(f"{live_server.url}/?year=2024&as_of=2025-02-19")
    figure = page.locator(f'[data-figure="{target.pk}"]').first
    assert figure.inner_text() == "2"
    figure.click()
    page.wait_for_url("**/contacts/?**")
    assert page.get_by_role("link", name="Schwarzwald Robotics GmbH").is_visible()
    assert page.get_by_role("link", name="Rheinhafen Analytics").is_visible()
    assert page.get_by_text("Nachzügler AG").count() == 0
    assert page.get_by_text("1–2 von 2").is_visible()

    # A cell of the region matrix: only that region's records, up to the Stichtag.
    page.go_back()
    cell = page.locator(f'[data-figure="{per_region.pk}-{region.pk}"]').first
    assert cell.inner_text() == "2"
    cell.click()
    page.wait_for_url(f"**/contacts/?region={region.pk}**")
    assert page.get_by_role("link", name="Rheinhafen Analytics").is_visible()
    assert page.get_by_role("link", name="Nachzügler AG").is_visible()
    assert page.get_by_text("Schwarzwald Robotics GmbH").count() == 0
