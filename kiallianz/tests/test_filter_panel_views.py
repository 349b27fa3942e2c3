"""Every list with filters draws the same panel: closed, the active filters as
chips that each remove exactly one filter (the sort stays), and „alle Filter
zurücksetzen“ (kiallianz/filters.py, templates/includes/filter_panel.html)."""

from html.parser import HTMLParser

import pytest
from django.http import QueryDict
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (URL name, URL args, a second filter besides one on a region, sort key)
LISTS = [
    ("contacts:index", [], {"date_after": "2024-01-01"}, "-date"),
    ("contacts:organisation_list", [], {"organisation_kind": "company"}, "name"),
    ("contacts:person_list", [], {"q": "Kim"}, "name"),
    ("contacts:quality_queue", [], {}, "date"),
    ("partners:index", [], {"active": "1"}, "name"),
    ("events:index", [], {"date_after": "2024-01-01"}, "title"),
    ("events:month", [2024, 3], {"kind": "talk"}, None),
    ("events:ki_challenge_list", [], {"date_after": "2024-01-01"}, "date"),
    ("reporting:transfer_projects", [], {"date_after": "2024-01-01"}, "title"),
    ("reporting:communications", [], {"date_after": "2024-01-01"}, "title"),
]
# The office's logs filter by other things than a region.
LOGS = [
    ("audit:access_log", {"action": "export", "date_from": "2024-01-01"}, "Zugriff: exportiert"),
    (
        "audit:change_log",
        {"model": "contacts.organisation", "date_from": "2024-01-01"},
        "Datenart: Organisation",
    ),
]


class PanelParser(HTMLParser):
    """The filter panel's <details>, its chips and its reset link."""

    def __init__(self):
        super().__init__()
        self.details = []
        self.chips = []
        self.resets = []
        self._in_panel = False
        self._chip = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if "filter-panel" in classes:
            self._in_panel = True
        if tag == "details" and self._in_panel:
            self.details.append(attrs)
            self._in_panel = False
        if tag == "a" and "filter-chip" in classes:
            self._chip = {"href": attrs["href"], "label": attrs["aria-label"], "text": ""}
        if tag == "a" and "filter-reset" in classes:
            self.resets.append(attrs["href"])

    def handle_data(self, data):
        if self._chip is not None:
            self._chip["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._chip is not None:
            self._chip["text"] = self._chip["text"].strip()
            self.chips.append(self._chip)
            self._chip = None


def _panel(response) -> PanelParser:
    assert response.status_code == 200
    parser = PanelParser()
    parser.feed(response.content.decode())
    assert len(parser.details) == 1, "one filter panel"
    return parser


def _params(href: str) -> dict:
    assert href.startswith("?")
    return dict(QueryDict(href[1:]).lists())


def _assert_chips_remove_one_filter_each(panel, params: dict, sort: str | None):
    filters = {key: value for key, value in params.items() if key != "sort"}
    assert len(panel.chips) == len(filters)
    removed = []
    for chip in panel.chips:
        remaining = _params(chip["href"])
        gone = set(params) - set(remaining)
        assert len(gone) == 1, chip
        assert {key: [value] for key, value in params.items() if key not in gone} == remaining
        removed += gone
    assert sorted(removed) == sorted(filters)
    assert panel.resets == [f"?sort={sort}" if sort else "?"]


@pytest.mark.parametrize(("name", "args", "second", "sort"), LISTS, ids=[row[0] for row in LISTS])
def test_a_list_shows_its_filters_as_chips_with_the_panel_closed(
    office_client, region, name, args, second, sort
):
    params = {"region": str(region.pk), **second}
    if sort:
        params["sort"] = sort
    panel = _panel(office_client.get(reverse(name, args=args), params))
    assert "open" not in panel.details[0]
    _assert_chips_remove_one_filter_each(panel, params, sort)
    [region_chip] = [chip for chip in panel.chips if chip["text"].startswith("Region")]
    assert region_chip["text"] == "Region: Karlsruhe"
    assert region_chip["label"] == "Filter Region: Karlsruhe entfernen"


@pytest.mark.parametrize(("name", "params", "text"), LOGS, ids=[row[0] for row in LOGS])
def test_the_logs_show_their_filters_as_chips(office_client, name, params, text):
    panel = _panel(office_client.get(reverse(name), params))
    assert "open" not in panel.details[0]
    _assert_chips_remove_one_filter_each(panel, params, None)
    assert panel.chips[0]["text"] == text
    assert panel.chips[1]["text"] == "Datum ab: 1. Januar 2024"


@pytest.mark.parametrize("name", [row[0] for row in LISTS if not row[1]] + [r[0] for r in LOGS])
def test_an_unfiltered_list_has_a_closed_panel_and_no_chips(office_client, name):
    panel = _panel(office_client.get(reverse(name)))
    assert "open" not in panel.details[0]
    assert panel.chips == [] and panel.resets == []


@pytest.mark.parametrize("name", ["contacts:organisation_list", "events:index", "audit:change_log"])
def test_a_wrong_value_opens_the_panel_to_show_its_error(office_client, name):
    field = {"contacts:organisation_list": "created_after", "audit:change_log": "date_from"}
    response = office_client.get(reverse(name), {field.get(name, "date_after"): "31.02.2024"})
    panel = _panel(response)
    assert "open" in panel.details[0]
    assert "Bitte ein gültiges Datum eingeben." in response.content.decode()


def test_the_yes_no_filter_reads_ja_nein_alle(office_client):
    response = office_client.get(reverse("contacts:index"), {"checked_only": "1"})
    panel = _panel(response)
    assert [chip["text"] for chip in panel.chips] == ["geprüft: ja"]
    content = response.content.decode()
    assert '<option value="">alle</option>' in content
    assert '<option value="true" selected>ja</option>' in content
    assert '<option value="false">nein</option>' in content
    assert "Unbekannt" not in content


def test_the_filter_form_keeps_the_sort(office_client, region):
    response = office_client.get(reverse("partners:index"), {"sort": "-since"})
    assert '<input type="hidden" name="sort" value="-since">' in response.content.decode()
