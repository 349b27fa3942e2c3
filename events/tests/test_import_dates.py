"""Notion's date cells, English and German, with ranges, times and zones."""

import datetime

import pytest

from events.notion_dates import DateRange, parse_notion_date

d = datetime.date
t = datetime.time


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("March 13, 2024", DateRange(d(2024, 3, 13), None, d(2024, 3, 13), None)),
        (
            "March 13, 2024 → March 14, 2024",
            DateRange(d(2024, 3, 13), None, d(2024, 3, 14), None),
        ),
        (
            "March 13, 2024 6:00 PM (GMT+1) → 10:00 PM",
            DateRange(d(2024, 3, 13), t(18, 0), d(2024, 3, 13), t(22, 0)),
        ),
        (
            "13. März 2024 → 14. März 2024",
            DateRange(d(2024, 3, 13), None, d(2024, 3, 14), None),
        ),
        ("13. März 2024 18:00", DateRange(d(2024, 3, 13), t(18, 0), d(2024, 3, 13), None)),
        ("Oct 8, 2024", DateRange(d(2024, 10, 8), None, d(2024, 10, 8), None)),
        ("1. Dezember 2024", DateRange(d(2024, 12, 1), None, d(2024, 12, 1), None)),
        (
            "13. März 2024 18:00 → 14. März 2024 9:30 Uhr",
            DateRange(d(2024, 3, 13), t(18, 0), d(2024, 3, 14), t(9, 30)),
        ),
        ("2024-03-13", DateRange(d(2024, 3, 13), None, d(2024, 3, 13), None)),
        ("13.03.2024 → 14.03.2024", DateRange(d(2024, 3, 13), None, d(2024, 3, 14), None)),
        (
            "March 13, 2024 12:00 AM → 12:30 PM",
            DateRange(d(2024, 3, 13), t(0, 0), d(2024, 3, 13), t(12, 30)),
        ),
    ],
)
def test_it_reads_notion_date_cells(cell, expected):
    assert parse_notion_date(cell) == expected


def test_it_converts_times_to_berlin_summer_time():
    # GMT+1 in June is one hour behind Berlin's summer time (GMT+2).
    span = parse_notion_date("June 7, 2024 5:00 PM (GMT+1) → 11:00 PM")
    assert (span.start_time, span.end_time) == (t(18, 0), t(0, 0))
    assert (span.start_date, span.end_date) == (d(2024, 6, 7), d(2024, 6, 8))


def test_it_converts_utc_and_negative_offsets():
    assert parse_notion_date("January 5, 2025 9:00 AM (UTC)").start_time == t(10, 0)
    span = parse_notion_date("January 5, 2025 9:00 AM (GMT-5)")
    assert (span.start_date, span.start_time) == (d(2025, 1, 5), t(15, 0))


@pytest.mark.parametrize(
    "cell",
    ["", "Smarch 13, 2024", "31. Februar 2024", "March 13, 2024 25:00", "morgen", "A → B → C"],
)
def test_it_rejects_what_it_cannot_read_in_german(cell):
    with pytest.raises(ValueError, match="Datum"):
        parse_notion_date(cell)
