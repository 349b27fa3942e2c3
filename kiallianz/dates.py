"""Date ranges as the printed report writes them, in the active language."""

import datetime

from django.utils import formats


def date_range(start: datetime.date, end: datetime.date | None = None) -> str:
    """„6. Mai 2025“, „6.–7. Mai 2025“, „28. April – 2. Mai 2025“,
    „30. Dezember 2024 – 2. Januar 2025“ (English: „6–7 May 2025“): what both
    ends share is written once. The patterns are the language's formats
    (kiallianz/formats/)."""
    if end is None or end <= start:
        return formats.date_format(start, "DATE_FORMAT")
    last = formats.date_format(end, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        # The en dash joins the days without spaces, as in „6.–7. Mai“.
        return f"{formats.date_format(start, 'RANGE_FIRST_DAY_FORMAT')}–{last}"
    if start.year == end.year:
        return f"{formats.date_format(start, 'MONTH_DAY_FORMAT')} – {last}"
    return f"{formats.date_format(start, 'DATE_FORMAT')} – {last}"
