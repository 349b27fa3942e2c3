import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from kiallianz.dates import date_range

D = datetime.date


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 5, 6), None, "6. Mai 2025"),
        (D(2025, 5, 6), D(2025, 5, 6), "6. Mai 2025"),
        (D(2025, 5, 6), D(2025, 5, 7), "6.–7. Mai 2025"),
        (D(2025, 4, 28), D(2025, 5, 2), "28. April – 2. Mai 2025"),
        (D(2024, 12, 30), D(2025, 1, 2), "30. Dezember 2024 – 2. Januar 2025"),
        (D(2024, 3, 1), D(2024, 3, 31), "1.–31. März 2024"),
    ],
)
def test_it_writes_what_both_ends_share_once(start, end, expected):
    assert date_range(start, end) == expected


def test_an_end_before_the_start_gives_the_start_day_only():
    assert date_range(D(2025, 5, 6), D(2025, 5, 1)) == "6. Mai 2025"


def test_the_template_filter_uses_the_helper():
    template = Template("{% load dates %}{{ start|date_range:end }}|{{ none|date_range }}")
    rendered = template.render(
        Context({"start": D(2025, 5, 6), "end": D(2025, 5, 7), "none": None})
    )
    assert rendered == "6.–7. Mai 2025|"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2023, 10, 1), None, "1 October 2023"),
        (D(2025, 5, 6), D(2025, 5, 7), "6–7 May 2025"),
        (D(2025, 4, 28), D(2025, 5, 2), "28 April – 2 May 2025"),
        (D(2024, 12, 30), D(2025, 1, 2), "30 December 2024 – 2 January 2025"),
    ],
)
def test_it_writes_english_dates_in_english(start, end, expected):
    with translation.override("en"):
        assert date_range(start, end) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "1. Oktober 2023|1. Oktober 2023, 14:30|Sonntag, 1. Oktober 2023|01.10.2023"),
        ("en", "1 October 2023|1 October 2023, 14:30|Sunday, 1 October 2023|1 Oct 2023"),
    ],
)
def test_templates_name_the_format_and_each_language_writes_it(language, expected):
    template = Template(
        '{{ d|date:"DATE_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}|'
        '{{ d|date:"WEEKDAY_DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}'
    )
    context = Context({"d": D(2023, 10, 1), "t": datetime.datetime(2023, 10, 1, 14, 30)})
    with translation.override(language):
        assert template.render(context) == expected


def test_no_template_writes_a_date_pattern_of_its_own():
    """„j. F Y“ in a template stays German in the English UI: name a format.
    (Technical patterns without words or dots, such as „Y-m-d“, may stay.)"""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""\|date:["'][^"']*[.,FlNMDE][^"']*["']""")
    offenders = [
        f"{path.relative_to(root)}: {match}"
        for path in root.glob("**/templates/**/*")
        if path.is_file() and ".venv" not in path.parts and path.suffix in {".html", ".txt"}
        for match in pattern.findall(path.read_text())
        if not match.strip("|date:\"'").endswith("_FORMAT")
    ]
    assert not offenders
