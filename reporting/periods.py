"""Project months (M1…Mn), mid-term and reporting years of a funded project.

M1 is the calendar month in which the project starts, whatever the day;
"mid-term" (Halbzeit) is the day halfway between start and end.
"""

import calendar
import datetime


def month_count(*, start: datetime.date, end: datetime.date) -> int:
    return month_number(start=start, day=end)


def month_number(*, start: datetime.date, day: datetime.date) -> int:
    """Project month of a day: 1 for the start month; 0 or less before the start."""
    return (day.year - start.year) * 12 + day.month - start.month + 1


def month_range(*, start: datetime.date, number: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of project month ``number`` (M1 = start month)."""
    if number < 1:
        raise ValueError("project months start at M1")
    months = start.month - 1 + number - 1
    year, month = start.year + months // 12, months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def mid_term(*, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + (end - start) / 2


def reporting_years(*, start: datetime.date, end: datetime.date) -> list[int]:
    return list(range(start.year, end.year + 1))


def year_in_term(
    *, start: datetime.date, end: datetime.date, year: int
) -> tuple[datetime.date, datetime.date]:
    """The part of a calendar year that lies in the term."""
    return max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))


def clamp(day: datetime.date, *, start: datetime.date, end: datetime.date) -> datetime.date:
    return min(max(day, start), end)


def months_between(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    """(year, month) pairs from the month of ``start`` to the month of ``end``."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
