"""Issue 16 defect 5: a drill-down from the dashboard or the targets lands on
the list with the filter panel closed and its filters as chips, the results
first (not below an open panel)."""

import html
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from reporting.tests.views_support import DASHBOARD, make_records

# Links into a list with filter parameters.
LIST_LINK = re.compile(
    r'href="(/(?:contacts|events|partners|transfer-projects|communications)[^"?]*\?[^"]+)"'
)


def _drilldowns(content: str) -> set[str]:
    return {html.unescape(link) for link in LIST_LINK.findall(content)}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["dashboard", "targets"])
def test_a_drilldown_lands_with_the_panel_closed_and_the_chips_shown(
    office_client, targets, region, other_region, page
):
    make_records(4, region, other_region)
    url = DASHBOARD if page == "dashboard" else reverse("reporting:targets")
    content = office_client.get(url, {"year": "2024", "as_of": "2024-12-31"}).content.decode()
    links = _drilldowns(content)
    assert len(links) >= 3
    for link in sorted(links):
        listed = office_client.get(link).content.decode()
        filters = [
            key
            for key, values in QueryDict(link.split("?", 1)[1]).lists()
            for value in values
            if value and key not in ("sort", "page")
        ]
        panel = listed[listed.index('class="filter-panel') :]
        assert re.match(r'class="filter-panel[^>]*>\s*<details class="card">', panel), link
        assert listed.count('class="filter-chip btn') == len(filters), link
        # The chips come before the results and their page links.
        chips = listed.index('class="filter-chips')
        assert chips < listed.index('aria-label="Seiten"'), link
        if "<table" in listed:
            assert chips < listed.index("<table"), link
