from decimal import Decimal

import pytest

from events.models import Event, SizeCategory
from events.sizing import effective_size_category, suggest_size_category


@pytest.mark.parametrize(
    ("participants", "hours", "promoted", "expected"),
    [
        (100, Decimal("6"), True, SizeCategory.LARGE),
        (80, Decimal("5"), True, SizeCategory.LARGE),
        (79, Decimal("6"), True, SizeCategory.SMALL),
        (150, Decimal("4.5"), True, SizeCategory.SMALL),
        (150, Decimal("8"), False, SizeCategory.SMALL),
        (None, Decimal("8"), True, SizeCategory.SMALL),
        (150, None, True, SizeCategory.SMALL),
    ],
)
def test_it_suggests_large_only_when_all_criteria_hold(participants, hours, promoted, expected):
    assert (
        suggest_size_category(
            participants=participants, programme_hours=hours, promoted_beyond_region=promoted
        )
        == expected
    )


def test_it_prefers_actual_over_expected_participants_and_honours_overrides():
    event = Event(
        expected_participants=120,
        actual_participants=40,
        programme_hours=Decimal("6"),
        promoted_beyond_region=True,
    )
    assert effective_size_category(event) == SizeCategory.SMALL
    event.actual_participants = None
    assert effective_size_category(event) == SizeCategory.LARGE
    event.size_override = SizeCategory.SMALL
    assert effective_size_category(event) == SizeCategory.SMALL
