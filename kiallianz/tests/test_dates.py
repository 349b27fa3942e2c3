import datetime

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
