"""The month view's grid: weeks of seven days (Monday first), built server-side."""

import calendar
import datetime
from dataclasses import dataclass, field


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[Day]]

    @property
    def first_day(self) -> datetime.date:
        return self.weeks[0][0].date

    @property
    def last_day(self) -> datetime.date:
        return self.weeks[-1][-1].date

    @property
    def month_start(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self) -> datetime.date:
        return (self.month_start - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.month_start + datetime.timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[Day]:
        """For the phone layout: only days of this month that have something on."""
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def empty_grid(year: int, month: int, *, today: datetime.date) -> MonthGrid:
    weeks = [
        [Day(date=day, in_month=day.month == month, is_today=day == today) for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    return MonthGrid(year=year, month=month, weeks=weeks)


def fill_grid(grid: MonthGrid, events) -> MonthGrid:
    """Put each event on every grid day it runs (multi-day events on each)."""
    days = {day.date: day for week in grid.weeks for day in week}
    for event in events:
        current = max(event.start_date, grid.first_day)
        last = min(event.end_date, grid.last_day)
        while current <= last:
            days[current].events.append(event)
            current += datetime.timedelta(days=1)
    return grid
