"""Small or large event: the funder's rough criteria, judged per event.

A large event (Großveranstaltung) has about 100 participants, a broad
programme of about 6 hours, and is promoted beyond the region. The
category is only suggested from these; office staff or the community
manager may override it with a reason.
"""

from decimal import Decimal

from events.models import SizeCategory

# "About" 100 participants and 6 hours: a little below still counts.
LARGE_MIN_PARTICIPANTS = 80
LARGE_MIN_PROGRAMME_HOURS = Decimal("5")


def suggest_size_category(
    *,
    participants: int | None,
    programme_hours: Decimal | None,
    promoted_beyond_region: bool,
) -> str:
    if (
        participants is not None
        and participants >= LARGE_MIN_PARTICIPANTS
        and programme_hours is not None
        and Decimal(programme_hours) >= LARGE_MIN_PROGRAMME_HOURS
        and promoted_beyond_region
    ):
        return SizeCategory.LARGE
    return SizeCategory.SMALL


def effective_size_category(event) -> str:
    """The override if given, otherwise the suggestion (actual count first)."""
    if event.size_override:
        return event.size_override
    participants = event.actual_participants
    if participants is None:
        participants = event.expected_participants
    return suggest_size_category(
        participants=participants,
        programme_hours=event.programme_hours,
        promoted_beyond_region=event.promoted_beyond_region,
    )
