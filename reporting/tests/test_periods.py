import datetime

from reporting import periods

START = datetime.date(2024, 1, 1)
END = datetime.date(2026, 12, 31)


def test_it_numbers_project_months_from_the_start_month():
    assert periods.month_number(start=START, day=datetime.date(2024, 1, 31)) == 1
    assert periods.month_number(start=START, day=datetime.date(2026, 2, 1)) == 26
    assert periods.month_number(start=START, day=datetime.date(2023, 12, 31)) == 0
    assert periods.month_count(start=START, end=END) == 36


def test_it_gives_the_date_range_of_a_project_month():
    assert periods.month_range(start=START, number=26) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )
    assert periods.month_range(start=datetime.date(2024, 5, 15), number=8) == (
        datetime.date(2024, 12, 1),
        datetime.date(2024, 12, 31),
    )


def test_it_puts_mid_term_halfway_through_the_term():
    assert periods.mid_term(start=START, end=END) == datetime.date(2025, 7, 1)


def test_it_lists_reporting_years_and_clips_a_year_to_the_term():
    start = datetime.date(2024, 5, 1)
    assert periods.reporting_years(start=start, end=END) == [2024, 2025, 2026]
    assert periods.year_in_term(start=start, end=END, year=2024) == (
        start,
        datetime.date(2024, 12, 31),
    )


def test_it_lists_the_months_between_two_days():
    assert periods.months_between(datetime.date(2024, 11, 20), datetime.date(2025, 2, 1)) == [
        (2024, 11),
        (2024, 12),
        (2025, 1),
        (2025, 2),
    ]
