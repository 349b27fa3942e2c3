"""axe-core on every main page, for each role, at 1280 and 390 px.

The test fails on any critical or serious WCAG 2.1 A/AA violation. axe is
evaluated through Playwright's ``page.evaluate``, which the strict CSP does
not apply to, so no page has to allow inline script.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from contacts.models import Organisation, Person
from events.models import Event
from kiallianz.demo.loader import load_all_demo_data
from kiallianz.demo.registry import demo_password
from kiallianz.history import history_actor
from partners.models import Partner
from reporting.models import ReportEdition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text()
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"critical", "serious"}


def _axe_violations(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def _pages_for(role: str) -> list[tuple[str, str]]:
    organisation = Organisation.objects.order_by("pk").first()
    person = Person.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    partner = Partner.objects.order_by("pk").first()
    edition = ReportEdition.objects.order_by("pk").first()
    pages = [
        ("dashboard", reverse("reporting:dashboard")),
        # The demo's year, so that the charts and tables have data.
        ("dashboard 2024", reverse("reporting:dashboard") + "?year=2024&as_of=2025-02-19"),
        ("first contacts", reverse("contacts:index")),
        ("organisations", reverse("contacts:organisation_list")),
        ("persons", reverse("contacts:person_list")),
        ("capture form", reverse("contacts:first_contact_create")),
        ("organisation", reverse("contacts:organisation_detail", args=[organisation.pk])),
        ("person", reverse("contacts:person_detail", args=[person.pk])),
        ("events", reverse("events:index")),
        ("events month", reverse("events:month", args=[2024, 10])),
        ("event", reverse("events:event_detail", args=[event.pk])),
        ("partners", reverse("partners:index")),
        ("partner", reverse("partners:partner_detail", args=[partner.pk])),
        ("targets", reverse("reporting:targets")),
        ("transfer projects", reverse("reporting:transfer_projects")),
    ]
    if role == "office":
        pages += [
            ("reports", reverse("reporting:reports")),
            ("report edition", reverse("reporting:edition_detail", args=[edition.pk])),
            ("report preview", reverse("reporting:edition_preview", args=[edition.pk])),
            ("quality queue", reverse("contacts:quality_queue")),
            ("duplicates", reverse("contacts:duplicate_suggestions")),
            ("import", reverse("contacts:import")),
        ]
    if role == "admin":
        pages = [("dashboard", reverse("reporting:dashboard")), ("admin index", "/admin/")]
    return pages


@pytest.fixture
def demo_data(transactional_db):
    with history_actor(label="load_demo"):
        load_all_demo_data()


def _login(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(demo_password())
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")


def test_no_critical_or_serious_axe_violations_on_the_main_pages(browser, live_server, demo_data):
    problems = []
    for viewport_name, viewport in VIEWPORTS.items():
        context = browser.new_context(
            viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin"
        )
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        problems += [f"{viewport_name} login: {p}" for p in _axe_violations(page)]
        context.close()
        for role, username in (("cm", "cm-karlsruhe"), ("office", "office"), ("admin", "admin")):
            context = browser.new_context(
                viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin"
            )
            context.set_default_timeout(15_000)
            page = context.new_page()
            _login(page, live_server, username)
            for name, path in _pages_for(role):
                response = page.goto(f"{live_server.url}{path}")
                assert response.ok, f"{role} {name}: {response.status}"
                if name == "capture form":
                    # The empty form comes back with its errors (a new page load).
                    with page.expect_navigation():
                        page.locator("#save-first-contact").click()
                    assert page.locator(".invalid-feedback, .alert-danger").count() > 0
                where = f"{viewport_name} {role} {name}"
                problems += [f"{where}: {p}" for p in _axe_violations(page)]
            context.close()
    assert not problems, "\n".join(problems)


# Each word of the cell's text must lie on one line: a word split across two
# lines has two client rectangles.
WORDS_SPLIT_ACROSS_LINES = """
cells => cells.flatMap(cell => {
  const split = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (range.getClientRects().length > 1) split.push(match[0]);
    }
  }
  return split;
})
"""


def test_the_region_target_table_keeps_words_whole_at_1280_px(desktop_page, live_server, demo_data):
    """Issue 16 defect 3: „Karlsruh|e“, „Kleinveranstaltung|en“ at 1280 px."""
    _login(desktop_page, live_server, "office")
    desktop_page.goto(
        f"{live_server.url}{reverse('reporting:dashboard')}?year=2024&as_of=2025-02-19"
    )
    cells = desktop_page.locator(".region-matrix th, .region-matrix td")
    assert cells.count() > 10
    assert cells.evaluate_all(WORDS_SPLIT_ACROSS_LINES) == []
